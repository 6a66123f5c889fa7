import Foundation
import Testing

@testable import EPCIS

/// Live differential test against the GS1 reference implementation (`SUYUAN_ORACLE_PYTHON` names a Python with
/// epcis-event-hash-generator installed; scripts/test sets it).
@Suite(.enabled(if: EventHashOracle.isAvailable))
struct EventHashOracleTests {
    @Test("a few hundred generated events hash exactly as the reference implementation hashes them")
    func generatedEventsMatchTheReference() async throws {
        // Given 300 deterministic, varied events written as one JSON-LD document
        var generator = EventHashSampleEvents(seed: 20_261_121)
        let samples = (0..<300).map { _ in generator.event() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("suyuan-hash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("events.jsonld")
        try Data(EventHashSampleEvents.document(samples.map(\.1)).utf8).write(to: file)
        if let keep = ProcessInfo.processInfo.environment["SUYUAN_HASH_SAMPLE_OUT"] {
            try? FileManager.default.removeItem(atPath: keep)
            try? FileManager.default.copyItem(at: file, to: URL(fileURLWithPath: keep))
        }

        // When the reference hashes the file once (pre-hash strings joined by a marker, one per line block)
        let output = try await EventHashOracle.run(file: file)

        // Then every event's pre-hash string and hash ID are the reference's
        let hasher = EventHasher(namespaces: [NamespaceDeclaration(prefix: "example", namespace: EventHashSampleEvents.namespace)])
        #expect(output.hashes.count == samples.count)
        #expect(output.preHashes.count == samples.count)
        for (index, (event, _)) in samples.enumerated() where index < output.hashes.count && index < output.preHashes.count {
            #expect(hasher.preHashString(for: event) == output.preHashes[index], "event \(index)")
            #expect(hasher.hashID(for: event) == output.hashes[index], "event \(index)")
        }
    }
}
