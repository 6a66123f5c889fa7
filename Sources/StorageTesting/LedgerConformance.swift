import Foundation
public import Storage
import Testing
public import Transparency

/// The ledger scenarios every store with a tiled ledger must pass (docs/decisions/0024-tiled-ledger.md): roots and
/// proofs across tile boundaries equal those of the one-node-per-row layout, byte for byte, and a damaged tile is
/// reported by ``Storage/LedgerStore/verifyLedger()``.
///
/// A backend's test target makes one with a factory of empty stores and a way to damage the stored tiles with its
/// own SQL, behind the store's back.
public struct LedgerConformance: Sendable {
    /// A store with a ledger.
    public typealias Store = any EventStore & LedgerStore

    /// A change to the stored tiles made behind the store's back.
    public enum Damage: Sendable {
        /// The hash of a node of tree level 0, 8, 16, … is overwritten in its tile by 32 bytes of `0xAB`.
        case overwritten(MerkleNodeID)
        /// A tile row is deleted.
        case deleted(MerkleTileID)
    }

    /// Makes an empty store.
    public let makeStore: @Sendable () async throws -> Store
    /// Applies a damage to the store's tiles with raw SQL.
    public let damage: @Sendable (_ store: Store, _ damage: Damage) async throws -> Void

    /// - Parameters:
    ///   - makeStore: a factory of empty stores of the backend under test.
    ///   - damage: changes the store's tiles with the backend's own SQL.
    public init(
        makeStore: @escaping @Sendable () async throws -> Store,
        damage: @escaping @Sendable (_ store: Store, _ damage: Damage) async throws -> Void
    ) {
        self.makeStore = makeStore
        self.damage = damage
    }

    /// The capture sizes of the scenarios: the log passes 1, 2, 255, 256, 257, 511, 512 and 600 leaves, so that
    /// signed heads fall on both sides of the first level-0 tile edges and a level-1 tile exists.
    public static let captureSizes = [1, 1, 253, 1, 1, 254, 1, 88]

    /// Roots, inclusion proofs and consistency proofs read from the tiles equal those of a log that keeps every node
    /// (the layout before tiles), for every signed size across the tile edges; the ledger verifies.
    public func proofsMatchAcrossTileBoundaries() async throws {
        // Given a store that captured documents ending at sizes around the tile edges
        let store = try await makeStore()
        let (ids, sizes) = try await Self.fill(store)
        #expect(sizes == [1, 2, 255, 256, 257, 511, 512, 600])
        // When every event's proof is read, and a log keeping every node is built from the proven leaves
        var bundles: [InclusionProofBundle] = []
        for id in ids { bundles.append(try await store.inclusionProof(eventID: id)) }
        let reference = try await MerkleTree(store: InMemoryMerkleNodeStore())
        try await reference.appendLeafHashes(bundles.map(\.proof.leafHash))
        // Then each proof is the reference's and verifies offline with the store's key
        for (index, bundle) in bundles.enumerated() {
            #expect(bundle.proof.leafIndex == UInt64(index))
            let expected = try await reference.inclusionProof(leafIndex: UInt64(index), treeSize: 600)
            #expect(bundle.proof == expected, "leaf \(index)")
            try bundle.verify(trusting: store.ledgerPublicKey)
        }
        // And each signed head's root and each consistency proof between heads is the reference's
        for (position, first) in sizes.enumerated() {
            let head = try #require(try await store.treeHead(treeSize: UInt64(first)))
            #expect(head.treeHead.rootHash == (try await reference.rootHash(treeSize: UInt64(first))), "size \(first)")
            for second in sizes[position...] {
                let proof = try await store.consistencyProof(from: UInt64(first), to: UInt64(second))
                let expected = try await reference.consistencyProof(from: UInt64(first), to: UInt64(second))
                #expect(proof == expected, "\(first) → \(second)")
            }
        }
        let verification = try await store.verifyLedger()
        #expect(verification.isIntact)
        #expect(verification.eventCount == 600)
        #expect(verification.inconsistentNodes.isEmpty)
    }

    /// A leaf overwritten inside a full tile is named by its event and by the tile check (the node of level 8 over
    /// it no longer hashes from the tile), though the root read from the tiles does not change.
    public func overwrittenLeafIsReported() async throws {
        // Given a store of 600 events
        let store = try await makeStore()
        let (ids, _) = try await Self.fill(store)
        // When leaf 300 (in the full tile 0/1) is overwritten
        try await damage(store, .overwritten(.leaf(300)))
        // Then the event is named, the stored leaves no longer reach the signed root, and node 8/1 is reported
        let result = try await store.verifyLedger()
        #expect(result.tamperedEventIDs == [ids[300]])
        #expect(result.audit?.storedLeavesMatchSignedRoot == false)
        #expect(result.audit?.contentMatchesSignedRoot == true)
        #expect(result.inconsistentNodes == [MerkleNodeID(level: 8, index: 1)])
        #expect(!result.storedNodesMatchSignedRoot)
        #expect(!result.isIntact)
    }

    /// A level-1 hash overwritten (the root of leaves 0–255) is reported, and the root read from tiles changes.
    public func overwrittenUpperHashIsReported() async throws {
        // Given a store of 600 events
        let store = try await makeStore()
        let (ids, _) = try await Self.fill(store)
        // When the first hash of tile 1/0 is overwritten
        try await damage(store, .overwritten(MerkleNodeID(level: 8, index: 0)))
        // Then every event still matches its leaf, but node 8/0 is reported and the tiles miss the signed root
        let result = try await store.verifyLedger()
        #expect(result.tamperedEventIDs.isEmpty)
        #expect(result.audit?.storedLeavesMatchSignedRoot == true)
        #expect(result.inconsistentNodes == [MerkleNodeID(level: 8, index: 0)])
        #expect(!result.storedNodesMatchSignedRoot)
        #expect(!result.isIntact)
        // And the proof of leaf 300, whose path holds node 8/0, no longer verifies against the signed head
        let bundle = try await store.inclusionProof(eventID: ids[300])
        #expect(throws: TransparencyError.self) { try bundle.verify(trusting: store.ledgerPublicKey) }
    }

    /// A deleted full tile is reported as a gap, and each of its events as no longer matching a stored leaf.
    public func deletedTileIsReported() async throws {
        // Given a store of 600 events
        let store = try await makeStore()
        let (ids, _) = try await Self.fill(store)
        // When tile 0/1 (leaves 256–511) is deleted
        try await damage(store, .deleted(MerkleTileID(level: 0, index: 1)))
        // Then its 256 events are named, and the gap is reported at its first leaf
        let result = try await store.verifyLedger()
        #expect(result.tamperedEventIDs == Array(ids[256..<512]))
        #expect(result.inconsistentNodes.first == .leaf(256))
        #expect(!result.storedNodesMatchSignedRoot)
        #expect(!result.isIntact)
    }

    // MARK: Fixtures

    /// Captures ``captureSizes`` documents of distinct shipping events.
    /// - Returns: the event IDs in capture order and the log size after each capture.
    static func fill(_ store: Store) async throws -> (ids: [String], sizes: [Int]) {
        var ids: [String] = []
        var sizes: [Int] = []
        for size in captureSizes {
            let events = (0..<size).map { offset in
                StorageConformance.shipping(serial: "L\(ids.count + offset)")
            }
            let document = StorageConformance.document(events: events)
            ids += try await store.capture(document, context: StorageConformance.context).eventIDs
            sizes.append(ids.count)
        }
        return (ids, sizes)
    }
}
