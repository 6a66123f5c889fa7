import Foundation
import Testing
import Transparency

@Suite struct MerkleTreeStoreTests {
    @Test("appending in batches gives the same nodes and roots as appending one by one")
    func batchEqualsOneByOne() async throws {
        // Given 300 entries, appended one by one into one log and in uneven batches into another
        let entries = ReferenceMerkle.entries(300)
        let single = try await makeTree([])
        for entry in entries { try await single.appendLeaves([entry]) }
        let batched = try await makeTree([])
        var start = 0
        for size in [1, 2, 3, 64, 100, 7, 0, 123] {
            let appended = try await batched.appendLeaves(Array(entries[start..<(start + size)]))
            // Then each batch reports its indices
            #expect(appended.indices == UInt64(start)..<UInt64(start + size))
            start += size
        }
        // Then both hold the same nodes and have the same root
        let singleNodes = await single.store.snapshot()
        let batchedNodes = await batched.store.snapshot()
        let singleRoot = await single.rootHash
        let batchedRoot = await batched.rootHash
        #expect(singleNodes == batchedNodes)
        #expect(singleRoot == batchedRoot)
        #expect(singleRoot == ReferenceMerkle.mth(entries.map(RFC9162.leafHash)[...]))
        // And about two nodes per leaf are stored
        let expectedNodeCount = 596  // 300 + 150 + 75 + 37 + 18 + 9 + 4 + 2 + 1 complete subtrees
        #expect(singleNodes.count == expectedNodeCount)
    }

    @Test("a log reopened from its persisted nodes has the same roots and keeps growing the same way")
    func reloadFromStore() async throws {
        // Given a log of 1,000 leaves whose nodes are copied to a new store, as a reopened database
        let entries = ReferenceMerkle.entries(1_500)
        let original = try await makeTree(Array(entries[0..<1_000]))
        let reopenedStore = InMemoryMerkleNodeStore(snapshot: await original.store.snapshot())
        // When a log is opened on the copy
        let reopened = try await MerkleTree(store: reopenedStore)
        // Then it has the same size and the same root at every size
        let reopenedSize = await reopened.treeSize
        #expect(reopenedSize == 1_000)
        for size in stride(from: UInt64(0), through: 1_000, by: 61) {
            let before = try await original.rootHash(treeSize: size)
            let after = try await reopened.rootHash(treeSize: size)
            #expect(before == after, "size \(size)")
        }
        // And both grow to the same log
        try await original.appendLeaves(Array(entries[1_000...]))
        try await reopened.appendLeaves(Array(entries[1_000...]))
        let originalRoot = await original.rootHash
        let reopenedRoot = await reopened.rootHash
        #expect(originalRoot == reopenedRoot)
        let proof = try await reopened.inclusionProof(leafIndex: 1_234)
        try proof.verify(rootHash: originalRoot)
    }

    @Test("a store that lacks a node of the right edge is refused when the log is opened")
    func missingFrontierNode() async throws {
        // Given the nodes of a 5-leaf log without the subtree root 2/0 (leaves 0-3)
        let original = try await makeTree(ReferenceMerkle.entries(5))
        let nodes = await original.store.snapshot().filter { $0.id != MerkleNodeID(level: 2, index: 0) }
        // When a log is opened on them
        // Then the missing node is named
        await #expect {
            _ = try await MerkleTree(store: InMemoryMerkleNodeStore(snapshot: nodes))
        } throws: { error in
            (error as? TransparencyError)?.code == .missingNode
        }
    }

    @Test("sizes and indices beyond the log are refused with their codes")
    func outOfRange() async throws {
        // Given a log of 4 leaves
        let tree = try await makeTree(ReferenceMerkle.entries(4))
        // Then asking past its end names the problem
        await #expect { _ = try await tree.rootHash(treeSize: 5) } throws: { error in
            (error as? TransparencyError)?.code == .treeSizeOutOfRange
        }
        await #expect { _ = try await tree.inclusionProof(leafIndex: 4) } throws: { error in
            (error as? TransparencyError)?.code == .leafIndexOutOfRange
        }
        await #expect { _ = try await tree.consistencyProof(from: 3, to: 2) } throws: { error in
            (error as? TransparencyError)?.code == .treeSizeOutOfRange
        }
    }

    @Test("a batch the store rejects leaves the log unchanged")
    func failedWriteLeavesLogUnchanged() async throws {
        // Given a log over a store that fails every second write
        let tree = try await MerkleTree(store: FlakyStore())
        try await tree.appendLeaves(ReferenceMerkle.entries(3))
        let before = await tree.rootHash
        // When a write fails
        await #expect { try await tree.appendLeaves(ReferenceMerkle.entries(2)) } throws: { error in
            (error as? TransparencyError)?.code == .storeFailure
        }
        // Then size and root are as before, and the next batch continues from there
        let sizeAfterFailure = await tree.treeSize
        let rootAfterFailure = await tree.rootHash
        #expect(sizeAfterFailure == 3)
        #expect(rootAfterFailure == before)
        let appended = try await tree.appendLeaves([Data([9])])
        #expect(appended.indices == 3..<4)
    }

    @Test("concurrent appends reach the store in order")
    func concurrentAppends() async throws {
        // Given a log and 20 batches appended at once
        let tree = try await makeTree([])
        try await withThrowingTaskGroup(of: Void.self) { group in
            for batch in 0..<20 {
                group.addTask { try await tree.appendLeaves(ReferenceMerkle.entries(10 + batch)) }
            }
            try await group.waitForAll()
        }
        // Then every leaf is in, and a reopened log agrees
        let size = await tree.treeSize
        let expectedSize: UInt64 = 390  // 10 + 11 + … + 29
        #expect(size == expectedSize)
        let reopened = try await MerkleTree(store: InMemoryMerkleNodeStore(snapshot: await tree.store.snapshot()))
        let root = await tree.rootHash
        let reopenedRoot = await reopened.rootHash
        #expect(root == reopenedRoot)
    }
}

/// A store that rejects every second write, as a database that loses its connection.
private actor FlakyStore: MerkleNodeStore {
    private let inner = InMemoryMerkleNodeStore()
    private var writes = 0

    struct Unavailable: Error {}

    func leafCount() async throws -> UInt64 { await inner.leafCount() }

    func hashes(of ids: [MerkleNodeID]) async throws -> [MerkleNodeID: MerkleHash] { await inner.hashes(of: ids) }

    func write(_ nodes: [MerkleNode]) async throws {
        writes += 1
        if writes.isMultiple(of: 2) { throw Unavailable() }
        try await inner.write(nodes)
    }
}

@Suite struct MerkleTreeLeafTests {
    @Test("a stored leaf hash is read back by index, and an index past the end is refused")
    func leafHashes() async throws {
        // Given a log of 10 entries
        let entries = ReferenceMerkle.entries(10)
        let tree = try await makeTree(entries)
        // When each leaf hash is read
        for index in 0..<10 {
            let leaf = try await tree.leafHash(at: UInt64(index))
            // Then it is the hash of its entry
            #expect(leaf == RFC9162.leafHash(entries[index]))
        }
        await #expect { _ = try await tree.leafHash(at: 10) } throws: { error in
            (error as? TransparencyError)?.code == .leafIndexOutOfRange
        }
    }
}
