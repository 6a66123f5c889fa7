import Identifiers
import Testing

@Suite struct EPCTagTests {
    /// (pure identity URN, scheme, filter, hex) — TDS 2.x worked examples and values checked against epcpy.
    static let vectors: [(String, EPCBinaryScheme, Int, String)] = [
        ("urn:epc:id:sgtin:0614141.812345.6789", .sgtin96, 3, "3074257BF7194E4000001A85"),
        ("urn:epc:id:sscc:0614141.1234567890", .sscc96, 3, "3174257BF4499602D2000000"),
        ("urn:epc:id:sgln:0614141.12345.400", .sgln96, 3, "3274257BF460720000000190"),
        ("urn:epc:id:grai:0614141.12345.400", .grai96, 3, "3374257BF40C0E4000000190"),
        ("urn:epc:id:giai:0614141.12345400", .giai96, 3, "3474257BF400000000BC6038"),
        ("urn:epc:id:gid:95100000.12345.400", .gid96, 0, "355AB1C60003039000000190"),
    ]

    @Test("a pure identity encodes to the TDS hex and decodes back", arguments: vectors)
    func encodesAndDecodes(urn: String, scheme: EPCBinaryScheme, filter: Int, hex: String) throws {
        // Given the identity
        let id = try #require(try EPCIdentifier.parse(urn))
        // When encoded
        let encoded = try EPCTag(epc: id, scheme: scheme, filter: filter).hex()
        // Then it decodes back to the same identity, scheme and filter
        let decoded = try EPCTag(hex: encoded)
        #expect(decoded.epc.urn == urn)
        #expect(decoded.scheme == scheme)
        #expect(decoded.filter == filter)
        #expect(encoded == hex)
    }
}
