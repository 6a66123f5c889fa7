import Foundation
import Testing
import Transparency

/// The tiled layout (tlog-tiles, height 8): addressing, building tiles from leaves, and reading nodes from tiles.
@Suite struct MerkleTileTests {
    @Test("a node is found in the tile of its level rounded down to a multiple of 8, at the positions of its hashes")
    func addressing() {
        // Given nodes on and between tile levels, then their tiles and positions
        let cases: [(MerkleNodeID, MerkleTileID, Range<Int>)] = [
            (MerkleNodeID(level: 0, index: 0), MerkleTileID(level: 0, index: 0), 0..<1),
            (MerkleNodeID(level: 0, index: 255), MerkleTileID(level: 0, index: 0), 255..<256),
            (MerkleNodeID(level: 0, index: 256), MerkleTileID(level: 0, index: 1), 0..<1),
            (MerkleNodeID(level: 3, index: 33), MerkleTileID(level: 0, index: 1), 8..<16),
            (MerkleNodeID(level: 7, index: 1), MerkleTileID(level: 0, index: 0), 128..<256),
            (MerkleNodeID(level: 8, index: 0), MerkleTileID(level: 1, index: 0), 0..<1),
            (MerkleNodeID(level: 9, index: 200), MerkleTileID(level: 1, index: 1), 144..<146),
            (MerkleNodeID(level: 16, index: 3), MerkleTileID(level: 2, index: 0), 3..<4),
            (MerkleNodeID(level: 63, index: 1), MerkleTileID(level: 7, index: 0), 128..<256),
        ]
        for (node, tile, positions) in cases {
            // When it is located
            let located = MerkleTileID.locate(node)
            // Then the tile and positions are the expected ones
            #expect(located.tile == tile, "\(node)")
            #expect(located.positions == positions, "\(node)")
        }
    }

    @Test("the partial tiles of a log are one per tile level whose hash count is not a multiple of 256")
    func partialTiles() {
        func widths(_ size: UInt64) -> [String] {
            MerkleTileID.partialTiles(treeSize: size).map { "\($0.id.level)/\($0.id.index)/\($0.width)" }
        }
        #expect(widths(0) == [])
        #expect(widths(1) == ["0/0/1"])
        #expect(widths(255) == ["0/0/255"])
        #expect(widths(256) == ["1/0/1"])
        #expect(widths(257) == ["0/1/1", "1/0/1"])
        #expect(widths(65_536) == ["2/0/1"])
        #expect(widths(65_537) == ["0/256/1", "2/0/1"])
        #expect(widths(70_000) == ["0/273/112", "1/1/17", "2/0/1"])
    }

    @Test("a tile's stored form reads back, and a form of the wrong length or width is refused")
    func storedForm() throws {
        // Given a tile of 3 hashes
        let hashes = ReferenceMerkle.entries(3).map(RFC9162.leafHash)
        let tile = MerkleTile(id: MerkleTileID(level: 1, index: 4), hashes: hashes)
        // When its bytes are read back
        let read = try MerkleTile(id: tile.id, width: 3, bytes: tile.bytes)
        // Then it is the same tile, and other lengths and widths are refused
        #expect(read == tile)
        #expect(tile.bytes.count == 96)
        #expect(throws: TransparencyError.self) { try MerkleTile(id: tile.id, width: 3, bytes: tile.bytes.dropLast()) }
        #expect(throws: TransparencyError.self) { try MerkleTile(id: tile.id, width: 0, bytes: Data()) }
        #expect(throws: TransparencyError.self) {
            try MerkleTile(id: tile.id, width: 257, bytes: Data(count: 32 * 257))
        }
    }

    @Test("batches append tiles that equal those of the in-memory tile store, and a restored edge continues alike")
    func frontierBuildsTiles() async throws {
        // Given 70,000 leaves appended in uneven batches to a tile frontier, keeping every tile it returns
        let leaves = ReferenceMerkle.entries(70_000).map(RFC9162.leafHash)
        var frontier = MerkleTileFrontier()
        var stored: [MerkleTileID: MerkleTile] = [:]
        var start = 0
        var sizes = [0, 1, 254, 1, 1, 300, 56_000, 3_000]
        sizes.append(60_000 - sizes.reduce(0, +))
        for size in sizes {
            let tiles = frontier.append(leafHashes: leaves[start..<(start + size)])
            // Then each batch changes one level-0 tile per 256 leaves (plus the two it starts and ends in), and a
            // few above
            #expect(tiles.count <= size / 256 + size / 65_536 + 5, "batch of \(size)")
            #expect(Set(tiles.map(\.id)).count == tiles.count)
            for tile in tiles {
                // And a tile once full is never written again, only partial tiles grow
                if let before = stored[tile.id] {
                    #expect(!before.isFull, "\(tile.id)")
                    #expect(Array(tile.hashes.prefix(before.width)) == before.hashes, "\(tile.id)")
                }
                stored[tile.id] = tile
            }
            start += size
        }
        // Then the tiles are those MerkleTree writes into the in-memory tile store, and the root is MTH
        let tree = try await MerkleTree(store: InMemoryMerkleTileStore())
        try await tree.appendLeafHashes(Array(leaves[0..<60_000]))
        let snapshot = await tree.store.snapshot()
        #expect(snapshot == stored.values.sorted { $0.id < $1.id })
        #expect(frontier.rootHash == ReferenceMerkle.mth(leaves[0..<60_000]))
        // When the edge is restored from the stored tiles and both append the rest
        var restored = try MerkleTileFrontier(treeSize: 60_000, tiles: stored)
        #expect(restored.treeSize == 60_000)
        #expect(restored.rootHash == frontier.rootHash)
        let more = frontier.append(leafHashes: leaves[60_000...])
        let moreRestored = restored.append(leafHashes: leaves[60_000...])
        // Then they write the same tiles and reach the same root
        #expect(more == moreRestored)
        #expect(restored.rootHash == ReferenceMerkle.mth(leaves[...]))
    }

    @Test("restoring the edge refuses a partial tile that is absent or of the wrong width")
    func restoreRefusesDamage() throws {
        // Given the tiles of a 300-leaf log
        var frontier = MerkleTileFrontier()
        let tiles = frontier.append(leafHashes: ReferenceMerkle.entries(300).map(RFC9162.leafHash))
        var byID = Dictionary(uniqueKeysWithValues: tiles.map { ($0.id, $0) })
        #expect(try MerkleTileFrontier(treeSize: 300, tiles: byID).rootHash == frontier.rootHash)
        // When the partial leaf tile loses a hash, or the level-1 tile is gone
        var shortened = byID
        shortened[MerkleTileID(level: 0, index: 1)]?.hashes.removeLast()
        byID[MerkleTileID(level: 1, index: 0)] = nil
        // Then the edge cannot be restored, and the error says so
        #expect { try MerkleTileFrontier(treeSize: 300, tiles: shortened) } throws: { error in
            (error as? TransparencyError)?.code == .missingNode
        }
        #expect { try MerkleTileFrontier(treeSize: 300, tiles: byID) } throws: { error in
            (error as? TransparencyError)?.code == .missingNode
        }
    }

    @Test("the in-memory tile store keeps a 32-byte hash per leaf plus one per 256, and reopens from its tiles")
    func inMemoryStore() async throws {
        // Given a log of 1,000 leaves in a tile store
        let entries = ReferenceMerkle.entries(1_500)
        let tree = try await MerkleTree(store: InMemoryMerkleTileStore())
        try await tree.appendLeaves(Array(entries[0..<1_000]))
        // Then it holds 4 level-0 tiles (3 full, one of 232) and one level-1 tile of 3
        let tiles = await tree.store.snapshot()
        #expect(tiles.map(\.width) == [256, 256, 256, 232, 3])
        // When it is reopened from those tiles, then it has the same root and grows the same way
        let reopened = try await MerkleTree(store: InMemoryMerkleTileStore(snapshot: tiles))
        let reopenedSize = await reopened.treeSize
        #expect(reopenedSize == 1_000)
        try await tree.appendLeaves(Array(entries[1_000...]))
        try await reopened.appendLeaves(Array(entries[1_000...]))
        let root = await tree.rootHash
        let reopenedRoot = await reopened.rootHash
        #expect(root == reopenedRoot)
        #expect(root == ReferenceMerkle.mth(entries.map(RFC9162.leafHash)[...]))
    }

    @Test("the tile check passes sound tiles and names a changed leaf, a gap, a malformed tile and an unbacked root")
    func levelCheck() {
        // Given the tiles of a 600-leaf log: 0/0, 0/1 full, 0/2 of 88, and 1/0 with the roots of the two full ones
        var frontier = MerkleTileFrontier()
        let tiles = frontier.append(leafHashes: ReferenceMerkle.entries(600).map(RFC9162.leafHash))
        let leaves = tiles.filter { $0.id.level == 0 }.sorted { $0.id < $1.id }
        let parents = tiles.filter { $0.id.level == 1 }
        func check(_ children: [MerkleTile?], parents: [MerkleTile]) -> [MerkleNodeID] {
            var check = MerkleTileLevelCheck(level: 0, parentTiles: parents)
            for (position, tile) in children.enumerated() {
                check.check(tile?.id ?? MerkleTileID(level: 0, index: UInt64(position)), tile: tile)
            }
            return check.finish()
        }
        // Then sound tiles pass
        #expect(check(leaves, parents: parents).isEmpty)
        // And a changed leaf in tile 0/1 is reported as the level-8 node over it
        var changed = leaves
        changed[1].hashes[44] = RFC9162.leafHash(Data([1]))
        #expect(check(changed, parents: parents) == [MerkleNodeID(level: 8, index: 1)])
        // And a missing tile is reported at its first leaf, and the check of the level stops there
        #expect(check([leaves[0], leaves[2]], parents: parents) == [.leaf(256)])
        // And a malformed tile is reported at its first leaf, the tiles after it still checked
        #expect(check([nil, leaves[1], leaves[2]], parents: parents) == [.leaf(0)])
        // And a level-8 hash that no full tile backs is reported
        var extra = parents[0]
        extra.hashes.append(RFC9162.leafHash(Data([2])))
        #expect(check(leaves, parents: [extra]) == [MerkleNodeID(level: 8, index: 2)])
    }
}
