import ArgumentParser
import EPCIS
import Foundation
import Storage
import StoragePostgres
import StorageSQLite

/// `suyuan bench capture`: end-to-end capture throughput into SQLite from a generated EPCIS JSON-LD file, next to
/// the plain insert speed of the same rows, and the latency of a query by identifier on the filled store.
struct BenchCapture: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capture",
        abstract: "Time decode + capture (validation, hashing, indexes, projections) into SQLite.",
        discussion: """
            Generates a deterministic JSON-LD document of varied events (object, aggregation, transformation, \
            sensor), writes it to a temporary file, and times reading the file, decoding, and capturing it in one \
            transaction. The store must be new (a re-run would be refused as duplicates); by default a temporary file.
            """
    )

    @Option(help: "Events in the generated document.")
    var events: Int = 100_000

    @Option(
        help: """
            The store to capture into: sqlite:PATH of a new file (default: a temporary file), or \
            postgres://USER@HOST:PORT/DB (fresh schemas are created and left in it).
            """)
    var store: String?

    @Flag(help: "Time only the capture and its phases in turn (no run without the ledger, no plain insert).")
    var captureOnly = false

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("suyuan-bench-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("events.jsonld")
        try JSONDocumentEncoder().encode(BenchCaptureDocument.make(events: events)).write(to: file)
        if let store, store.hasPrefix("postgres://") || store.hasPrefix("postgresql://") {
            try await runPostgres(url: store, file: file)
            return
        }
        let path =
            store.map { String($0.dropFirst("sqlite:".count)) }
            ?? directory.appendingPathComponent("capture.sqlite").path
        let target = try SQLiteEventStore(path: path)

        let clock = ContinuousClock()
        let start = clock.now
        let data = try Data(contentsOf: file)
        let (document, locations, _) = try EPCISDocumentReader().readLocated(data)
        let decoded = clock.now
        let receipt = try await target.capture(document, locations: locations, context: CaptureContext())
        let captured = clock.now
        let megabytes = Double(data.count) / 1_000_000
        print("suyuan bench capture: \(receipt.eventIDs.count) events, \(String(format: "%.1f", megabytes)) MB JSON-LD")
        report("read + decode", decoded - start, count: events, megabytes: megabytes)
        report("capture (validate, hash, insert, ledger)", captured - decoded, count: events, megabytes: megabytes)
        report("end to end", captured - start, count: events, megabytes: megabytes)

        // The same capture with its phases one after another, in a new store: what each costs on its own.
        let phased = try SQLiteEventStore(path: directory.appendingPathComponent("phases.sqlite").path)
        let phasedStart = clock.now
        let (_, phases) = try await phased.captureTimingPhasesForBenchmark(
            document, locations: locations, context: CaptureContext())
        report("the same capture, phases in turn", clock.now - phasedStart, count: events, megabytes: megabytes)
        report("  plan: validate, event hash (all cores)", phases.plan.wall, count: events, megabytes: megabytes)
        cpu(phases.plan.cpu, count: events)
        report("  rows: body, keys, leaf hash (all cores)", phases.records.wall, count: events, megabytes: megabytes)
        cpu(phases.records.cpu, count: events)
        report("  write transaction (one core)", phases.write.wall, count: events, megabytes: megabytes)
        cpu(phases.write.cpu, count: events)
        if captureOnly {
            print("  peak RSS (VmHWM)                              \(Self.peakResidentSetSize())")
            return
        }

        let unledgered = try SQLiteEventStore(path: directory.appendingPathComponent("no-ledger.sqlite").path)
        let unledgeredStart = clock.now
        _ = try await unledgered.captureWithoutLedgerForBenchmark(
            document, locations: locations, context: CaptureContext())
        report("the same capture without the ledger", clock.now - unledgeredStart, count: events, megabytes: megabytes)
        let ledgerOnly = try SQLiteEventStore(path: directory.appendingPathComponent("ledger.sqlite").path)
        let cost = try await ledgerOnly.ledgerCostForBenchmark(document.events)
        report("ledger: leaf hashing (one core)", cost.leafHashing, count: events, megabytes: megabytes)
        report("ledger: append, tiles, signed head (in tx)", cost.inTransaction, count: events, megabytes: megabytes)
        let plain = try SQLiteEventStore(path: directory.appendingPathComponent("plain.sqlite").path)
        let plainStart = clock.now
        _ = try await plain.insertForBenchmark(document.events)
        report("plain insert of the same rows", clock.now - plainStart, count: events, megabytes: megabytes)

        if let first = document.events.first?.epcList.first ?? document.events.first?.childEPCs.first {
            let query = try EPCISQuery(parameters: [("MATCH_anyEPC", first.text)])
            _ = try await target.events(matching: query, page: PageRequest())
            let queryStart = clock.now
            let rounds = 100
            for _ in 0..<rounds { _ = try await target.events(matching: query, page: PageRequest()) }
            let each = (clock.now - queryStart) / rounds
            let text = each.formatted(.units(allowed: [.microseconds]))
            print("  query MATCH_anyEPC (one identifier)           \(text) per query")
        }
        print("  peak RSS (VmHWM)                              \(Self.peakResidentSetSize())")
    }

    func report(_ name: String, _ duration: Duration, count: Int, megabytes: Double) {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        let label = name + String(repeating: " ", count: max(0, 45 - name.count))
        print(
            "  \(label) "
                + String(
                    format: "%7.3f s %10.0f events/s %7.1f MB/s", seconds, Double(count) / seconds,
                    megabytes / seconds))
    }

    /// The CPU time a phase used, and per event.
    func cpu(_ duration: Duration, count: Int) {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        let perEvent = seconds * 1e6 / Double(max(count, 1))
        print(String(format: "      CPU time %38.3f s %10.1f µs/event", seconds, perEvent))
    }

    /// The peak resident set size of this process, from /proc/self/status (Linux).
    static func peakResidentSetSize() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return "unknown" }
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
        return line.map { $0.dropFirst("VmHWM:".count).trimmingCharacters(in: .whitespaces) } ?? "unknown"
    }
}
