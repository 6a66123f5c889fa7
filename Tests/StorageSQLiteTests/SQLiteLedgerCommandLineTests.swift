import EPCIS
import Foundation
import Testing
import TestSupport

/// The `suyuan` binary and the `sqlite3` shell the command-line tests need.
enum LedgerBinary {
    static var canRun: Bool {
        SuyuanBinary.canRun && FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")
    }
}

/// `suyuan verify`, `suyuan proof` and `suyuan verify-proof` run the way a user would, on the binary that
/// `swift build --build-tests` leaves in .build/debug.
@Suite(.enabled(if: LedgerBinary.canRun))
struct SQLiteLedgerCommandLineTests {
    static func run(_ arguments: [String]) async throws -> (status: Int32, stdout: String, stderr: String) {
        let output = try await SuyuanBinary.run(arguments)
        return (output.status, output.text, output.errorText)
    }

    /// A store file with one captured document of `count` events named `urn:uuid:…-N`.
    static func capturedStore(count: Int) async throws -> (store: String, ids: [String]) {
        let path = SQLiteTestFiles.newPath()
        var document = SQLiteLedgerTests.document(first: 1, count: count)
        let ids = (0..<count).map { "urn:uuid:6c1e2f0a-0000-4000-8000-\(String(format: "%012d", $0))" }
        for index in document.events.indices { document.events[index].eventID = ids[index] }
        let file = path + ".jsonld"
        try JSONDocumentEncoder().encode(document).write(to: URL(fileURLWithPath: file))
        let capture = try await run(["capture", file, "--store", "sqlite:" + path])
        #expect(capture.status == 0, "\(capture.stderr)")
        return (path, ids)
    }

    @Test("verify exits 0 on an intact store and 1 naming the event whose body was changed")
    func verifyNamesTamperedEvent() async throws {
        // Given a store filled through suyuan capture
        let (path, ids) = try await Self.capturedStore(count: 5)
        // When it is verified
        let intact = try await Self.run(["verify", "--store", "sqlite:" + path])
        // Then
        #expect(intact.status == 0, "\(intact.stderr)")
        #expect(intact.stdout.hasPrefix("ledger intact: 5 events, tree head size 5"))
        // And when the third event's body is replaced behind the store's back, with the sqlite3 shell (a body
        // stored as text is read as it is)
        try await SQLiteLedgerTests.tamper(
            path, #"UPDATE event SET body = '{"type":"ObjectEvent","bizStep":"receiving"}' WHERE id = 3"#)
        let tampered = try await Self.run(["verify", "--store", "sqlite:" + path])
        // Then verify fails naming that event and no other
        #expect(tampered.status == 1)
        #expect(tampered.stdout.contains("tampered event: \(ids[2])"))
        #expect(!tampered.stdout.contains(ids[1]))
        #expect(!tampered.stdout.contains(ids[3]))
    }

    @Test("suyuan proof prints a document that suyuan verify-proof accepts offline, with the store's key")
    func proofVerifiesOffline() async throws {
        // Given a store filled through suyuan capture
        let (path, ids) = try await Self.capturedStore(count: 7)
        // When the proof of an event is written to a file and the store is moved away
        let proof = try await Self.run(["proof", ids[4], "--store", "sqlite:" + path])
        #expect(proof.status == 0, "\(proof.stderr)")
        let file = path + ".proof.json"
        try Data(proof.stdout.utf8).write(to: URL(fileURLWithPath: file))
        let bundle = try JSONSerialization.jsonObject(with: Data(proof.stdout.utf8)) as? [String: Any]
        let head = bundle?["signedTreeHead"] as? [String: Any]
        let key = try #require(head?["publicKey"] as? String)
        try FileManager.default.moveItem(atPath: path, toPath: path + ".away")
        // Then verify-proof accepts it, also when told the key
        let checked = try await Self.run(["verify-proof", file, "--key", key])
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stdout.contains("proof valid: leaf 4 (\(ids[4])) in tree of size 7"))
        // And an unknown event has no proof
        let unknown = try await Self.run(["proof", "urn:uuid:unknown", "--store", "sqlite:" + path + ".away"])
        #expect(unknown.status == 1)
    }
}
