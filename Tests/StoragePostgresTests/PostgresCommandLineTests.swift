import EPCIS
import Foundation
import StorageTesting
import Testing
import TestSupport

/// The store commands with `--store postgres://…`, run the way a user would, on the binary that
/// `swift build --build-tests` leaves in .build/debug: capture, verify (naming an event changed with SQL), proof
/// and verify-proof, rebuild, trace forward and back, recall and reconcile.
@Suite(
    .enabled(if: PostgresTestDatabase.isConfigured, "needs POSTGRES_HOSTNAME (scripts/test starts one)"),
    .enabled(if: SuyuanBinary.canRun, "needs .build/debug/suyuan"))
struct PostgresCommandLineTests {
    static func run(_ arguments: [String]) async throws -> (status: Int32, stdout: String, stderr: String) {
        let output = try await SuyuanBinary.run(arguments)
        return (output.status, output.text, output.errorText)
    }

    @Test("capture, verify, tamper, verify names it, proof, rebuild, trace, recall, reconcile on PostgreSQL")
    func storeCommands() async throws {
        try await Self.storeCommands(url: PostgresTestDatabase.freshURL())
    }

    /// The store commands on a fresh schema named by `url` (plain, or partitioned by its URL).
    static func storeCommands(url: String) async throws {
        // Given a migrated schema and the story captured through suyuan capture
        let schema = try #require(PostgresTestDatabase.schema(of: url))
        #expect(try await Self.run(["migrate", "--store", url]).status == 0)
        var events = ProjectionConformance.story
        let ids = events.indices.map { "urn:uuid:7c1e2f0a-0000-4000-8000-\(String(format: "%012d", $0))" }
        for index in events.indices { events[index].eventID = ids[index] }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(schema).jsonld")
        try JSONDocumentEncoder().encode(EPCISDocument(kind: .document, events: events)).write(to: file)
        let capture = try await Self.run(["capture", file.path, "--store", url])
        #expect(capture.status == 0, "\(capture.stderr)")
        // Then verify passes, proof and verify-proof work, rebuild works
        let intact = try await Self.run(["verify", "--store", url])
        #expect(intact.status == 0, "\(intact.stdout)\(intact.stderr)")
        #expect(intact.stdout.contains("ledger intact: 7 events"))
        let proof = try await Self.run(["proof", ids[4], "--store", url])
        #expect(proof.status == 0, "\(proof.stderr)")
        let proofFile = file.deletingPathExtension().appendingPathExtension("proof.json")
        try Data(proof.stdout.utf8).write(to: proofFile)
        #expect(try await Self.run(["verify-proof", proofFile.path]).status == 0)
        let rebuild = try await Self.run(["rebuild", "--store", url])
        #expect(rebuild.status == 0, "\(rebuild.stderr)")
        // And the trace commands read the PostgreSQL store
        let forward = try await Self.run([
            "trace", "forward", "urn:epc:class:lgtin:0614141.107346.L1", "--json", "--store", url,
        ])
        #expect(forward.status == 0, "\(forward.stderr)")
        #expect(forward.stdout.contains("urn:epc:class:lgtin:0614141.107347.P1"))
        let back = try await Self.run(["trace", "back", "urn:epc:class:lgtin:0614141.107347.P1", "--json", "--store", url])
        #expect(back.status == 0, "\(back.stderr)")
        #expect(back.stdout.contains("urn:epc:class:lgtin:0614141.107346.L1"))
        let recall = try await Self.run([
            "recall", "urn:epc:class:lgtin:0614141.107346.L1", "--reason", "test", "--json", "--store", url,
        ])
        #expect(recall.status == 0, "\(recall.stderr)")
        #expect(recall.stdout.contains("urn:epc:class:lgtin:0614141.107347.P1"))
        // The recall notified each holder with a recall event (disposition recalled) at its location
        let recalled = try JSONSerialization.jsonObject(with: Data(recall.stdout.utf8)) as? [String: Any]
        let notices = (recalled?["withdrawals"] as? [Any])?.count ?? 0
        #expect(notices > 0)
        let reconcile = try await Self.run(["reconcile", "--json", "--store", url])
        #expect(reconcile.status == 0, "\(reconcile.stderr)")
        #expect(reconcile.stdout.contains("\"events\" : \(7 + notices)"))
        // When the shipping event's body is changed with SQL, verify exits 1 naming it and only it
        let changed = try await PostgresTestDatabase.rewriteBody(eventID: ids[2], schema: schema) {
            $0.replacingOccurrences(of: "shipping", with: "receiving")
        }
        #expect(changed)
        let tampered = try await Self.run(["verify", "--store", url])
        #expect(tampered.status == 1)
        #expect(tampered.stdout.contains("tampered event: \(ids[2])"))
        for other in ids where other != ids[2] { #expect(!tampered.stdout.contains(other)) }
    }
}
