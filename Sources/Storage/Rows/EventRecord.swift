public import EPCIS
import Foundation
import Identifiers
public import Transparency

/// One row of `event`, and the rows of `event_identifier`, `event_party` and `event_biz_transaction` that index
/// it: the mapping between a domain ``StoredEvent`` and the tables that every SQL backend shares (the backends
/// bind these values; domain types never touch a database library).
public struct EventRecord: Sendable {
    /// One identifier an event touches, with its role.
    public struct Identifier: Sendable {
        /// The role: epc, parent, child, input, output, quantity, inputQuantity, outputQuantity.
        public var role: String
        /// The canonical key (GS1 Digital Link on id.gs1.org, or the URI as captured).
        public var key: String
        /// The primary key's application identifier, for GS1 identifiers.
        public var ai: String?
        /// The primary key's value.
        public var aiValue: String?
        /// The quantity, for quantity elements.
        public var quantity: Double?
        /// The unit of measure (UN/ECE rec. 20), for quantity elements.
        public var uom: String?
    }

    /// A source or destination.
    public struct Party: Sendable {
        /// `source` or `destination`.
        public var direction: String
        /// The CBV source/destination type URI.
        public var type: String
        /// The canonical key of the party or location.
        public var party: String
    }

    /// A business transaction.
    public struct Transaction: Sendable {
        /// The CBV business transaction type URI, if any.
        public var type: String?
        /// The business transaction's identifier.
        public var id: String
    }

    /// The event's ID (supplied, or its hash ID).
    public var eventID: String
    /// The event hash ID (`ni:///sha-256;…`).
    public var hashID: String
    /// The event type's name.
    public var eventType: String
    /// Event time, milliseconds since the epoch (UTC), for range look-ups.
    public var eventTimeMilliseconds: Int64
    /// Event time as captured.
    public var eventTime: String
    /// Record time, milliseconds since the epoch (UTC).
    public var recordTimeMilliseconds: Int64
    /// Record time as stored.
    public var recordTime: String
    /// ADD, OBSERVE or DELETE.
    public var action: String?
    /// The business step URI.
    public var bizStep: String?
    /// The disposition URI.
    public var disposition: String?
    /// The read point's canonical key.
    public var readPoint: String?
    /// The business location's canonical key.
    public var bizLocation: String?
    /// The transformation ID, for transformation events.
    public var transformationID: String?
    /// Whether the event is an error declaration.
    public var hasErrorDeclaration: Bool
    /// Whether the event carries sensor data (a non-empty `sensorElementList`): the sensor query parameters can
    /// only match such an event, and a store whose bodies are compressed cannot look into them in SQL.
    public var hasSensorData: Bool
    /// The faithful body: compact JSON-LD of the one event.
    public var body: String
    /// The body as the stores keep it (``EventBodyCodec/compress(_:)``), when the planner compressed it on its own
    /// cores; nil leaves the compression to the writer.
    public var storedBody: [UInt8]?
    /// The event's ledger leaf: ``LedgerLeaf/leafHash(content:)`` of the body's UTF-8 bytes.
    public var leafHash: MerkleHash
    /// Every identifier the event touches, with its role.
    public var identifiers: [Identifier]
    /// Sources and destinations.
    public var parties: [Party]
    /// Business transactions.
    public var transactions: [Transaction]
    /// The canonical key of every URI above, by its text as captured (the projector reuses them).
    public var canonicalKeys: [String: String]

    /// A URI parsed once: its canonical key and primary element string.
    public struct ParsedURI: Sendable {
        /// The canonical key.
        public var key: String
        /// The primary key's application identifier, for GS1 identifiers.
        public var ai: String?
        /// The primary key's value.
        public var aiValue: String?
    }

    /// The body as the stores keep it: ``storedBody`` when the planner made it, else compressed now.
    /// - Parameter codec: the compressor to use when the planner did not.
    /// - Throws: ``StorageError`` `.internalFailure` when the compressor fails.
    public func storedBody(_ codec: EventBodyCodec) throws -> [UInt8] {
        if let storedBody { return storedBody }
        return try codec.compress(Array(body.utf8))
    }

    /// Maps a stored event to its rows.
    /// - Parameters:
    ///   - stored: the event with its ID, hash and record time.
    ///   - encoder: writes the faithful body (compact JSON-LD of the one event).
    ///   - cache: URIs parsed by earlier events of the same capture (locations, lots and parties repeat).
    public init(_ stored: StoredEvent, encoder: JSONDocumentEncoder, cache: inout [String: ParsedURI]) {
        var parses = IdentifierParseCache()
        self.init(stored, encoder: encoder, cache: &cache, parses: &parses)
    }

    /// Maps a stored event to its rows, reading the identifier parses its validation made.
    /// - Parameters:
    ///   - stored: the event with its ID, hash and record time.
    ///   - encoder: writes the faithful body (compact JSON-LD of the one event).
    ///   - cache: URIs parsed by earlier events of the same capture (locations, lots and parties repeat).
    ///   - parses: identifier parses shared with the validator (``EPCISValidator/validate(_:at:parses:)``); a URI
    ///     that is not in `cache` is parsed through it, once for both.
    public init(
        _ stored: StoredEvent, encoder: JSONDocumentEncoder, cache: inout [String: ParsedURI],
        parses: inout IdentifierParseCache
    ) {
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
        func parsed(_ uri: IdentifierURI) -> ParsedURI {
            if let known = cache[uri.text] {
                keys[uri.text] = known.key
                return known
            }
            // Parse once: the canonical key and the primary element string come from the same parse.
            let gs1 = parses.gs1Identifier(uri)
            let primary = gs1?.elementStrings.first
            let result = ParsedURI(key: gs1?.digitalLink() ?? uri.text, ai: primary?.ai, aiValue: primary?.value)
            cache[uri.text] = result
            keys[uri.text] = result.key
            return result
        }
        func key(_ uri: IdentifierURI) -> String { parsed(uri).key }
        readPoint = event.readPoint.map { key($0.id) }
        bizLocation = event.bizLocation.map { key($0.id) }
        transformationID = event.transformationID
        hasErrorDeclaration = event.errorDeclaration != nil
        hasSensorData = !event.sensorElementList.isEmpty
        let bytes = encoder.encode(event)
        body = String(decoding: bytes, as: UTF8.self)
        leafHash = LedgerLeaf.leafHash(content: bytes)
        var identifiers: [Identifier] = []
        func add(_ role: String, _ uris: [IdentifierURI]) {
            for uri in uris {
                let uri = parsed(uri)
                identifiers.append(Identifier(role: role, key: uri.key, ai: uri.ai, aiValue: uri.aiValue))
            }
        }
        func add(_ role: String, _ elements: [QuantityElement]) {
            for element in elements {
                let uri = parsed(element.epcClass)
                identifiers.append(
                    Identifier(
                        role: role, key: uri.key, ai: uri.ai, aiValue: uri.aiValue, quantity: element.quantity,
                        uom: element.uom))
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
    public static func milliseconds(_ time: EPCISDateTime) -> Int64 {
        time.epochSeconds * 1000 + Int64(time.nanoseconds / 1_000_000)
    }
}
