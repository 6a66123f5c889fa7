public import EPCIS
public import Foundation
import Identifiers
public import Storage

/// Which records an export covers: a lot (or any identifier), a party, and a period.
public struct ExportRequest: Hashable, Sendable {
    /// The lot (LGTIN as an EPC URN or Digital Link), or for DSCSA any identifier of the shipment (SSCC, SGTIN).
    public var lot: String?
    /// The party (PGLN as an EPC URN, a Digital Link or 13 digits).
    public var party: String?
    /// The period's start (inclusive).
    public var from: Date?
    /// The period's end (exclusive).
    public var to: Date?

    /// Makes a request.
    public init(lot: String? = nil, party: String? = nil, from: Date? = nil, to: Date? = nil) {
        self.lot = lot
        self.party = party.map(Self.partyURI)
        self.from = from
        self.to = to
    }

    /// A party as 13 digits is its PGLN's Digital Link.
    static func partyURI(_ text: String) -> String {
        text.count == 13 && text.allSatisfy(\.isNumber) ? "https://id.gs1.org/417/\(text)" : text
    }
}

/// The events and master data an export reads, gathered from a store.
public struct ExportInput: Sendable {
    /// The events, oldest first.
    public var events: [EPCISEvent]
    /// Names, addresses, products.
    public var directory: MasterDataDirectory

    /// Makes an input.
    public init(events: [EPCISEvent], directory: MasterDataDirectory) {
        self.events = events.sorted { $0.eventTime < $1.eventTime }
        self.directory = directory
    }
}

/// Reads what an export needs from a store through its query interface (the same SimpleEventQuery the REST
/// binding answers).
public struct ExportGatherer<Store: EventStore & PlatformStateStore>: Sendable {
    /// The store.
    public let store: Store

    /// Makes a gatherer.
    public init(store: Store) { self.store = store }

    /// The master data of parties, locations and products.
    /// - Throws: ``ExchangeError`` `.storage`.
    public func directory() async throws(ExchangeError) -> MasterDataDirectory {
        var directory = MasterDataDirectory()
        for type in [
            "urn:epcglobal:epcis:vtype:Party", "urn:epcglobal:epcis:vtype:BusinessLocation",
            "urn:epcglobal:epcis:vtype:EPCClass",
        ] {
            do {
                for element in try await store.vocabularyElements(type: type) { directory.add(element, type: type) }
            } catch {
                throw ExchangeError(.storage, "the master data cannot be read: \(error.message)", underlying: error)
            }
        }
        return directory
    }

    /// The events of a request: those naming the lot (as a class or an instance), or those of the party (at its
    /// locations, or naming it or its locations as source or destination), within the period.
    /// - Parameters:
    ///   - request: lot or party, and period.
    ///   - directory: the master data, for the party's locations.
    ///   - untilOnly: ignore the period's start (a stock report needs every earlier movement).
    /// - Throws: ``ExchangeError`` `.storage` or `.badRequest`.
    public func events(
        _ request: ExportRequest, directory: MasterDataDirectory, untilOnly: Bool = false
    ) async throws(ExchangeError) -> [EPCISEvent] {
        var period: [(String, String)] = []
        if let from = request.from, !untilOnly { period.append(("GE_eventTime", EPCISDateTime(from).text)) }
        if let to = request.to { period.append(("LT_eventTime", EPCISDateTime(to).text)) }
        var queries: [[(String, String)]] = []
        if let lot = request.lot {
            let kind = ((try? EPCIdentifier.parse(lot)) ?? nil)?.kind
            queries = kind == .lgtin || kind == .gtinClass ? [[("MATCH_anyEPCClass", lot)]] : [[("MATCH_anyEPC", lot)]]
        } else if let party = request.party {
            let places = directory.locations(of: party).sorted().joined(separator: "|")
            queries = [[("EQ_source_owning_party", party)], [("EQ_destination_owning_party", party)]]
            if !places.isEmpty {
                queries += [
                    [("EQ_bizLocation", places)], [("EQ_readPoint", places)], [("EQ_source_location", places)],
                    [("EQ_destination_location", places)],
                ]
            }
        } else if !period.isEmpty {
            queries = [[]]
        } else {
            throw ExchangeError(.badRequest, "an export needs a lot, a party or a period")
        }
        var seen: Set<String> = []
        var events: [EPCISEvent] = []
        for parameters in queries {
            for stored in try await all(parameters + period) where seen.insert(stored.id).inserted {
                events.append(stored.event)
            }
        }
        return events.sorted { $0.eventTime < $1.eventTime }
    }

    /// Every event of a query, page by page.
    func all(_ parameters: [(String, String)]) async throws(ExchangeError) -> [StoredEvent] {
        let query: EPCISQuery
        do {
            query = try EPCISQuery(parameters: parameters.map { (name: $0.0, value: $0.1) })
        } catch {
            throw ExchangeError(.badRequest, "the request cannot be asked: \(error)", underlying: error)
        }
        var token: String?
        var events: [StoredEvent] = []
        repeat {
            do {
                let page = try await store.events(matching: query, page: PageRequest(size: 10_000, token: token))
                events += page.events
                token = page.nextPageToken
            } catch {
                throw ExchangeError(.storage, "the events cannot be read: \(error.message)", underlying: error)
            }
        } while token != nil
        return events
    }

    /// The events around one identifier: those naming it, then, round by round, those naming what it was packed
    /// in or with (aggregations) and what it was made from or into (transformations): a shipment's containers,
    /// contents and their history back to the manufacturer.
    /// - Parameters:
    ///   - id: the identifier (SSCC, SGTIN, LGTIN).
    ///   - rounds: how many rounds to expand.
    /// - Throws: ``ExchangeError``.
    public func closure(of id: String, rounds: Int = 6) async throws(ExchangeError) -> [EPCISEvent] {
        var known: Set<String> = [IdentifierURI(id).canonicalKey]
        var frontier = [id]
        var seen: Set<String> = []
        var events: [EPCISEvent] = []
        for _ in 0..<rounds where !frontier.isEmpty && known.count < 20_000 {
            var classes: [String] = []
            var instances: [String] = []
            for key in frontier {
                let kind = ((try? EPCIdentifier.parse(key)) ?? nil)?.kind
                if kind == .lgtin || kind == .gtinClass { classes.append(key) } else { instances.append(key) }
            }
            var found: [StoredEvent] = []
            for chunk in stride(from: 0, to: instances.count, by: 500) {
                found += try await all([
                    ("MATCH_anyEPC", instances[chunk..<min(chunk + 500, instances.count)].joined(separator: "|"))
                ])
            }
            for chunk in stride(from: 0, to: classes.count, by: 500) {
                found += try await all([
                    ("MATCH_anyEPCClass", classes[chunk..<min(chunk + 500, classes.count)].joined(separator: "|"))
                ])
            }
            frontier = []
            for stored in found where seen.insert(stored.id).inserted {
                let event = stored.event
                events.append(event)
                var linked: [IdentifierURI] = []
                if event.type == .aggregationEvent { linked = event.childEPCs + (event.parentID.map { [$0] } ?? []) }
                if event.type == .transformationEvent {
                    linked = event.inputEPCList + event.outputEPCList + event.inputQuantityList.map(\.epcClass)
                }
                for uri in linked where known.insert(uri.canonicalKey).inserted { frontier.append(uri.text) }
            }
        }
        return events.sorted { $0.eventTime < $1.eventTime }
    }

    /// Everything an export of a request reads.
    /// - Throws: ``ExchangeError``.
    public func input(_ request: ExportRequest, untilOnly: Bool = false) async throws(ExchangeError) -> ExportInput {
        let directory = try await directory()
        return ExportInput(
            events: try await events(request, directory: directory, untilOnly: untilOnly), directory: directory)
    }
}
