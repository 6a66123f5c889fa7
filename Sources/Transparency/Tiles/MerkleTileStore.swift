/// Where a tiled Merkle log keeps its tiles (``MerkleTile``): the SQLite and PostgreSQL `ledger_tile` tables and
/// ``InMemoryMerkleTileStore``.
///
/// A tile store answers node reads (``MerkleNodeSource``) from tiles: ``hashes(of:)`` reads the few tiles that hold
/// the asked nodes in one batch and computes each node from them, so roots and proofs are built from tiles exactly as
/// from stored nodes.
public protocol MerkleTileStore: MerkleNodeSource {
    /// Reads tiles.
    /// - Parameter ids: The tiles to read; they may come in any order and may repeat.
    /// - Returns: Each tile the store holds; tiles it does not hold are absent.
    /// - Throws: The store's error.
    func tiles(_ ids: [MerkleTileID]) async throws -> [MerkleTileID: MerkleTile]
}

extension MerkleTileStore {
    /// Reads node hashes by reading the tiles that hold them, in one batch.
    /// - Parameter ids: The nodes to read.
    /// - Returns: The hash of each node the stored tiles hold; the others are absent.
    /// - Throws: The store's error.
    public func hashes(of ids: [MerkleNodeID]) async throws -> [MerkleNodeID: MerkleHash] {
        let tileIDs = Set(ids.map { MerkleTileID.locate($0).tile })
        return MerkleTile.hashes(of: ids, in: try await tiles(Array(tileIDs)))
    }
}
