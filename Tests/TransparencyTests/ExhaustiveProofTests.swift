import Foundation
import Testing
import Transparency

/// Every proof for every tree of up to 64 leaves, against the naive recursive definitions of RFC 9162.
@Suite struct ExhaustiveProofTests {
    static let maxSize = 64

    @Test("every root of up to 64 leaves equals the recursive MTH")
    func roots() async throws {
        // Given a log of 64 leaves
        let entries = ReferenceMerkle.entries(Self.maxSize)
        let leaves = entries.map(RFC9162.leafHash)
        let tree = try await makeTree(entries)
        for size in 0...Self.maxSize {
            // When the root at a size is asked for
            let root = try await tree.rootHash(treeSize: UInt64(size))
            // Then it is MTH of the first `size` leaves
            #expect(root == ReferenceMerkle.mth(leaves[0..<size]), "size \(size)")
        }
    }

    @Test("every inclusion proof up to 64 leaves equals the recursive PATH and verifies")
    func inclusionProofs() async throws {
        // Given a log of 64 leaves
        let entries = ReferenceMerkle.entries(Self.maxSize)
        let leaves = entries.map(RFC9162.leafHash)
        let tree = try await makeTree(entries)
        for size in 1...Self.maxSize {
            let root = ReferenceMerkle.mth(leaves[0..<size])
            for index in 0..<size {
                // When the proof of each leaf in each tree size is built
                let proof = try await tree.inclusionProof(leafIndex: UInt64(index), treeSize: UInt64(size))
                // Then it is PATH(m, D[n]) and checks against the root
                #expect(proof.auditPath == ReferenceMerkle.path(index, leaves[0..<size]), "leaf \(index) size \(size)")
                #expect(proof.leafHash == leaves[index])
                #expect(
                    RFC9162.verifyInclusion(
                        leafIndex: UInt64(index),
                        treeSize: UInt64(size),
                        leafHash: leaves[index],
                        auditPath: proof.auditPath,
                        rootHash: root
                    ),
                    "leaf \(index) size \(size)"
                )
            }
        }
    }

    @Test("every consistency proof up to 64 leaves equals the recursive PROOF and verifies")
    func consistencyProofs() async throws {
        // Given a log of 64 leaves
        let entries = ReferenceMerkle.entries(Self.maxSize)
        let leaves = entries.map(RFC9162.leafHash)
        let tree = try await makeTree(entries)
        for second in 1...Self.maxSize {
            let secondRoot = ReferenceMerkle.mth(leaves[0..<second])
            for first in 1...second {
                // When the proof between each pair of sizes is built
                let proof = try await tree.consistencyProof(from: UInt64(first), to: UInt64(second))
                // Then it is SUBPROOF(m, D[n], true) and checks against both roots
                let expected = first == second ? [] : ReferenceMerkle.subproof(first, leaves[0..<second], true)
                #expect(proof.path == expected, "\(first) → \(second)")
                let firstRoot = ReferenceMerkle.mth(leaves[0..<first])
                #expect(
                    RFC9162.verifyConsistency(
                        firstSize: UInt64(first),
                        secondSize: UInt64(second),
                        firstRoot: firstRoot,
                        secondRoot: secondRoot,
                        proof: proof.path
                    ),
                    "\(first) → \(second)"
                )
            }
        }
    }

    @Test("a proof built from a node store needs only O(log n) nodes")
    func proofSizeIsLogarithmic() async throws {
        // Given a log of 1,000 leaves
        let tree = try await makeTree(ReferenceMerkle.entries(1_000))
        // When proofs are built for leaves spread over the log
        for index in stride(from: UInt64(0), to: 1_000, by: 37) {
            let inclusion = try await tree.inclusionProof(leafIndex: index)
            let consistency = try await tree.consistencyProof(from: index + 1)
            // Then no proof is longer than the tree is deep (⌈log2 1000⌉ = 10)
            #expect(inclusion.auditPath.count <= 10)
            #expect(consistency.path.count <= 11)
        }
    }
}
