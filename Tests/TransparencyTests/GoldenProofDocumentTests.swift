import Foundation
import Testing
import Transparency

/// A proof document written by `suyuan bench ledger --leaves 20000 --write-proof` and checked at the time by an
/// independent RFC 9162 verifier (Python: hashlib and the `cryptography` package's Ed25519). It must keep checking:
/// a proof handed out once stays verifiable as long as the format is `suyuan-inclusion-proof/v1`.
@Suite struct GoldenProofDocumentTests {
    static let document = #"""
        {
          "auditPath": [
            "1c901a606b19043651868e4995861a9947646b2d0b242c205add31f71e59cfe3",
            "6f09e7c25bf7301f09eaa57a252568ff23480ded9ea6106f729ae7820692edd4",
            "98f8f5f7bc707ecd4f431c9d11b50da53e26e730ec0c623262b0fcc5c425dd7c",
            "687b261051883e4b9b437093e2a7d8173050fb6729b296af11396a7b19b0eac2",
            "bca2706f317e0f5bf51b09f8e3360be9dba0b9cd020a2d9141929840de1c2ecc",
            "479a8c8ed28c202f2fa0e37f233b30cbf953ee665b1d59f5ef2cba3a58b9c445",
            "624891d1070647264b9fe9355f0440c782a64538484d26f2696279dba48b506c",
            "fec29dc56adefaec7108e42d461017b67878317bd6d54b068eb643cc13c84bf0",
            "a5db9182cae8273b955f7ad3b7584c935c64aeecd9a89e077eb9a1569ee2d69b",
            "1b27aad35e0c3aea1c1eca36660e20ac1f950c9f9595f44c84965f7af7dd0145",
            "7daa066038833cf496ebc8c4f55aa5a36dfd516d2a98b40fb4e2850d5456352d",
            "d45edc7339d3c54e0bcc76512ea862a0091152a2b4e14f5fcac80f93b14a5362",
            "538f093006b60811db68ab2f18e218d7deeab1efc472b68f08413c782f81ad86",
            "5a5fcd8f066d8c54e0d5fd8ad86f253198bb0925da3d798f13ae3a17d642a9b6",
            "dadec6e471fe451eb44b29c217a1bac50fc00be537de30eb2509c49d1afe43c8"
          ],
          "eventID": "bench leaf 10000",
          "format": "suyuan-inclusion-proof/v1",
          "leafData": "5702ddfc4d8ef4505702ddfc4d8ef4515702ddfc4d8ef4525702ddfc4d8ef453",
          "leafHash": "11559181673c4db906a160c84a175c214e96e94319fba51b4ffecf204b00b577",
          "leafIndex": 10000,
          "signedTreeHead": {
            "publicKey": "12d227c9c796de442ea2fd0a841340d64caefe7cb3ff9261bea5288a109a6144",
            "signature": "82b05f3f408fcc3356ca8c043b8cb9ba9c95a589230e5354c4794928b02b84b54bbe1380841cacaf42d1aae2b965ace0d6a50b30e7718adde1964a520d47520b",
            "treeHead": {
              "rootHash": "e5759cee92ab47820bc880a48fe0b45f519a2bc4974e77bc5e6e0f8743f8dcc1",
              "timestamp": 1795305539055,
              "treeSize": 20000
            }
          },
          "treeSize": 20000
        }
        """#

    @Test("a proof document from an earlier build still reads and verifies offline")
    func goldenDocument() throws {
        // Given the stored document and the key it was signed with
        let bundle = try InclusionProofBundle.decode(json: Data(Self.document.utf8))
        let key = try LogPublicKey(hex: "12d227c9c796de442ea2fd0a841340d64caefe7cb3ff9261bea5288a109a6144")
        // When it is verified against that key
        try bundle.verify(trusting: key)
        // Then it is leaf 10,000 of 20,000
        #expect(bundle.proof.leafIndex == 10_000)
        #expect(bundle.proof.treeSize == 20_000)
        #expect(bundle.proof.auditPath.count == 15)
        #expect(key.keyID == "643bfd3c99718c84")
    }
}
