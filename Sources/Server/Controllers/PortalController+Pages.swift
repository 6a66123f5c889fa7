import EPCIS
import Foundation
import Hummingbird
import Storage
import TraceEngine
import Web

extension PortalController {
    /// The home page: notice of the last action, alerts (recalls addressed to the party, findings about it), the
    /// forms, and what it holds.
    func home(_ request: Request, _ party: PortalParty) async throws -> Response {
        let catalog = party.catalog
        var notice: String?
        if let saved = request.uri.queryParameters["saved"].map(String.init) {
            // An event hash ID (`ni:///sha-256;HEX?ver=CBV2.0`) is shown by the first digits of its hash.
            let digits = saved.split(separator: ";").last.map { String($0.prefix { $0 != "?" }.prefix(12)) } ?? saved
            notice = catalog.format("portal.home.saved", ["id": digits])
        } else if request.uri.queryParameters["acknowledged"] != nil {
            notice = catalog.text("portal.home.acknowledgedNotice")
        }
        let stock = party.holdings.map { holding in
            PortalHomeModel.StockRow(
                product: DigitalLinkKey(holding.lot).value("01").map(party.productName(gtin:)) ?? holding.lot,
                lot: DigitalLinkKey(holding.lot).value("10") ?? holding.lot,
                quantity: PortalParty.format(holding.onHand), unit: party.unitName(holding.uom),
                labelsHref: "/portal/labels.svg?" + PortalParty.query([("lot", holding.lot)]))
        }
        var recalls: [PortalHomeModel.RecallRow] = []
        for record in try await platform.store.recalls(limit: 200) {
            let mine = record.holders.filter { holder in
                holder.party.map { IdentifierKeys.canonical($0) == party.key } ?? false
                    || party.keys.contains(IdentifierKeys.canonical(holder.location))
            }
            guard let first = mine.first else { continue }
            let withdraw = mine.map {
                party.lotName(IdentifierKeys.canonical($0.identifier)) + ": " + PortalParty.format($0.quantity) + " "
                    + party.unitName($0.uom == "EA" ? "" : $0.uom)
            }.joined(separator: "; ")
            let acknowledged = first.acknowledgement.map {
                catalog.format("portal.home.acknowledgedBy", [
                    "by": $0.by, "at": HTML.utcDay($0.at), "note": $0.note ?? "",
                ])
            }
            recalls.append(.init(
                id: record.id, reason: record.reason, withdraw: withdraw,
                quantity: PortalParty.format(mine.reduce(0) { $0 + $1.quantity }), acknowledged: acknowledged))
        }
        let snapshot = try await platform.reconcile()
        let findings = snapshot.findings.filter { finding in
            [finding.from, finding.to].contains { name in
                name.map { party.keys.contains(IdentifierKeys.canonical($0)) } ?? false
            }
        }.prefix(50).map { finding in
            PortalHomeModel.FindingRow(
                kind: catalog.message("portal.finding.\(finding.kind.rawValue)") ?? finding.kind.rawValue,
                detail: catalog.format("portal.finding.detail", [
                    "what": DigitalLinkKey(finding.key).value("10") != nil
                        ? party.lotName(finding.key) : finding.identifier,
                    "expected": finding.expected.map(PortalParty.format) ?? "—",
                    "actual": finding.actual.map(PortalParty.format) ?? "—",
                    "unit": party.unitName(finding.uom ?? ""),
                ]))
        }
        let incoming = try await PortalShipment.open(for: party, store: platform.store).count
        return Responses.html(PageRenderer.shared.render(PortalHomeModel(
            language: party.language, party: party.name, notice: notice, stock: stock, recalls: recalls,
            findings: Array(findings), incoming: incoming)))
    }

    /// A recording form: fresh (GET), checked with its preview (`step=preview`), or saved (`step=save`).
    func form(
        _ request: Request, _ context: AppRequestContext, _ party: PortalParty, values: [String: String]
    ) async throws -> Response {
        let name = try context.parameters.require("kind")
        guard let kind = PortalFormKind(rawValue: name) else { throw Problem.notFound("no portal form \(name)") }
        var draft = PortalDraft(party: party, values: values)
        draft.fill(kind)
        return try await answer(
            draft, party: party, heading: party.catalog.text("portal.form.\(kind.rawValue).title"),
            intro: party.catalog.text("portal.form.\(kind.rawValue).intro"), action: "/portal/record/\(kind.rawValue)")
    }

    /// Shows a draft: its form, its problems (400, nothing stored), its preview, or, saved, the home page.
    func answer(
        _ draft: PortalDraft, party: PortalParty, heading: String, intro: String, action: String,
        current: String = "home"
    ) async throws -> Response {
        var problems = draft.problems
        // A fresh form (nothing posted) is only shown, even when its defaults would already make an event.
        let event = draft.posted ? draft.event : nil
        if problems.isEmpty, let event {
            problems = try await PortalCapture(platform: platform).check(event, party: party)
            if problems.isEmpty, draft.values["step"] == "save" {
                let id = try await PortalCapture(platform: platform).store(event, party: party)
                return Responses.seeOther("/portal?" + PortalParty.query([("saved", id)]))
            }
        }
        var preview: PortalFormModel.Preview?
        if problems.isEmpty, let event {
            let hidden = draft.values.filter { $0.key != "step" }.sorted { $0.key < $1.key }
                .map { PortalFormModel.Hidden(name: $0.key, value: $0.value) }
            preview = .init(summary: draft.summary, json: PortalCapture<Store>.preview(event), hidden: hidden)
        }
        let model = PortalFormModel(
            language: party.language, party: party.name, heading: heading, intro: intro, action: action,
            fields: draft.fields, problems: problems, preview: preview, current: current)
        return Responses.html(PageRenderer.shared.render(model), status: problems.isEmpty ? .ok : .badRequest)
    }

    /// The shipments waiting for the party's confirmation.
    func receiveList(_ party: PortalParty, error: String?) async throws -> Response {
        let rows = try await PortalShipment.open(for: party, store: platform.store).map { shipment in
            PortalReceiveModel.Row(
                from: party.names.partyName(shipment.source).text(party.catalog) ?? shipment.source,
                shipped: LocalTime(shipment.event.eventTime.date, offset: shipment.event.eventTimeZoneOffset)
                    .minute(party.catalog),
                contents: shipment.event.quantityList.map {
                    party.lotName($0.epcClass.canonicalKey) + " "
                        + PortalParty.format($0.quantity ?? 0) + " " + party.unitName($0.uom ?? "")
                }.joined(separator: "; "),
                transaction: shipment.transactions.joined(separator: ", "),
                href: "/portal/receive/shipment?" + PortalParty.query([("id", shipment.id)]))
        }
        return Responses.html(
            PageRenderer.shared.render(PortalReceiveModel(
                language: party.language, party: party.name, rows: rows, error: error,
                scanning: PortalScanner.installed != nil)),
            status: error == nil ? .ok : .badRequest)
    }

    /// The receipt form of one shipment; a shipment not addressed to the party, or already received, is refused.
    func receipt(_ party: PortalParty, values: [String: String]) async throws -> Response {
        let id = values["shipment"] ?? ""
        let open = try await platform.store.openShipments()
        guard let shipment = open.first(where: { $0.shippingEventID == id }) else {
            return try await receiveList(party, error: party.catalog.text("portal.rule.notOpen"))
        }
        guard party.keys.contains(shipment.destination) else {
            var response = try await receiveList(party, error: party.catalog.text("portal.rule.notAddressed"))
            response.status = .forbidden
            return response
        }
        guard let stored = try await platform.store.events(withID: id).first else {
            throw Problem.notFound("no shipping event \(id)")
        }
        var draft = PortalDraft(party: party, values: values)
        draft.receive(PortalShipment(id: id, event: stored.event, source: shipment.source))
        return try await answer(
            draft, party: party, heading: party.catalog.text("portal.form.receive.title"),
            intro: party.catalog.text("portal.form.receive.intro"), action: "/portal/receive/shipment",
            current: "receive")
    }

    /// Finds a waiting shipment by a code typed or read from its papers: a delivery note number or URI, or an
    /// identifier it carries.
    func find(_ party: PortalParty, code: String) async throws -> Response {
        let text = code.trimmingCharacters(in: .whitespacesAndNewlines)
        let key = IdentifierKeys.canonical(text)
        let match = try await PortalShipment.open(for: party, store: platform.store).first { shipment in
            !text.isEmpty
                && (shipment.transactions.contains(text)
                    || shipment.event.bizTransactionList.contains { $0.id.text == text }
                    || shipment.event.quantityList.contains { $0.epcClass.canonicalKey == key }
                    || shipment.event.epcList.contains { $0.canonicalKey == key })
        }
        guard let match else {
            return try await receiveList(party, error: party.catalog.format("portal.receive.notFound", ["code": text]))
        }
        return Responses.seeOther("/portal/receive/shipment?" + PortalParty.query([("id", match.id)]))
    }

    /// A photo of a code (the delivery note's QR or barcode, or a code on the goods) read on the server; the first
    /// code that names a waiting shipment opens its receipt form.
    func scan(_ party: PortalParty, body: Data, contentType: String) async throws -> Response {
        guard let scanner = PortalScanner.installed else {
            return try await receiveList(party, error: party.catalog.text("portal.receive.noDecoder"))
        }
        guard let photo = (try? MultipartForm(body, contentType: contentType))?["photo"]?.data, !photo.isEmpty else {
            return try await receiveList(party, error: party.catalog.text("portal.receive.noPhoto"))
        }
        let codes = try await scanner.codes(in: photo)
        guard !codes.isEmpty else {
            return try await receiveList(party, error: party.catalog.text("portal.receive.unreadable"))
        }
        for code in codes {
            let response = try await find(party, code: code)
            if response.status == .seeOther { return response }
        }
        return try await find(party, code: codes[0])
    }

    /// A recall acknowledged from the home page, with the quantity withdrawn and a note.
    func acknowledge(_ party: PortalParty, values: [String: String]) async throws -> Response {
        let id = values["recall"] ?? ""
        guard let record = try await platform.store.recall(id: id) else { throw Problem.notFound("no recall \(id)") }
        // The store keeps acknowledgements by the holding party the recall's trace named (from the master data, or
        // from a source or destination list that names a place beside its party).
        guard let holder = record.holders.first(where: { holder in
            holder.party.map { IdentifierKeys.canonical($0) == party.key } ?? false
        }), let holderParty = holder.party else {
            throw Problem.forbidden("recall \(id) names no holding of \(party.name)")
        }
        let withdrawnText = (values["withdrawn"] ?? "").trimmingCharacters(in: .whitespaces)
        guard let withdrawn = Double(withdrawnText), withdrawn.isFinite, withdrawn >= 0 else {
            throw Problem.invalid(
                "withdrawn: " + party.catalog.format("portal.rule.positive", ["value": withdrawnText]))
        }
        let unit = holder.uom == "EA" ? "" : " " + holder.uom
        let said = values["note"]?.trimmingCharacters(in: .whitespaces)
        let note = ["withdrawn \(PortalParty.format(withdrawn))\(unit)", said]
            .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
        _ = try await platform.store.acknowledge(
            recallID: record.id, party: holderParty,
            RecallAcknowledgement(by: party.principal.name, at: Date(), note: note))
        platform.metrics.count("recall_acknowledgements", "recall acknowledgements recorded")
        platform.captured.signal()
        return Responses.seeOther("/portal?acknowledged=1")
    }
}
