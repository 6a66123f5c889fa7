import EPCIS
import Foundation
import Storage
import StorageSQLite
import TestSupport
import Testing

/// A SQLite store on a disk that fills up: a tmpfs of a few megabytes, filled by a file and emptied again.
@Suite(.enabled(if: SmallDisk.isAvailable, "needs root to mount a small tmpfs (scripts/test runs as root)"))
struct SQLiteDiskFullTests {
    /// A document of `count` events written here by hand: ObjectEvents observing serials of one GTIN at a farm.
    static func document(serials: Range<Int>) -> Data {
        let events = serials.map { serial in
            """
            {"type":"ObjectEvent","action":"ADD","bizStep":"commissioning",
             "eventTime":"2026-05-0\(1 + serial % 9)T10:\(String(format: "%02d", serial % 60)):00.000+08:00",
             "eventTimeZoneOffset":"+08:00","epcList":["urn:epc:id:sgtin:6901234.000017.\(serial)"],
             "readPoint":{"id":"urn:epc:id:sgln:6901234.00001.0"},
             "bizLocation":{"id":"urn:epc:id:sgln:6901234.00001.0"},
             "ilmd":{"example:note":"a note long enough to take some room in the write-ahead log \(serial)"},
             "@context":{"example":"https://example.com/ns/"}}
            """
        }
        return Data(
            """
            {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument",
             "schemaVersion":"2.0","creationDate":"2026-05-01T00:00:00Z","epcisBody":{"eventList":[\(events.joined(separator: ","))]}}
            """.utf8)
    }

    @Test("a COMMIT that fails on a full disk is .storageFull, stores nothing, and capture goes on once there is room")
    func fullDiskThenRoom() async throws {
        // Given a store on an 8 MB disk holding one small capture
        let disk = try SmallDisk(megabytes: 8)
        defer { disk.unmount() }
        let store = try SQLiteEventStore(.file(disk.folder.appendingPathComponent("store.sqlite").path))
        let first = try await store.capture(try EPCISDocumentReader().read(Self.document(serials: 0..<1)), context: CaptureContext())
        #expect(first.eventIDs.count == 1)

        // When the disk is full and a larger document must grow the write-ahead log at COMMIT
        try disk.fill()
        let refused = await #expect(throws: StorageError.self) {
            try await store.capture(try EPCISDocumentReader().read(Self.document(serials: 1..<600)), context: CaptureContext())
        }

        // Then it is a full disk, and nothing of it was stored
        #expect(refused?.code == .storageFull)
        #expect(refused?.isTransient == true)
        try disk.makeRoom()
        #expect(try await store.events(matching: EPCISQuery(), page: PageRequest(size: 1_000)).events.count == 1)

        // And once there is room the same document is captured, continuing the ledger, which verifies
        let again = try await store.capture(
            try EPCISDocumentReader().read(Self.document(serials: 1..<600)), context: CaptureContext())
        #expect(again.eventIDs.count == 599)
        let next = try await store.capture(
            try EPCISDocumentReader().read(Self.document(serials: 600..<601)), context: CaptureContext())
        #expect(next.eventIDs.count == 1)
        let verification = try await store.verifyLedger()
        #expect(verification.eventCount == 601)
        #expect(verification.tamperedEventIDs.isEmpty)
        #expect(verification.missingEventLeaves.isEmpty)
        #expect(verification.storedNodesMatchSignedRoot)
        #expect(verification.signatureProblem == nil)
        #expect(verification.isIntact)
    }
}
