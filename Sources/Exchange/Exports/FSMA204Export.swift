public import EPCIS
import Foundation
import Identifiers

/// The FDA FSMA 204 electronic sortable spreadsheet (21 CFR 1.1455(c)(3)(ii)): one row per critical tracking event
/// and traceability lot code, with the key data elements of 1.1325–1.1350 in the order the rule lists them for
/// shipping and receiving, and a glossary sheet (1.1455(c)(1): "information needed to understand" the sheet).
///
/// The FDA's 2024 template could not be retrieved here; the column names are the rule's own KDE names, which the
/// template uses, in the layout of docs/decisions/0018-spreadsheet-import-and-regulator-exports.md. A transformation
/// takes one row per input lot and one per output lot, sharing the Event ID.
public enum FSMA204Export {
    /// The main sheet's columns.
    public static let columns = [
        "Event ID", "Critical Tracking Event (CTE)", "Traceability Lot Code (TLC)", "TLC GTIN", "TLC Batch/Lot",
        "Product Description", "Quantity", "Unit of Measure", "Event Date", "Event Date/Time (UTC)",
        "Location Description", "Location Identifier (GLN)", "Immediate Previous Source",
        "Immediate Previous Source Identifier", "Immediate Subsequent Recipient",
        "Immediate Subsequent Recipient Identifier", "Traceability Lot Code Source",
        "Traceability Lot Code Source Reference", "Reference Document Type", "Reference Document Number",
        "Transformation Input or Output", "Field or Growing Area Name", "Expiration Date",
    ]

    /// The CTE an event is, or nil for events that are none (inspections, sales, treatments).
    static func cte(_ event: EPCISEvent) -> String? {
        if event.type == .transformationEvent { return "Transformation" }
        guard event.type == .objectEvent || event.type == .aggregationEvent else { return nil }
        switch event.stepTerm {
        case "commissioning", "creating_class_instance":
            return event.extensionText("fieldName") != nil ? "Harvesting" : "Initial Packing"
        case "packing" where event.type == .objectEvent: return "Initial Packing"
        case "shipping", "departing": return "Shipping"
        case "receiving", "arriving", "accepting": return "Receiving"
        case "storing" where event.extensionText("coolingDate") != nil: return "Cooling"
        default: return nil
        }
    }

    /// Builds the spreadsheet.
    /// - Parameters:
    ///   - input: the events and master data.
    ///   - lot: when the request named a lot, only that lot's rows (a transformation names others).
    ///   - origins: events that assigned TLCs (commissioning, transformation outputs), to name each TLC's source
    ///     when the export's own events do not hold them.
    /// - Returns: the workbook: the records, then the glossary.
    public static func workbook(_ input: ExportInput, lot: String? = nil, origins: [EPCISEvent] = []) -> ExportWorkbook
    {
        let directory = input.directory
        var sources: [String: String] = [:]
        for event in origins + input.events {
            let assigned: [QuantityElement]
            switch event.type {
            case .transformationEvent: assigned = event.outputQuantityList
            case .objectEvent where event.action == .add: assigned = event.quantityList
            default: assigned = []
            }
            for element in assigned where sources[element.epcClass.canonicalKey] == nil {
                if let place = event.place { sources[element.epcClass.canonicalKey] = place }
            }
        }
        let only = lot.map { IdentifierURI($0).canonicalKey }
        var rows: [[ExportCell]] = []
        for event in input.events {
            guard let cte = cte(event) else { continue }
            var lines: [(QuantityElement, String)] = []
            if event.type == .transformationEvent {
                lines = event.inputQuantityList.map { ($0, "Input") } + event.outputQuantityList.map { ($0, "Output") }
            } else {
                lines = (event.quantityList + event.childQuantityList).map { ($0, "") }
            }
            for (element, role) in lines {
                let key = element.epcClass.canonicalKey
                if let only, key != only, event.type != .transformationEvent { continue }
                let item = ItemKey(element.epcClass)
                let source = sources[key]
                let previous = cte == "Receiving" ? (event.sourceLocation ?? event.sourceParty) : nil
                let next = cte == "Shipping" ? (event.destinationLocation ?? event.destinationParty) : nil
                let reference = event.reference
                rows.append([
                    .text(event.eventID ?? ""), .text(cte), .text(tlc(item, element.epcClass)), .text(item.gtin ?? ""),
                    .text(item.lot ?? ""), .text(directory.product(gtin: item.gtin)),
                    element.quantity.map(ExportCell.number) ?? .text(""), .text(element.uom ?? ""),
                    .text(RecordTime.localDate(event)), .text(RecordTime.utc(event.eventTime)),
                    .text(directory.describe(event.place)), .text(event.place.map(MasterDataDirectory.plainKey) ?? ""),
                    .text(directory.describe(previous)), .text(previous.map(MasterDataDirectory.plainKey) ?? ""),
                    .text(directory.describe(next)), .text(next.map(MasterDataDirectory.plainKey) ?? ""),
                    .text(directory.describe(source)), .text(source.map(MasterDataDirectory.plainKey) ?? ""),
                    .text(documentType(reference?.type)), .text(reference?.number ?? ""), .text(role),
                    .text(event.extensionText("fieldName") ?? ""),
                    .text(event.extensionText("itemExpirationDate") ?? ""),
                ])
            }
        }
        return ExportWorkbook(sheets: [
            ExportSheet(name: "FSMA 204 records", header: columns, rows: rows),
            ExportSheet(
                name: "Glossary", header: ["Term", "Meaning"], rows: glossary.map { [.text($0.0), .text($0.1)] }),
        ])
    }

    /// The TLC as the sheet prints it: GTIN and lot as the GS1 element string `(01)…(10)…`.
    static func tlc(_ item: ItemKey, _ uri: IdentifierURI) -> String {
        guard let gtin = item.gtin else { return uri.text }
        return "(01)\(gtin)" + (item.lot.map { "(10)\($0)" } ?? "")
    }

    static func documentType(_ term: String?) -> String {
        switch term {
        case "desadv": "Advance Shipping Notice"
        case "po": "Purchase Order"
        case "inv": "Invoice"
        case "bol": "Bill of Lading"
        case "recadv": "Receiving Advice"
        case "prodorder": "Production Order"
        case "testres": "Test Result"
        case "cert": "Certificate"
        case let other?: other
        case nil: ""
        }
    }

    static let glossary: [(String, String)] = [
        (
            "Critical Tracking Event (CTE)",
            "Harvesting, Cooling, Initial Packing, Shipping, Receiving or Transformation (21 CFR 1.1310)."
        ),
        ("Traceability Lot Code (TLC)", "GTIN and batch/lot as the GS1 element string (01)GTIN(10)LOT."),
        (
            "Quantity / Unit of Measure",
            "UN/CEFACT Recommendation 20 codes: KGM kilogram, TNE tonne, GRM gram, LTR litre, H87 piece, CS case, "
                + "EA each."
        ),
        ("Event Date", "The local date where the event took place."),
        ("Event Date/Time (UTC)", "The instant of the event in UTC."),
        ("Location Identifier (GLN)", "GS1 Global Location Number of the place."),
        ("Immediate Previous Source", "For Receiving: the location the food was received from (1.1345(a)(4))."),
        ("Immediate Subsequent Recipient", "For Shipping: the location the food was shipped to (1.1340(a)(4))."),
        ("Traceability Lot Code Source", "The place where the TLC was assigned (initial packing or transformation)."),
        ("Reference Document Type / Number", "The business document of the event (1.1310 'reference document')."),
        (
            "Transformation Input or Output",
            "For Transformation: whether the row is a lot used (Input) or produced (Output); rows of one "
                + "transformation share the Event ID."
        ),
        ("Event ID", "The EPCIS 2.0 eventID of the record in the traceability platform."),
    ]
}
