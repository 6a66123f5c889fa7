import EPCIS
public import Storage

/// The regulators' records Suyuan writes.
public enum ExportKind: String, Hashable, Sendable, CaseIterable {
    /// FDA FSMA 204 sortable spreadsheet.
    case fsma204
    /// EU 178/2002 Art. 18 with 931/2011 data elements.
    case eu178
    /// US DSCSA transaction information, history and statement.
    case dscsa
    /// China GB/T 38156-2019 transaction records and the monthly flow report.
    case gbt38156
}

/// Makes an export from a store: gathers the events and master data the record needs, then writes it.
public struct Exporter<Store: EventStore & PlatformStateStore>: Sendable {
    /// Where the events are.
    public let gatherer: ExportGatherer<Store>

    /// Makes an exporter.
    public init(store: Store) { gatherer = ExportGatherer(store: store) }

    /// The workbook of one kind of record for a request.
    /// - Parameters:
    ///   - kind: which record.
    ///   - request: lot or party, and period.
    /// - Throws: ``ExchangeError`` `.badRequest` when the record needs what the request lacks (EU 178 and DSCSA a
    ///   lot, GB/T 38156 a party), `.notFound` when nothing matches, `.storage`.
    public func workbook(_ kind: ExportKind, _ request: ExportRequest) async throws(ExchangeError) -> ExportWorkbook {
        switch kind {
        case .fsma204:
            let input = try await gatherer.input(request)
            guard !input.events.isEmpty else { throw notFound(request) }
            let origins = try await self.origins(of: input.events)
            return FSMA204Export.workbook(input, lot: request.lot, origins: origins)
        case .eu178:
            guard let lot = request.lot else {
                throw ExchangeError(.badRequest, "an EU 178/2002 record is for a lot (--lot)")
            }
            let input = try await gatherer.input(ExportRequest(lot: lot, from: request.from, to: request.to))
            guard !input.events.isEmpty else { throw notFound(request) }
            return EU178Export.workbook(input, lot: lot, party: request.party)
        case .dscsa:
            guard let shipment = request.lot else {
                throw ExchangeError(
                    .badRequest, "DSCSA records are for a shipment: --lot with its SSCC, SGTIN or LGTIN")
            }
            let directory = try await gatherer.directory()
            let events = try await gatherer.closure(of: shipment)
            guard !events.isEmpty else { throw notFound(request) }
            return DSCSAExport.workbook(ExportInput(events: events, directory: directory), shipment: shipment)
        case .gbt38156:
            guard let party = request.party else {
                throw ExchangeError(.badRequest, "GB/T 38156 transaction records are for a party (--party)")
            }
            let input = try await gatherer.input(request, untilOnly: true)
            guard !input.events.isEmpty else { throw notFound(request) }
            return GBT38156Export.workbook(input, party: party, from: request.from)
        }
    }

    private func notFound(_ request: ExportRequest) -> ExchangeError {
        ExchangeError(.notFound, "no events for \(request.lot ?? request.party ?? "the period")")
    }

    /// The events that assigned the lots an export names (commissioning, transformation outputs), when the
    /// export's own events leave some out: a party's or a period's records name lots assigned elsewhere or earlier.
    private func origins(of events: [EPCISEvent]) async throws(ExchangeError) -> [EPCISEvent] {
        var classes: Set<String> = []
        var assigned: Set<String> = []
        for event in events {
            for element in event.quantityList + event.inputQuantityList + event.outputQuantityList {
                classes.insert(element.epcClass.text)
            }
            if event.type == .transformationEvent { assigned.formUnion(event.outputQuantityList.map(\.epcClass.text)) }
            if event.type == .objectEvent && event.action == .add {
                assigned.formUnion(event.quantityList.map(\.epcClass.text))
            }
        }
        let missing = Array(classes.subtracting(assigned)).sorted()
        var found: [EPCISEvent] = []
        for start in stride(from: 0, to: min(missing.count, 2_000), by: 200) {
            let list = missing[start..<min(start + 200, missing.count)].joined(separator: "|")
            found += try await gatherer.all([("MATCH_outputEPCClass", list)]).map(\.event)
            found += try await gatherer.all([("MATCH_epcClass", list), ("EQ_action", "ADD")]).map(\.event)
        }
        return found
    }
}
