public import Foundation

/// One tile of a tiled Merkle log: up to 256 consecutive hashes of tree level `8·id.level` (``MerkleTileID``).
///
/// A store keeps a tile as one row: its ID, its width and the hashes concatenated (32 bytes each, ``bytes``).
public struct MerkleTile: Hashable, Sendable {
    /// Where the tile is.
    public var id: MerkleTileID
    /// The hashes, from the tile's first node on; 1 to 256 of them.
    public var hashes: [MerkleHash]

    /// Creates a tile.
    /// - Parameters:
    ///   - id: Where the tile is.
    ///   - hashes: Its hashes, in order.
    public init(id: MerkleTileID, hashes: [MerkleHash]) {
        self.id = id
        self.hashes = hashes
    }

    /// Reads a tile from its stored form.
    /// - Parameters:
    ///   - id: Where the tile is.
    ///   - width: The stored width.
    ///   - bytes: The stored hashes, 32 bytes each.
    /// - Throws: `TransparencyError.malformedHash` when the width is not 1 to 256 or the bytes are not `32·width`.
    public init(id: MerkleTileID, width: Int, bytes: some Collection<UInt8>) throws {
        guard (1...MerkleTileID.width).contains(width), bytes.count == 32 * width else {
            throw TransparencyError(
                .malformedHash,
                "\(id) is stored with width \(width) and \(bytes.count) bytes: a tile holds 1 to 256 hashes of 32 bytes"
            )
        }
        var hashes: [MerkleHash] = []
        hashes.reserveCapacity(width)
        var start = bytes.startIndex
        for _ in 0..<width {
            let end = bytes.index(start, offsetBy: 32)
            // 32 bytes always make a hash.
            if let hash = MerkleHash(bytes: bytes[start..<end]) { hashes.append(hash) }
            start = end
        }
        self.init(id: id, hashes: hashes)
    }

    /// The number of hashes.
    public var width: Int { hashes.count }

    /// Whether the tile holds all 256 hashes and so never changes again.
    public var isFull: Bool { hashes.count == MerkleTileID.width }

    /// The hashes concatenated, as a store keeps them.
    public var bytes: Data {
        var data = Data(capacity: 32 * hashes.count)
        for hash in hashes { hash.withUnsafeBytes { data.append(contentsOf: $0) } }
        return data
    }

    /// The root hash of the whole tile, when it is full: the node of tree level `8·(level + 1)` that the tile
    /// below it in the next tile level holds.
    public var root: MerkleHash? {
        isFull ? Self.subtreeRoot(hashes[...]) : nil
    }

    /// The hash of a node computed from this tile.
    /// - Parameter node: A node whose hashes lie in this tile (see ``MerkleTileID/locate(_:)``).
    /// - Returns: The node's hash; nil when the node is in another tile or the tile does not hold all its hashes yet.
    public func hash(of node: MerkleNodeID) -> MerkleHash? {
        let (tile, positions) = MerkleTileID.locate(node)
        guard tile == id, positions.upperBound <= hashes.count else { return nil }
        return Self.subtreeRoot(hashes[positions])
    }

    /// Node hashes computed from a set of tiles, e.g. read from a store in one batch.
    /// - Parameters:
    ///   - ids: The nodes.
    ///   - tiles: Tiles that hold them, by ID.
    /// - Returns: The hash of every node the tiles hold; the others are absent.
    public static func hashes(of ids: some Sequence<MerkleNodeID>, in tiles: [MerkleTileID: MerkleTile])
        -> [MerkleNodeID: MerkleHash]
    {
        var found: [MerkleNodeID: MerkleHash] = [:]
        for id in ids where found[id] == nil {
            if let hash = tiles[MerkleTileID.locate(id).tile]?.hash(of: id) { found[id] = hash }
        }
        return found
    }

    /// The root of a perfect subtree over `2^k` hashes, folded pairwise level by level in one buffer.
    static func subtreeRoot(_ hashes: ArraySlice<MerkleHash>) -> MerkleHash {
        var level = Array(hashes)
        var width = level.count
        while width > 1 {
            for pair in 0..<(width / 2) {
                level[pair] = RFC9162.nodeHash(level[2 * pair], level[2 * pair + 1])
            }
            width /= 2
        }
        return level.first ?? RFC9162.emptyRoot
    }
}
