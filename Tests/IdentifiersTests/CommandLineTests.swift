import Foundation
import Testing
import TestSupport

/// Runs the built `suyuan` binary the way a user would.
@Suite(.enabled(if: SuyuanBinary.canRun))
struct CommandLineTests {
    static func run(_ arguments: [String]) async throws -> (status: Int32, stdout: String, stderr: String) {
        let output = try await SuyuanBinary.run(arguments)
        return (output.status, output.text, output.errorText)
    }

    @Test("id describe prints one JSON object with key, AIs, element string, URN and Digital Link")
    func describePrintsJSON() async throws {
        // When describing the example with a prefix length
        let result = try await Self.run(["id", "describe", "(01)09506000134352(21)123", "--gcp-length", "7"])
        // Then the JSON holds the expected fields
        #expect(result.status == 0)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["key"] as? String == "sgtin")
        #expect(object["ais"] as? [String: String] == ["01": "09506000134352", "21": "123"])
        #expect(object["elementString"] as? String == "(01)09506000134352(21)123")
        #expect(object["urn"] as? String == "urn:epc:id:sgtin:9506000.013435.123")
        #expect(object["digitalLink"] as? String == "https://id.gs1.org/01/09506000134352/21/123")
    }

    @Test("id describe of RFID hex gives scheme and filter")
    func describeRFID() async throws {
        let result = try await Self.run(["id", "describe", "3074257BF7194E4000001A85"])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["scheme"] as? String == "sgtin-96")
        #expect(object["filter"] as? Int == 3)
        #expect(object["urn"] as? String == "urn:epc:id:sgtin:0614141.812345.6789")
    }

    @Test("bad input exits with status 2, one line on stderr and nothing on stdout", arguments: [
        ["id", "describe", "(01)09506000134353"],
        ["id", "describe", "(17)201325"],
        ["id", "describe", "not an identifier"],
        ["id", "encode", "urn:epc:id:sgtin:0614141.812345.A", "--scheme", "sgtin-96"],
    ])
    func badInput(arguments: [String]) async throws {
        let result = try await Self.run(arguments)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.hasPrefix("error: "))
    }

    @Test("id encode prints the tag hex")
    func encodePrintsHex() async throws {
        let result = try await Self.run(["id", "encode", "urn:epc:id:sgtin:0614141.812345.6789", "--scheme", "sgtin-96", "--filter", "3"])
        #expect(result.status == 0)
        #expect(result.stdout == "3074257BF7194E4000001A85\n")
    }
}
