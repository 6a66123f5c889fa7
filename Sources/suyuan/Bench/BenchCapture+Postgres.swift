import EPCIS
import Foundation
import Storage
import StoragePostgres

extension BenchCapture {
    /// The PostgreSQL run: capture into a fresh, migrated schema, then the plain insert floor into another, then
    /// query latency. Client start and migration are outside the timings; everything a capture does is inside.
    func runPostgres(url: String, file: URL) async throws {
        let separator = url.contains("?") ? "&" : "?"
        let suffix = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
        let captureURL = "\(url)\(separator)schema=bench_\(suffix)"
        let plainURL = "\(url)\(separator)schema=bench_plain_\(suffix)"
        let clock = ContinuousClock()
        let megabytes = try await PostgresEventStore.open(url: captureURL, migrate: true) { target in
            let start = clock.now
            let data = try Data(contentsOf: file)
            let (document, locations, _) = try EPCISDocumentReader().readLocated(data)
            let decoded = clock.now
            let receipt = try await target.capture(document, locations: locations, context: CaptureContext())
            let captured = clock.now
            let megabytes = Double(data.count) / 1_000_000
            print(
                "suyuan bench capture: \(receipt.eventIDs.count) events, \(String(format: "%.1f", megabytes)) MB "
                    + "JSON-LD into PostgreSQL (schema bench_\(suffix))")
            report("read + decode", decoded - start, count: events, megabytes: megabytes)
            report(
                "capture (validate, hash, insert, project, ledger)", captured - decoded, count: events,
                megabytes: megabytes)
            report("end to end", captured - start, count: events, megabytes: megabytes)
            if let first = document.events.first?.epcList.first ?? document.events.first?.childEPCs.first {
                let query = try EPCISQuery(parameters: [("MATCH_anyEPC", first.text)])
                _ = try await target.events(matching: query, page: PageRequest())
                let queryStart = clock.now
                let rounds = 100
                for _ in 0..<rounds { _ = try await target.events(matching: query, page: PageRequest()) }
                let each = (clock.now - queryStart) / rounds
                print(
                    "  query MATCH_anyEPC (one identifier)           "
                        + "\(each.formatted(.units(allowed: [.microseconds]))) per query")
            }
            return megabytes
        }
        let data = try Data(contentsOf: file)
        let document = try EPCISDocumentReader().readLocated(data).document
        try await PostgresEventStore.open(url: plainURL, migrate: true) { plain in
            let plainStart = clock.now
            _ = try await plain.insertForBenchmark(document.events)
            report("plain insert of the same rows", clock.now - plainStart, count: events, megabytes: megabytes)
        }
        print("  peak RSS (VmHWM)                              \(Self.peakResidentSetSize())")
    }
}
