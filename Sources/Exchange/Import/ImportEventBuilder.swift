import EPCIS
import Foundation

/// Builds the EPCIS event of each row (or of each transformation's rows), with its derived eventID.
struct ImportEventBuilder {
    let kind: ImportKind
    let template: ImportTemplate

    private static let cbvmda = "urn:epcglobal:cbv:mda:"

    /// The rows of each event, in the order of their first row: one row each, except a transformation, whose rows
    /// share a batch ID.
    func groups(_ rows: [ImportRow], issues: inout [ImportIssue]) -> [[ImportRow]] {
        guard kind == .transformation else { return rows.map { [$0] } }
        var order: [String] = []
        var byBatch: [String: [ImportRow]] = [:]
        for row in rows {
            guard let batch = row.raw[.batchID] else { continue }
            if byBatch[batch] == nil { order.append(batch) }
            byBatch[batch, default: []].append(row)
        }
        return order.compactMap { byBatch[$0] }
    }

    /// The event of a group of rows, or nil when its rows have problems (recorded in `issues`).
    mutating func event(for rows: [ImportRow], issues: inout [ImportIssue]) -> EPCISEvent? {
        let before = issues.count
        guard let first = rows.first else { return nil }
        if kind == .transformation {
            for row in rows.dropFirst() {
                for column in [ImportColumn.dateTime, .timeZone, .location] where row.raw[column] != first.raw[column] {
                    issues.append(
                        ImportIssue(
                            row: row.number, column: column.header,
                            rule: "differs from row \(first.number) of the same batch \(first.raw[.batchID] ?? "")"))
                }
            }
            if !rows.contains(where: \.isInput) || !rows.contains(where: { !$0.isInput }) {
                issues.append(
                    ImportIssue(
                        row: first.number, column: ImportColumn.role.header,
                        rule: "batch \(first.raw[.batchID] ?? "") needs at least one 投入 / input row and one "
                            + "产出 / output row"
                    ))
            }
        }
        // A row whose own cells broke a rule has no event; its issues are already recorded.
        guard issues.count == before, rows.allSatisfy({ $0.time != nil && $0.location != nil && $0.lotClass != nil }),
            let time = first.time, let location = first.location
        else { return nil }
        var event = EPCISEvent(
            type: kind == .transformation ? .transformationEvent : .objectEvent, eventTime: time,
            eventTimeZoneOffset: first.offset)
        event.readPoint = LocationReference(id: location)
        event.bizLocation = LocationReference(id: location)
        switch kind {
        case .harvest:
            event.action = .add
            event.bizStep = step("commissioning")
            event.disposition = disposition("active")
            event.quantityList = [quantity(first)]
            event.ilmd = ilmd(first, lot: true)
        case .shipping:
            event.action = .observe
            event.bizStep = step("shipping")
            event.disposition = disposition("in_transit")
            event.bizLocation = nil
            event.quantityList = [quantity(first)]
            event.sourceList = parties(location: location, party: first.shipFromParty)
            event.destinationList = parties(location: first.shipTo, party: first.shipToParty)
        case .receiving:
            event.action = .observe
            event.bizStep = step("receiving")
            event.disposition = disposition("in_progress")
            event.quantityList = [quantity(first)]
            event.sourceList = parties(location: first.shipFrom, party: first.shipFromParty)
            event.destinationList = parties(location: location, party: first.shipToParty)
        case .transformation:
            event.bizStep = step("commissioning")
            event.disposition = disposition("active")
            event.inputQuantityList = rows.filter(\.isInput).map(quantity)
            let outputs = rows.filter { !$0.isInput }
            event.outputQuantityList = outputs.map(quantity)
            let ilmdSource = outputs.first { $0.productionDate != nil || $0.expiryDate != nil } ?? outputs[0]
            event.ilmd = ilmd(ilmdSource, lot: outputs.count == 1)
        case .treatment:
            event.action = .observe
            event.bizStep = step("other")
            event.quantityList = [quantity(first)]
            event.extensions = extensions([
                ("recordKind", .string("treatment")),
                ("inputProduct", first.raw[.inputProduct].map(ExtensionValue.string)),
                ("registrationNumber", first.raw[.registrationNumber].map(ExtensionValue.string)),
                ("dose", first.dose.map { .number(ExportCell.format($0)) }),
                ("doseUnit", first.raw[.doseUnit].map(ExtensionValue.string)),
                ("withholdingDays", first.withholdingDays.map { .number(ExportCell.format($0)) }),
                ("operator", first.raw[.operatorName].map(ExtensionValue.string)),
            ])
        case .inspection:
            event.action = .observe
            event.bizStep = step("inspecting")
            event.disposition = disposition(first.conformant ? "conformant" : "non_conformant")
            event.quantityList = [quantity(first)]
            event.certificationInfo = first.certificate.map { [$0] } ?? []
            event.extensions = extensions([
                ("recordKind", .string("inspection")),
                ("testItem", first.raw[.testItem].map(ExtensionValue.string)),
                ("testValue", first.testValue.map { .number(ExportCell.format($0)) }),
                ("testUnit", first.raw[.testUnit].map(ExtensionValue.string)),
                ("testResult", .string(first.conformant ? "pass" : "fail")),
                ("laboratory", first.raw[.laboratory].map(ExtensionValue.string)),
            ])
        case .sale:
            event.action = .observe
            event.bizStep = step("retail_selling")
            event.disposition = disposition("retail_sold")
            event.quantityList = [quantity(first)]
        }
        event.bizTransactionList = transactions(first, location: location)
        event.eventID = Self.eventID(kind: kind, rows: rows, columns: template.columns)
        return event
    }

    private func step(_ term: String) -> CBVValue? { CBVValue(term, in: .bizStep) }
    private func disposition(_ term: String) -> CBVValue? { CBVValue(term, in: .disposition) }

    private func quantity(_ row: ImportRow) -> QuantityElement {
        QuantityElement(epcClass: row.lotClass ?? IdentifierURI(""), quantity: row.quantity, uom: row.unit)
    }

    private func parties(location: IdentifierURI?, party: IdentifierURI?) -> [SourceDestination] {
        var list: [SourceDestination] = []
        if let party, let type = CBVValue("owning_party", in: .sourceDestType) {
            list.append(SourceDestination(type: type, id: party))
        }
        if let location, let type = CBVValue("location", in: .sourceDestType) {
            list.append(SourceDestination(type: type, id: location))
        }
        return list
    }

    private func ilmd(_ row: ImportRow, lot: Bool) -> [ExtensionElement]? {
        var elements: [ExtensionElement] = []
        let mda = { (name: String) in QualifiedName(namespace: Self.cbvmda, localName: name, prefix: "cbvmda") }
        if lot { elements.append(ExtensionElement(name: mda("lotNumber"), value: .string(row.lot))) }
        if let produced = row.productionDate {
            elements.append(ExtensionElement(name: own("productionDate"), value: .string(produced)))
        }
        if let expiry = row.expiryDate {
            elements.append(ExtensionElement(name: mda("itemExpirationDate"), value: .string(expiry)))
        }
        if let field = row.raw[.fieldName] {
            elements.append(ExtensionElement(name: own("fieldName"), value: .string(field)))
        }
        return elements.isEmpty ? nil : elements
    }

    private func own(_ name: String) -> QualifiedName {
        QualifiedName(namespace: SpreadsheetImporter.namespace, localName: name, prefix: "suyuan")
    }

    private func extensions(_ pairs: [(String, ExtensionValue?)]) -> [ExtensionElement] {
        pairs.compactMap { name, value in value.map { ExtensionElement(name: own(name), value: $0) } }
    }

    /// The row's business document, and a transformation's batch as a production order. A shipping document is
    /// numbered by the shipper (its party, else its location), so that the shipping and the receiving rows of one
    /// consignment name the same transaction.
    private func transactions(_ row: ImportRow, location: IdentifierURI) -> [BizTransaction] {
        var list: [BizTransaction] = []
        let issuer: IdentifierURI
        switch kind {
        case .shipping: issuer = row.shipFromParty ?? location
        case .receiving: issuer = row.shipFromParty ?? row.shipFrom ?? location
        default: issuer = location
        }
        if kind == .transformation, let batch = row.raw[.batchID] {
            list.append(
                BizTransaction(
                    type: CBVValue("prodorder", in: .bizTransactionType),
                    id: CellParsers.documentID(batch, issuer: issuer)))
        }
        if let number = row.raw[.documentNumber] {
            let type = row.documentType ?? defaultDocumentType
            let transaction = BizTransaction(type: type, id: CellParsers.documentID(number, issuer: issuer))
            if !list.contains(transaction) { list.append(transaction) }
        }
        return list
    }

    private var defaultDocumentType: CBVValue? {
        switch kind {
        case .shipping, .receiving: CBVValue("desadv", in: .bizTransactionType)
        case .transformation, .harvest, .treatment: CBVValue("prodorder", in: .bizTransactionType)
        case .inspection: CBVValue("testres", in: .bizTransactionType)
        case .sale: CBVValue("inv", in: .bizTransactionType)
        }
    }

    /// A name-based UUID (RFC 9562 version 8, SHA-256) of the kind and the rows' trimmed cells, column by column.
    static func eventID(kind: ImportKind, rows: [ImportRow], columns: [ImportColumn]) -> String {
        var text = "suyuan-import-v1\u{1}" + kind.rawValue
        for row in rows {
            text += "\u{2}"
            for column in columns { text += "\u{1}" + column.rawValue + "=" + (row.raw[column] ?? "") }
        }
        var bytes = Array(SHA256.hash(text).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x80
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let parts = [
            hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4),
            hex.dropFirst(20),
        ]
        return "urn:uuid:" + parts.joined(separator: "-")
    }
}
