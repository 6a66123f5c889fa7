import Testing

@testable import EPCIS

@Suite struct SHA256Tests {
    @Test(
        "digests match the FIPS 180-4 / NIST example vectors",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
            (
                "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
                "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
            ),
        ]
    )
    func nistVectors(message: String, expected: String) {
        // Given a NIST message, When it is hashed, Then the digest is the published one.
        #expect(SHA256.hex(SHA256.hash(message)) == expected)
    }

    @Test("a million 'a' hashed in uneven pieces gives the NIST digest")
    func millionA() {
        // Given one million 'a' bytes fed in pieces that straddle block boundaries
        var hasher = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 997)
        var left = 1_000_000
        while left > 0 {
            let n = min(left, chunk.count)
            hasher.update(chunk[0..<n])
            left -= n
        }
        // When finalized, Then it is the NIST vector
        #expect(SHA256.hex(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("streaming in any split equals hashing at once, around the padding boundaries")
    func streamingEqualsOneShot() {
        for length in [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000] {
            // Given a message of a length near a padding edge
            let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let whole = SHA256.hash(message)
            for split in Set([0, 1, length / 2, max(0, length - 1), length]) where split <= length {
                // When hashed in two parts, Then the digest is the same
                var hasher = SHA256()
                hasher.update(message[0..<split])
                hasher.update(message[split...])
                #expect(hasher.finalize() == whole, "length \(length) split \(split)")
            }
        }
    }
}
