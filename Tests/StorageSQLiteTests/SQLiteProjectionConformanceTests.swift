import Foundation
import Storage
import StorageTesting
import Testing

@testable import StorageSQLite

/// The projection and ledger conformance scenarios against a SQLite file store; tampering goes through a connection
/// of its own, beside the store's.
@Suite struct SQLiteProjectionConformanceTests {
    private func run(_ scenario: @Sendable (ProjectionConformance) async throws -> Void) async throws {
        let path = SQLiteTestFiles.newPath()
        let store = try SQLiteEventStore(.file(path))
        try await scenario(
            ProjectionConformance(
                makeStore: { store },
                tamper: { _, eventID in
                    // The body is rewritten in the file as an attacker who knows the stored format would.
                    let condition =
                        "coalesce(" + SQLiteCompactID.textSQL("event_id") + ", " + SQLiteCompactID.textSQL("hash")
                        + ") = '\(eventID)'"
                    let changed = try SQLiteLedgerTests.rewriteBodies(path, where: condition) {
                        $0.replacingOccurrences(of: "shipping", with: "receiving")
                    }
                    return changed == 1
                }))
    }

    @Test("identifier states follow the story") func states() async throws {
        try await run { try await $0.identifierStatesFollowTheStory() }
    }

    @Test("the identifiers with a state are paged in byte order") func keys() async throws {
        try await run { try await $0.identifierKeysArePagedInOrder() }
    }

    @Test("a late event does not roll an identifier's state back") func late() async throws {
        try await run { try await $0.lateEventsDoNotRollStateBack() }
    }

    @Test("lot balances per party and unit") func balances() async throws {
        try await run { try await $0.lotBalancesPerParty() }
    }

    @Test("open shipments close on a matching receipt") func shipments() async throws {
        try await run { try await $0.openShipmentsCloseOnReceipt() }
    }

    @Test("projections after captures equal projections after a rebuild") func rebuild() async throws {
        try await run { try await $0.rebuildEqualsCapture() }
    }

    @Test(
        "a body changed with SQL is named by verify; proofs verify offline",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func tamper() async throws {
        try await run { try await $0.tamperedBodyIsNamed() }
    }
}
