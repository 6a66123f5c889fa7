import ArgumentParser
import EPCIS
import Foundation

/// `suyuan bench epcis-xml`: EPCIS XML decoding and encoding throughput on the same generated document as
/// `bench epcis-json` (or a file), in events/s and MB/s.
struct BenchEPCISXML: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "epcis-xml",
        abstract: "Time EPCIS XML decoding (streaming and whole) and encoding in-process."
    )

    @Option(help: "Events in the generated document.")
    var events: Int = 100_000

    @Option(help: "Decode this file instead of a generated document.")
    var file: String?

    @Option(help: "Timed passes; the best pass is reported.")
    var passes: Int = 3

    func run() throws {
        let data: Data
        if let file {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } else {
            data = XMLDocumentEncoder().encode(BenchEPCISJSON.document(events: events))
        }
        let megabytes = Double(data.count) / 1_000_000
        let decoder = XMLDocumentDecoder()
        var count = 0
        let header = try decoder.forEachEvent(in: data) { _, _ in count += 1 }
        print(
            "suyuan bench epcis-xml: \(count) events, \(String(format: "%.1f", megabytes)) MB, best of \(passes) passes"
        )
        report("decode, streaming (forEachEvent)", count: count, megabytes: megabytes) {
            _ = try decoder.forEachEvent(in: data) { _, _ in }
        }
        var document = header
        report("decode, whole document", count: count, megabytes: megabytes) { document = try decoder.decode(data) }
        report("encode, as captured", count: count, megabytes: megabytes) { _ = XMLDocumentEncoder().encode(document) }
    }

    private func report(_ name: String, count: Int, megabytes: Double, _ body: () throws -> Void) {
        let clock = ContinuousClock()
        var best = Duration.seconds(1_000_000)
        for _ in 0..<max(1, passes) {
            do {
                best = min(best, try clock.measure(body))
            } catch {
                print("  \(name): failed: \(error)")
                return
            }
        }
        let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
        let label = name + String(repeating: " ", count: max(0, 34 - name.count))
        print(
            "  \(label) " + String(format: "%10.0f events/s %8.1f MB/s", Double(count) / seconds, megabytes / seconds))
    }
}
