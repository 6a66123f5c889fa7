import Foundation
import Testing
import Transparency

/// Roots and proofs read from tiles equal the RFC 9162 reference, byte for byte, for tree sizes on and around the
/// tile boundaries (255/256/257 leaves fill the first level-0 tile, 65,536 the first level-1 tile) and random ones.
@Suite struct TiledProofTests {
    static let largest = 65_537

    /// One tile-store log of 65,537 leaves and one node-store log of the same leaves, shared by the tests.
    static let logs = Task {
        let entries = ReferenceMerkle.entries(largest)
        let tiled = try await MerkleTree(store: InMemoryMerkleTileStore())
        let nodes = try await MerkleTree(store: InMemoryMerkleNodeStore())
        for start in stride(from: 0, to: largest, by: 4_096) {
            let batch = Array(entries[start..<min(largest, start + 4_096)])
            try await tiled.appendLeaves(batch)
            try await nodes.appendLeaves(batch)
        }
        return (tiled: tiled, nodes: nodes, leaves: entries.map(RFC9162.leafHash))
    }

    static let boundarySizes = [1, 2, 255, 256, 257, 511, 512, 65_535, 65_536, 65_537]

    /// Sizes and leaf indices drawn with a fixed seed.
    static func random(_ count: Int, below bound: Int, seed: UInt64) -> [Int] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 11) % UInt64(bound)) + 1
        }
    }

    @Test("the root at every boundary size and at random sizes is the reference MTH")
    func roots() async throws {
        let (tiled, _, leaves) = try await Self.logs.value
        // Given sizes on the boundaries, 0, and random ones
        for size in [0] + Self.boundarySizes + Self.random(8, below: Self.largest, seed: 7) {
            // When the root is read from tiles
            let root = try await tiled.rootHash(treeSize: UInt64(size))
            // Then it is MTH of the first `size` leaves
            #expect(root == ReferenceMerkle.mth(leaves[0..<size]), "size \(size)")
        }
    }

    @Test("inclusion proofs read from tiles are the reference PATH at boundary sizes, for leaves at tile edges")
    func inclusionAtBoundaries() async throws {
        let (tiled, _, leaves) = try await Self.logs.value
        for size in Self.boundarySizes {
            // Given leaves at the start and end of the log and on either side of each tile edge below the size
            let edges = [0, 1, 127, 128, 254, 255, 256, 257, 511, 512, 65_534, 65_535, 65_536]
            let indices = Set(edges + [size / 2, size - 1]).filter { $0 < size }.sorted()
            let root = ReferenceMerkle.mth(leaves[0..<size])
            for index in indices {
                // When the proof is built from tiles
                let proof = try await tiled.inclusionProof(leafIndex: UInt64(index), treeSize: UInt64(size))
                // Then it is PATH(m, D[n]) byte for byte, and verifies
                #expect(proof.leafHash == leaves[index])
                #expect(proof.auditPath == ReferenceMerkle.path(index, leaves[0..<size]), "leaf \(index) size \(size)")
                try proof.verify(rootHash: root)
            }
        }
    }

    @Test("consistency proofs read from tiles are the reference PROOF between boundary sizes and random pairs")
    func consistencyAtBoundaries() async throws {
        let (tiled, _, leaves) = try await Self.logs.value
        // Given pairs of sizes: each boundary size to the ones above it, and random pairs
        var pairs: [(Int, Int)] = []
        for (position, first) in Self.boundarySizes.enumerated() {
            for second in Self.boundarySizes[position...] { pairs.append((first, second)) }
        }
        let randomSizes = Self.random(12, below: Self.largest, seed: 11)
        for pair in stride(from: 0, to: randomSizes.count, by: 2) {
            pairs.append((min(randomSizes[pair], randomSizes[pair + 1]), max(randomSizes[pair], randomSizes[pair + 1])))
        }
        var roots: [Int: MerkleHash] = [:]
        for (first, second) in pairs {
            // When the proof is built from tiles
            let proof = try await tiled.consistencyProof(from: UInt64(first), to: UInt64(second))
            // Then it is SUBPROOF(m, D[n], true) byte for byte, and verifies
            let expected = first == second ? [] : ReferenceMerkle.subproof(first, leaves[0..<second], true)
            #expect(proof.path == expected, "\(first) → \(second)")
            for size in [first, second] where roots[size] == nil { roots[size] = ReferenceMerkle.mth(leaves[0..<size]) }
            try proof.verify(firstRoot: try #require(roots[first]), secondRoot: try #require(roots[second]))
        }
    }

    @Test("proofs from tiles equal proofs from stored nodes for random leaves and sizes")
    func tilesEqualNodes() async throws {
        let (tiled, nodes, _) = try await Self.logs.value
        // Given random sizes, leaves below them, and earlier sizes
        let sizes = Self.random(200, below: Self.largest, seed: 3)
        let picks = Self.random(200, below: Self.largest, seed: 5)
        for (size, pick) in zip(sizes, picks) {
            let index = UInt64((pick - 1) % size)
            let first = UInt64(pick % size + 1)
            // When both logs build the proofs, then they are the same
            let fromTiles = try await tiled.inclusionProof(leafIndex: index, treeSize: UInt64(size))
            let fromNodes = try await nodes.inclusionProof(leafIndex: index, treeSize: UInt64(size))
            #expect(fromTiles == fromNodes, "leaf \(index) size \(size)")
            let tiledConsistency = try await tiled.consistencyProof(from: first, to: UInt64(size))
            let nodeConsistency = try await nodes.consistencyProof(from: first, to: UInt64(size))
            #expect(tiledConsistency == nodeConsistency, "\(first) → \(size)")
        }
    }
}
