import ArgumentParser
import EPCIS
import Exchange
import Foundation
import Storage

/// `suyuan export fsma204|eu178|dscsa|gbt38156 (--lot ID | --party ID) [--from T] [--to T] --format csv|xlsx`.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a regulator's record: FSMA 204, EU 178/2002, DSCSA or GB/T 38156, as CSV or XLSX.",
        discussion: """
            fsma204: the FDA sortable spreadsheet for a lot, a party or a period. eu178: one step back and forward \
            of a lot (--party: as kept by that business). dscsa: transaction information, history and statement of \
            a shipment (--lot with its SSCC, SGTIN or LGTIN). gbt38156: a party's transaction records and monthly \
            flow report. CSV holds the main sheet; XLSX every sheet (glossary, statement).
            """
    )

    @Argument(help: "fsma204, eu178, dscsa or gbt38156.", transform: ExchangeArguments.exportKind)
    var kind: ExportKind

    @Option(help: "The lot (LGTIN as EPC URN or Digital Link), or for dscsa the shipment's identifier.")
    var lot: String?

    @Option(help: "The party (PGLN: 13 digits, EPC URN or Digital Link).")
    var party: String?

    @Option(help: "From this time on (xsd:dateTime, or a date YYYY-MM-DD in UTC).")
    var from: String?

    @Option(help: "Before this time (xsd:dateTime, or a date YYYY-MM-DD in UTC).")
    var to: String?

    @Option(help: "csv or xlsx.", transform: ExchangeArguments.format)
    var format: SheetTable.Format = .csv

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    @OptionGroup var storeOption: StoreOption

    func validate() throws {
        guard lot != nil || party != nil || from != nil || to != nil else {
            throw ValidationError("give --lot or --party (fsma204 also takes a period alone)")
        }
        for value in [from, to].compactMap({ $0 }) where Self.time(value) == nil {
            throw ValidationError("\(value) is neither a date (2026-11-20) nor a date and time with offset")
        }
    }

    static func time(_ text: String) -> Date? {
        EPCISDateTime(text)?.date ?? EPCISDateTime(text + "T00:00:00Z")?.date
    }

    static func export<Store: EventStore & PlatformStateStore>(
        _ kind: ExportKind, _ request: ExportRequest, format: SheetTable.Format, from store: Store
    ) async throws(ExchangeError) -> Data {
        try await Exporter(store: store).workbook(kind, request).data(format)
    }

    func run() async throws {
        let request = ExportRequest(lot: lot, party: party, from: from.flatMap(Self.time), to: to.flatMap(Self.time))
        let clock = ContinuousClock()
        let start = clock.now
        let data = try await storeOption.withStore { store in
            do {
                return try await Self.export(kind, request, format: format, from: store)
            } catch {
                FileHandle.standardError.write(Data("export \(kind.rawValue): \(error)\n".utf8))
                throw ExitCode(1)
            }
        }
        try ExportOutput.write(data, to: out)
        if let out {
            let elapsed = (clock.now - start).formatted(.units(allowed: [.milliseconds]))
            FileHandle.standardError.write(
                Data("\(out): \(kind.rawValue) \(format.rawValue), \(data.count) bytes in \(elapsed)\n".utf8))
        }
    }
}
