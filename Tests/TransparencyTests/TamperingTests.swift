import Foundation
import Testing
import Transparency

/// A changed leaf, a wrong size, a wrong index, a truncated or padded path: every one fails verification.
@Suite struct TamperingTests {
    static let size: UInt64 = 13

    @Test("a changed leaf fails its inclusion proof", arguments: 0..<13)
    func changedLeaf(index: Int) async throws {
        // Given a proof of leaf `index` in a tree of 13
        let entries = ReferenceMerkle.entries(Int(Self.size))
        let tree = try await makeTree(entries)
        let root = await tree.rootHash
        var proof = try await tree.inclusionProof(leafIndex: UInt64(index))
        try proof.verify(rootHash: root)
        // When the leaf's content is changed
        proof.leafHash = RFC9162.leafHash(entries[index] + Data([0x01]))
        // Then the proof no longer verifies
        #expect(throws: TransparencyError.self) { try proof.verify(rootHash: root) }
    }

    // A size that differs by one can give the same path shape (leaf 0 in trees of 13 and 14), so the proof alone
    // does not pin the size: the signed tree head does, and `InclusionProofBundle.verify` compares the two.
    @Test("a wrong tree size, wrong index, changed, truncated or padded path is refused")
    func alteredProofs() async throws {
        // Given valid proofs for every leaf of a tree of 13
        let tree = try await makeTree(ReferenceMerkle.entries(Int(Self.size)))
        let root = await tree.rootHash
        for index in 0..<Self.size {
            let proof = try await tree.inclusionProof(leafIndex: index)
            let path = proof.auditPath
            func verifies(_ index: UInt64, _ size: UInt64, _ path: [MerkleHash]) -> Bool {
                RFC9162.verifyInclusion(
                    leafIndex: index, treeSize: size, leafHash: proof.leafHash, auditPath: path, rootHash: root
                )
            }
            #expect(verifies(index, Self.size, path))
            // Then each alteration is detected
            #expect(!verifies(index, Self.size * 2, path), "size * 2, leaf \(index)")
            #expect(!verifies(index, Self.size / 2, path), "size / 2, leaf \(index)")
            #expect(!verifies(index + 1, Self.size, path), "index + 1, leaf \(index)")
            #expect(!verifies(index ^ 2, Self.size, path), "index ^ 2, leaf \(index)")
            #expect(!verifies(index, Self.size, Array(path.dropLast())), "truncated, leaf \(index)")
            #expect(!verifies(index, Self.size, path + [root]), "padded, leaf \(index)")
            #expect(!verifies(index, Self.size, [RFC9162.emptyRoot] + path), "prefixed, leaf \(index)")
            for position in path.indices {
                var changed = path
                changed[position] = RFC9162.emptyRoot
                #expect(!verifies(index, Self.size, changed), "path[\(position)] changed, leaf \(index)")
            }
            #expect(!verifies(Self.size, Self.size, path), "index = size")
        }
    }

    @Test("a log that was rewritten, or proofs with altered sizes or hashes, fail consistency")
    func consistencyTampering() async throws {
        // Given a log of 20 leaves and a second log whose leaf 3 differs
        var entries = ReferenceMerkle.entries(20)
        let tree = try await makeTree(entries)
        entries[3] = Data("rewritten".utf8)
        let rewritten = try await makeTree(entries)
        for first in UInt64(1)..<20 {
            let proof = try await tree.consistencyProof(from: first, to: 20)
            let firstRoot = try await tree.rootHash(treeSize: first)
            let secondRoot = await tree.rootHash
            let rewrittenRoot = await rewritten.rootHash
            let rewrittenProof = try await rewritten.consistencyProof(from: first, to: 20)
            try proof.verify(firstRoot: firstRoot, secondRoot: secondRoot)
            func verifies(_ m: UInt64, _ n: UInt64, _ r1: MerkleHash, _ r2: MerkleHash, _ p: [MerkleHash]) -> Bool {
                RFC9162.verifyConsistency(firstSize: m, secondSize: n, firstRoot: r1, secondRoot: r2, proof: p)
            }
            // Then the honest proof does not carry the old head to the rewritten log
            #expect(!verifies(first, 20, firstRoot, rewrittenRoot, proof.path), "first \(first)")
            // And the rewritten log proves consistency with the old head only when the change came after it
            let rewrittenVerifies = verifies(first, 20, firstRoot, rewrittenRoot, rewrittenProof.path)
            #expect(rewrittenVerifies == (first <= 3), "first \(first)")
            // And altered sizes, swapped roots, empty, truncated or changed proofs fail
            #expect(!verifies(first + 1, 20, firstRoot, secondRoot, proof.path), "first + 1 = \(first + 1)")
            #expect(!verifies(first - 1, 20, firstRoot, secondRoot, proof.path), "first - 1, first \(first)")
            #expect(!verifies(first ^ 2, 20, firstRoot, secondRoot, proof.path), "first ^ 2, first \(first)")
            #expect(!verifies(first, 40, firstRoot, secondRoot, proof.path), "second 40, first \(first)")
            #expect(!verifies(first, 10, firstRoot, secondRoot, proof.path), "second 10, first \(first)")
            #expect(!verifies(first, 20, secondRoot, firstRoot, proof.path), "swapped, first \(first)")
            #expect(!verifies(first, 20, firstRoot, secondRoot, []), "empty, first \(first)")
            #expect(!verifies(first, 20, firstRoot, secondRoot, Array(proof.path.dropLast())), "truncated \(first)")
            #expect(!verifies(20, first, secondRoot, firstRoot, proof.path), "shrinking, first \(first)")
            for position in proof.path.indices {
                var changed = proof.path
                changed[position] = RFC9162.emptyRoot
                #expect(!verifies(first, 20, firstRoot, secondRoot, changed), "path[\(position)], first \(first)")
            }
        }
    }

    @Test("the edge cases RFC 9162 leaves out follow the Certificate Transparency verifier")
    func consistencyEdgeCases() {
        let a = RFC9162.leafHash(Data([1]))
        let b = RFC9162.leafHash(Data([2]))
        // Equal sizes: consistent only with equal roots and an empty proof
        #expect(RFC9162.verifyConsistency(firstSize: 5, secondSize: 5, firstRoot: a, secondRoot: a, proof: []))
        #expect(!RFC9162.verifyConsistency(firstSize: 5, secondSize: 5, firstRoot: a, secondRoot: b, proof: []))
        #expect(!RFC9162.verifyConsistency(firstSize: 5, secondSize: 5, firstRoot: a, secondRoot: a, proof: [a]))
        // The empty tree is a prefix of every tree, with an empty proof
        #expect(RFC9162.verifyConsistency(firstSize: 0, secondSize: 5, firstRoot: a, secondRoot: b, proof: []))
        #expect(!RFC9162.verifyConsistency(firstSize: 0, secondSize: 5, firstRoot: a, secondRoot: b, proof: [a]))
        // A log never shrinks
        #expect(!RFC9162.verifyConsistency(firstSize: 2, secondSize: 1, firstRoot: a, secondRoot: b, proof: [a]))
    }
}
