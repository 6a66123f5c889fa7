import GRDB
import Testing

@testable import StorageSQLite

/// Hash IDs and UUID event IDs are stored as their bytes; every other ID as its text; each comes back exactly.
@Suite struct SQLiteCompactIDTests {
    static let hash = "ni:///sha-256;ee609badecd83bed1768e4ac331be2d03ae112dbd711159c5c2b3e30e7bc0a15?ver=CBV2.0"
    static let uuid = "urn:uuid:61cdf7ef-c8a5-41ca-8c2e-7a721a44dad3"

    @Test("a GS1 event hash ID is stored as its 32 digest bytes and a UUID URN as its 16 bytes")
    func compactForms() throws {
        // When the two usual forms are stored
        let hash = SQLiteCompactID.value(Self.hash)
        let uuid = SQLiteCompactID.value(Self.uuid)
        // Then they are BLOBs of the digest and the UUID, and read back as the same text
        guard case .blob(let digest) = hash.storage, case .blob(let bytes) = uuid.storage else {
            Issue.record("not stored as bytes: \(hash), \(uuid)")
            return
        }
        #expect(digest.count == 32 && digest.first == 0xee && digest.last == 0x15)
        #expect(bytes.count == 16 && bytes.first == 0x61 && bytes.last == 0xd3)
        #expect(SQLiteCompactID.text(hash) == Self.hash)
        #expect(SQLiteCompactID.text(uuid) == Self.uuid)
    }

    @Test(
        "any other ID stays text, so that it comes back exactly",
        arguments: [
            "ni:///sha-256;EE609BADECD83BED1768E4AC331BE2D03AE112DBD711159C5C2B3E30E7BC0A15?ver=CBV2.0",
            "ni:///sha-256;ee609badecd83bed1768e4ac331be2d03ae112dbd711159c5c2b3e30e7bc0a15?ver=CBV2.1",
            "urn:uuid:61CDF7EF-C8A5-41CA-8C2E-7A721A44DAD3", "urn:uuid:61cdf7efc8a5-41ca-8c2e-7a721a44dad3-",
            "urn:uuid:61cdf7ef-c8a5-41ca-8c2e-7a721a44dad", "https://example.com/events/1", "",
        ])
    func otherFormsStayText(id: String) {
        let value = SQLiteCompactID.value(id)
        #expect(value == id.databaseValue)
        #expect(SQLiteCompactID.text(value) == id)
    }

    @Test("the SQL spelling of the text matches the Swift one, for scripts that read the file")
    func sqlSpelling() throws {
        let queue = try DatabaseQueue()
        for id in [Self.hash, Self.uuid, "urn:example:1"] {
            let text = try queue.read { db in
                try String.fetchOne(
                    db, sql: "SELECT \(SQLiteCompactID.textSQL("?1"))", arguments: [SQLiteCompactID.value(id)])
            }
            #expect(text == id)
        }
    }
}
