import Foundation
import Testing
import Transparency

@Suite struct SigningTests {
    static let head = TreeHead(
        treeSize: 8,
        rootHash: MerkleHash(testHex: "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"),
        timestamp: 1_763_769_600_123
    )

    @Test("the signed bytes are RFC 9162 TreeHeadDataV2")
    func canonicalEncoding() {
        // Given a tree head
        // When it is encoded
        let bytes = Self.head.signedBytes
        // Then it is timestamp, size (big-endian), the length-prefixed root and empty extensions
        #expect(bytes.count == 51)
        #expect(Array(bytes[0..<8]) == [0x00, 0x00, 0x01, 0x9a, 0xa8, 0xdc, 0x48, 0x7b])
        #expect(Array(bytes[8..<16]) == [0, 0, 0, 0, 0, 0, 0, 8])
        #expect(bytes[16] == 32)
        #expect(Array(bytes[17..<49]) == Self.head.rootHash.bytes)
        #expect(Array(bytes[49...]) == [0, 0])
    }

    @Test("a signed tree head verifies with the signer's key, and not with another")
    func signAndVerify() throws {
        // Given a signer
        let signer = TreeHeadSigner()
        // When a tree head is signed
        let signed = try signer.sign(Self.head)
        // Then it verifies with the signer's key
        try signed.verify()
        try signed.verify(trusting: signer.publicKey)
        // And a verifier that trusts another key refuses it
        #expect { try signed.verify(trusting: TreeHeadSigner().publicKey) } throws: { error in
            (error as? TransparencyError)?.code == .untrustedKey
        }
    }

    @Test("a changed size, root, timestamp, signature or key fails verification")
    func changedTreeHead() throws {
        // Given a signed tree head
        let signer = TreeHeadSigner()
        let signed = try signer.sign(Self.head)
        var changes: [SignedTreeHead] = []
        // When any part of it is changed
        var size = signed
        size.treeHead.treeSize += 1
        changes.append(size)
        var root = signed
        root.treeHead.rootHash = RFC9162.emptyRoot
        changes.append(root)
        var time = signed
        time.treeHead.timestamp -= 1
        changes.append(time)
        var signature = signed
        signature.signature[10] ^= 0x01
        changes.append(signature)
        var key = signed
        key.publicKey = TreeHeadSigner().publicKey
        changes.append(key)
        // Then the signature no longer verifies
        for changed in changes {
            #expect { try changed.verify() } throws: { error in
                (error as? TransparencyError)?.code == .signatureInvalid
            }
        }
    }

    @Test("a signed tree head survives JSON")
    func jsonRoundTrip() throws {
        // Given a signed tree head
        let signed = try TreeHeadSigner().sign(Self.head)
        // When it is written and read as JSON
        let json = try JSONEncoder().encode(signed)
        let read = try JSONDecoder().decode(SignedTreeHead.self, from: json)
        // Then it is the same and still verifies
        #expect(read == signed)
        try read.verify()
    }

    @Test("a tree head of a date keeps milliseconds")
    func dates() {
        let head = TreeHead(treeSize: 1, rootHash: RFC9162.emptyRoot, date: Date(timeIntervalSince1970: 1.2345))
        #expect(head.timestamp == 1_234)
        #expect(head.date == Date(timeIntervalSince1970: 1.234))
    }
}
