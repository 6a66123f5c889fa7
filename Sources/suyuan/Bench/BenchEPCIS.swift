import ArgumentParser
import EPCIS
import Foundation

/// `suyuan bench epcis`: decode (JSON-LD and XML), validation and event-hash throughput on a large generated document.
struct BenchEPCIS: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "epcis",
        abstract: "Time EPCIS decoding (JSON-LD, XML) and GS1 event hashing on a generated document."
    )

    @Option(help: "Events in the generated document (deterministic: object, aggregation, transformation, sensor).")
    var events: Int = 100_000

    func run() throws {
        let directory = FileManager.default.temporaryDirectory
        let jsonURL = directory.appendingPathComponent("suyuan-bench-\(events).jsonld")
        let xmlURL = directory.appendingPathComponent("suyuan-bench-\(events).xml")
        let generator = BenchEventDocuments(count: events)
        try Data(generator.json().utf8).write(to: jsonURL)
        try Data(generator.xml().utf8).write(to: xmlURL)
        defer {
            try? FileManager.default.removeItem(at: jsonURL)
            try? FileManager.default.removeItem(at: xmlURL)
        }
        let jsonData = try Data(contentsOf: jsonURL)
        let xmlData = try Data(contentsOf: xmlURL)
        print("suyuan bench epcis: \(events) events; JSON-LD \(megabytes(jsonData.count)) MB, XML \(megabytes(xmlData.count)) MB")

        let clock = ContinuousClock()
        var jsonDocument = EPCISDocument()
        let jsonTime = try clock.measure { jsonDocument = try JSONDocumentDecoder().decode(jsonData) }
        report("decode JSON-LD", count: jsonDocument.events.count, bytes: jsonData.count, jsonTime)
        var xmlDocument = EPCISDocument()
        let xmlTime = try clock.measure { xmlDocument = try XMLDocumentDecoder().decode(xmlData) }
        report("decode XML", count: xmlDocument.events.count, bytes: xmlData.count, xmlTime)
        var diagnostics: [Diagnostic] = []
        let validateTime = clock.measure { diagnostics = EPCISValidator().validate(jsonDocument) }
        report("validate (semantic rules)", count: jsonDocument.events.count, bytes: jsonData.count, validateTime)
        print("  \(diagnostics.filter { $0.severity == .error }.count) validation errors in the generated events")

        var jsonHashes: [String] = []
        let hashTime = clock.measure { jsonHashes = EventHasher.hashIDs(of: jsonDocument, format: .json) }
        report("event hash (pre-hash + SHA-256)", count: jsonHashes.count, bytes: jsonData.count, hashTime)
        let xmlHashes = EventHasher.hashIDs(of: xmlDocument, format: .xml)
        let agree = zip(jsonHashes, xmlHashes).filter { $0 == $1 }.count
        print("  JSON and XML hashes agree for \(agree) of \(jsonHashes.count) events")
        if let index = jsonHashes.indices.first(where: { $0 < xmlHashes.count && jsonHashes[$0] != xmlHashes[$0] }) {
            print("    first difference, event \(index):")
            print("    JSON: " + EventHasher(for: jsonDocument).preHashString(for: jsonDocument.events[index]))
            print("    XML:  " + EventHasher(for: xmlDocument, format: .xml).preHashString(for: xmlDocument.events[index]))
        }

        var total = 0
        let preHashes = jsonDocument.events.prefix(10_000).map { EventHasher().preHashString(for: $0) }
        for text in preHashes { total += text.utf8.count }
        let shaTime = clock.measure { for text in preHashes { _ = SHA256.hash(text) } }
        report("SHA-256 of pre-hash strings", count: preHashes.count, bytes: total, shaTime)
        print("  peak RSS (VmHWM): \(peakRSS())")
    }

    private func megabytes(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1_048_576) }

    private func report(_ name: String, count: Int, bytes: Int, _ elapsed: Duration) {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = Double(count) / seconds
        let throughput = Double(bytes) / 1_048_576 / seconds
        print(
            "  \(name.padding(toLength: 34, withPad: " ", startingAt: 0)) \(String(format: "%9.2f s", seconds))"
                + "  \(String(format: "%10.0f", rate)) events/s  \(String(format: "%7.1f", throughput)) MB/s")
    }

    private func peakRSS() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return "n/a" }
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
        return line.map { $0.dropFirst(6).trimmingCharacters(in: .whitespaces) } ?? "n/a"
    }
}
