import Foundation
import Testing
import Transparency

@Suite struct InclusionProofBundleTests {
    /// A proof document for leaf 5 of a 13-leaf log, signed by `signer`.
    static func bundle(signer: TreeHeadSigner) async throws -> InclusionProofBundle {
        let entries = ReferenceMerkle.entries(13)
        let tree = try await makeTree(entries)
        let head = await tree.treeHead(at: Date(timeIntervalSince1970: 1_763_769_600))
        let proof = try await tree.inclusionProof(leafIndex: 5)
        let signedTreeHead = try signer.sign(head)
        return InclusionProofBundle(
            proof: proof,
            signedTreeHead: signedTreeHead,
            leafData: entries[5],
            eventID: "urn:uuid:6f4e8a5a-0d1c-4e0e-9b8e-2f8c7a1b2c3d"
        )
    }

    @Test("a proof document written as JSON is read back and checks offline")
    func roundTrip() async throws {
        // Given a proof document
        let signer = TreeHeadSigner()
        let bundle = try await Self.bundle(signer: signer)
        // When it is written and read back
        let json = try bundle.jsonData()
        let read = try InclusionProofBundle.decode(json: json)
        // Then it is the same document, and it verifies with the log's key alone
        #expect(read == bundle)
        try read.verify(trusting: signer.publicKey)
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains("\"format\" : \"suyuan-inclusion-proof/v1\""))
        #expect(text.contains("\"leafIndex\" : 5"))
    }

    @Test("each kind of tampering with a proof document is named")
    func tampering() async throws {
        // Given a valid proof document
        let signer = TreeHeadSigner()
        let bundle = try await Self.bundle(signer: signer)
        try checkTampering(bundle, signer: signer)
    }

    /// Synchronous on purpose: Swift 6.3 crashed (task allocator) running these loops inside the async test body.
    private func checkTampering(_ bundle: InclusionProofBundle, signer: TreeHeadSigner) throws {
        var cases: [(InclusionProofBundle, TransparencyError.Code)] = []
        // When its leaf content, sizes, path, root or key are changed
        var content = bundle
        content.leafData = Data("changed event".utf8)
        cases.append((content, .leafDataMismatch))
        var size = bundle
        size.proof.treeSize = 14
        cases.append((size, .treeHeadMismatch))
        var path = bundle
        path.proof.auditPath.removeLast()
        cases.append((path, .inclusionProofInvalid))
        var leaf = bundle
        leaf.leafData = nil
        leaf.proof.leafHash = RFC9162.leafHash(Data("another event".utf8))
        cases.append((leaf, .inclusionProofInvalid))
        var root = bundle
        root.signedTreeHead.treeHead.rootHash = RFC9162.emptyRoot
        cases.append((root, .signatureInvalid))
        var resigned = bundle
        resigned.signedTreeHead = try TreeHeadSigner().sign(bundle.signedTreeHead.treeHead)
        cases.append((resigned, .untrustedKey))
        // Then verification fails with the code that names it
        for (tampered, code) in cases {
            let error = #expect(throws: TransparencyError.self) { try tampered.verify(trusting: signer.publicKey) }
            #expect(error?.code == code, "\(error?.message ?? "no error")")
        }
    }

    @Test("a document that is not a proof is refused, naming the field")
    func malformed() {
        // Given JSON with an unknown format and JSON with a short hash
        let wrongFormat = Data(#"{"format": "something-else"}"#.utf8)
        let shortHash = Data(
            (#"{"format": "suyuan-inclusion-proof/v1", "leafIndex": 0, "treeSize": 1, "leafHash": "abcd", "#
                + #""auditPath": []}"#).utf8
        )
        // Then both are refused with proofDocumentMalformed
        for json in [wrongFormat, shortHash, Data("[]".utf8)] {
            #expect { _ = try InclusionProofBundle.decode(json: json) } throws: { error in
                (error as? TransparencyError)?.code == .proofDocumentMalformed
            }
        }
        do {
            _ = try InclusionProofBundle.decode(json: shortHash)
        } catch let error as TransparencyError {
            #expect(error.message.contains("leafHash"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
