import TestSupport
import EPCIS
import Foundation
import Testing

/// The `suyuan` binary that `swift build --build-tests` (and so scripts/test) leaves in .build/debug.
enum EPCISBinary {
    static var url: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/suyuan")
    }
}

/// Runs the `suyuan epcis` commands the way a user would.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: EPCISBinary.url.path)))
struct EPCISCommandLineTests {

    static func run(_ arguments: [String], stdin: Data? = nil) async throws -> (status: Int32, stdout: Data, stderr: String) {
        try await offThePool { () throws -> (status: Int32, stdout: Data, stderr: String) in
            let process = Process()
            process.executableURL = EPCISBinary.url
            process.arguments = arguments
            let out = Pipe()
            let err = Pipe()
            let input = Pipe()
            process.standardOutput = out
            process.standardError = err
            process.standardInput = input
            try process.run()
            if let stdin { input.fileHandleForWriting.write(stdin) }
            try input.fileHandleForWriting.close()
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            let stderr = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, stdout, String(decoding: stderr, as: UTF8.self))
        }
    }

    static func path(_ relative: String) -> String {
        Conformance.epcisDirectory.appendingPathComponent(relative).path
    }

    @Test("convert writes XML and JSON that read back to the same events, in either identifier form")
    func convertRoundTrip() async throws {
        // Given an official example
        let source = Self.path("gs1-EPCIS/JSON/Example_9.6.1-ObjectEvent.jsonld")
        let original = try JSONDocumentDecoder().decode(Data(contentsOf: URL(fileURLWithPath: source)))
        // When it is converted to XML with Digital Links, then back to JSON with EPC URNs
        let xml = try await Self.run(["epcis", "convert", source, "--to", "xml", "--epc-format", "dl"])
        #expect(xml.status == 0)
        #expect(String(decoding: xml.stdout, as: UTF8.self).contains("<epc>https://id.gs1.org/01/10614141073464/21/2017</epc>"))
        let json = try await Self.run(
            ["epcis", "convert", "-", "--to", "json", "--epc-format", "urn", "--gcp-length", "7"], stdin: xml.stdout)
        #expect(json.status == 0)
        // Then the events are those of the original, spelled as URNs again
        let back = try JSONDocumentDecoder().decode(json.stdout)
        #expect(back.events == original.events)
    }

    @Test("hash prints one hash per event, the same for the JSON and XML renderings")
    func hashBothSyntaxes() async throws {
        let json = try await Self.run(["epcis", "hash", Self.path("gs1-EPCIS/JSON/Example_9.6.1-ObjectEvent.jsonld")])
        let lines = String(decoding: json.stdout, as: UTF8.self).split(separator: "\n")
        #expect(json.status == 0)
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.hasPrefix("ni:///sha-256;") && $0.hasSuffix("?ver=CBV2.0") })
        let converted = try await Self.run([
            "epcis", "convert", Self.path("gs1-EPCIS/JSON/Example_9.6.1-ObjectEvent.jsonld"), "--to", "xml",
        ])
        let xml = try await Self.run(["epcis", "hash", "-"], stdin: converted.stdout)
        #expect(xml.stdout == json.stdout)
    }

    @Test("validate accepts an official example and lists every problem of a broken one, exiting 1")
    func validateExitCodes() async throws {
        // Given
        let good = try await Self.run(["epcis", "validate", Self.path("gs1-EPCIS/JSON/Example_9.6.1-ObjectEvent.jsonld")])
        #expect(good.status == 0)
        let broken = Data("""
            {"@context": "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", "type": "EPCISDocument",
             "schemaVersion": "2.0", "creationDate": "2026-01-01T00:00:00Z", "epcisBody": {"eventList": [
              {"type": "ObjectEvent", "eventTime": "2026-01-01T00:00:00Z", "eventTimeZoneOffset": "+00:00",
               "action": "OBSERVE", "epcList": ["urn:epc:id:sgtin:0614141.107346.1", "https://id.gs1.org/01/09506000134353/21/1"]},
              {"type": "AggregationEvent", "eventTime": "2026-01-01T00:00:00Z", "eventTimeZoneOffset": "+00:00",
               "action": "ADD", "childEPCs": ["urn:epc:id:sgtin:0614141.107346.2"]}
            ]}}
            """.utf8)
        // When
        let result = try await Self.run(["epcis", "validate", "-"], stdin: broken)
        // Then both problems are reported, each at its place
        let report = String(decoding: result.stdout, as: UTF8.self)
        #expect(result.status == 1)
        #expect(report.contains("/epcisBody/eventList/0/epcList/1"))
        #expect(report.contains("check digit"))
        #expect(report.contains("/epcisBody/eventList/1"))
        #expect(report.contains("parentID"))
    }

    @Test("a document that cannot be read exits 1 with the problem on stderr and nothing on stdout")
    func unreadable() async throws {
        for command in [["epcis", "hash", "-"], ["epcis", "convert", "-", "--to", "xml"]] {
            let result = try await Self.run(command, stdin: Data("{\"type\": \"EPCISDocument\", ".utf8))
            #expect(result.status == 1)
            #expect(result.stdout.isEmpty)
            #expect(!result.stderr.isEmpty)
        }
    }
}
