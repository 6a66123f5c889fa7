import EPCIS
import Foundation
import Hummingbird
import Web

extension PortalController {
    /// The label page: a lot on hand, or a series of serials of a product.
    func labelsPage(_ party: PortalParty) -> Response {
        Responses.html(PageRenderer.shared.render(PortalLabelsModel(
            language: party.language, party: party.name,
            lots: party.holdings.map { .init(value: $0.lot, label: party.lotName($0.lot)) },
            products: party.products.map { .init(value: $0.gtin, label: $0.name) })))
    }

    /// `GET /portal/labels.svg?lot=KEY&count=N` (a lot the party holds, N labels) or
    /// `?gtin=GTIN&from=S&count=N[&lot=L]` (serials S … S+N−1 of a product of the master data): an A4 sheet of QR
    /// labels, each the GS1 Digital Link a consumer will scan, on this platform's public domain when it has one.
    /// `GET /portal/labels.pdf` with the same parameters: every page in one PDF.
    func labelSheet(_ request: Request, _ party: PortalParty, pdf: Bool = false) async throws -> Response {
        let parameters = request.uri.queryParameters
        // The label form leaves a field empty for its default.
        func field(_ name: String) -> String? { parameters[Substring(name)].flatMap { $0.isEmpty ? nil : String($0) } }
        let count = try QueryNumber.read(field("count"), name: "count", default: 24, range: 1...240)
        let domain = platform.configuration.publicBaseURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
            ?? "https://id.gs1.org"
        var labels: [LabelSheet.Label] = []
        if let gtin = parameters["gtin"].map(String.init) {
            guard party.products.contains(where: { $0.gtin == gtin }) else {
                throw Problem.badParameter("gtin: \(gtin) is not a product of the master data")
            }
            let from = try QueryNumber.read(
                field("from"), name: "from", default: 1, range: 0...999_999_999_999)
            let lot = parameters["lot"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
            if let lot, !lot.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-._".contains($0)) })
                || lot.count > 20
            {
                throw Problem.badParameter("lot: up to 20 letters, digits, '-', '.' or '_'")
            }
            for serial in from..<(from + count) {
                let path = "/01/\(gtin)" + (lot.map { "/10/\($0)" } ?? "") + "/21/\(serial)"
                labels.append(.init(
                    link: domain + path,
                    lines: [party.productName(gtin: gtin), "GTIN \(gtin)"] + (lot.map { ["LOT \($0)"] } ?? [])
                        + ["SN \(serial)"]))
            }
        } else {
            let lot = parameters["lot"].map(String.init) ?? ""
            guard party.holdings.contains(where: { $0.lot == lot }), let gtin = DigitalLinkKey(lot).value("01"),
                let number = DigitalLinkKey(lot).value("10")
            else { throw Problem.badParameter("lot: \(lot) is not a lot \(party.name) holds") }
            let label = LabelSheet.Label(
                link: domain + "/01/\(gtin)/10/\(number)",
                lines: [party.productName(gtin: gtin), "GTIN \(gtin)", "LOT \(number)", party.name])
            labels = Array(repeating: label, count: count)
        }
        let sheet = LabelSheet(labels: labels)
        if pdf { return Responses.bytes(try sheet.pdf(), contentType: "application/pdf") }
        let page = try QueryNumber.read(
            field("page"), name: "page", default: 1, range: 1...sheet.pageCount)
        return Responses.bytes(Data(try sheet.svg(page: page - 1).utf8), contentType: "image/svg+xml")
    }
}
