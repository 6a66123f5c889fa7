// Copied from StorageSQLite (pure mapping, no GRDB): both backends write the same rows. To be moved into Storage
// once the SQLite branch settles, so that one definition serves both.
import EPCIS
import Foundation
import Identifiers
import Storage

/// One row of `event`, and the rows of `event_identifier`, `event_party` and `event_biz_transaction` that index
/// it: the mapping between a domain ``StoredEvent`` and the tables (domain types never touch GRDB).
struct EventRecord: Sendable {
    /// One identifier an event touches, with its role.
    struct Identifier: Sendable {
        var role: String
        var key: String
        var ai: String?
        var aiValue: String?
        var quantity: Double?
        var uom: String?
    }

    /// A source or destination.
    struct Party: Sendable {
        var direction: String
        var type: String
        var party: String
    }

    /// A business transaction.
    struct Transaction: Sendable {
        var type: String?
        var id: String
    }

    var eventID: String
    var hashID: String
    var eventType: String
    var eventTimeMilliseconds: Int64
    var eventTime: String
    var recordTimeMilliseconds: Int64
    var recordTime: String
    var action: String?
    var bizStep: String?
    var disposition: String?
    var readPoint: String?
    var bizLocation: String?
    var transformationID: String?
    var hasErrorDeclaration: Bool
    var body: String
    var identifiers: [Identifier]
    var parties: [Party]
    var transactions: [Transaction]
    /// The canonical key of every URI above, by its text as captured (the projector reuses them).
    var canonicalKeys: [String: String]

    /// Maps a stored event to its rows.
    /// - Parameters:
    ///   - stored: the event with its ID, hash and record time.
    ///   - encoder: writes the faithful body (compact JSON-LD of the one event).
    init(_ stored: StoredEvent, encoder: JSONDocumentEncoder) {
        let event = stored.event
        eventID = stored.id
        hashID = stored.hashID
        eventType = event.type.rawValue
        eventTimeMilliseconds = Self.milliseconds(event.eventTime)
        eventTime = event.eventTime.text
        let recorded = event.recordTime ?? event.eventTime
        recordTimeMilliseconds = Self.milliseconds(recorded)
        recordTime = recorded.text
        action = event.action?.rawValue
        bizStep = event.bizStep?.uri
        disposition = event.disposition?.uri
        var keys: [String: String] = [:]
        func key(_ uri: IdentifierURI) -> String {
            if let known = keys[uri.text] { return known }
            let computed = uri.canonicalKey
            keys[uri.text] = computed
            return computed
        }
        readPoint = event.readPoint.map { key($0.id) }
        bizLocation = event.bizLocation.map { key($0.id) }
        transformationID = event.transformationID
        hasErrorDeclaration = event.errorDeclaration != nil
        body = String(decoding: encoder.encode(event), as: UTF8.self)
        var identifiers: [Identifier] = []
        func add(_ role: String, _ uris: [IdentifierURI]) {
            for uri in uris {
                let item = Self.identifier(role, uri, nil, nil)
                keys[uri.text] = item.key
                identifiers.append(item)
            }
        }
        func add(_ role: String, _ elements: [QuantityElement]) {
            for element in elements {
                let item = Self.identifier(role, element.epcClass, element.quantity, element.uom)
                keys[element.epcClass.text] = item.key
                identifiers.append(item)
            }
        }
        add("epc", event.epcList)
        add("parent", event.parentID.map { [$0] } ?? [])
        add("child", event.childEPCs)
        add("input", event.inputEPCList)
        add("output", event.outputEPCList)
        add("quantity", event.quantityList)
        add("child_quantity", event.childQuantityList)
        add("input_quantity", event.inputQuantityList)
        add("output_quantity", event.outputQuantityList)
        self.identifiers = identifiers
        parties =
            event.sourceList.map { Party(direction: "source", type: $0.type.uri, party: key($0.id)) }
            + event.destinationList.map { Party(direction: "destination", type: $0.type.uri, party: key($0.id)) }
        transactions = event.bizTransactionList.map { Transaction(type: $0.type?.uri, id: key($0.id)) }
        canonicalKeys = keys
    }

    /// UTC milliseconds since 1970, rounded down (sub-millisecond digits are kept in the text and the body).
    static func milliseconds(_ time: EPCISDateTime) -> Int64 {
        time.epochSeconds * 1000 + Int64(time.nanoseconds / 1_000_000)
    }

    private static func identifier(_ role: String, _ uri: IdentifierURI, _ quantity: Double?, _ uom: String?)
        -> Identifier
    {
        // Parse once: the canonical key and the primary element string come from the same parse.
        let gs1 = uri.gs1Identifier
        let primary = gs1?.elementStrings.first
        return Identifier(
            role: role, key: gs1?.digitalLink() ?? uri.text, ai: primary?.ai, aiValue: primary?.value,
            quantity: quantity, uom: uom)
    }
}
