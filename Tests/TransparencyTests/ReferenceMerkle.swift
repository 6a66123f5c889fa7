import Foundation
import Transparency

/// The naive recursive definitions of RFC 9162 section 2.1 (MTH, PATH, SUBPROOF), straight from the text, to
/// check the log's O(log n) algorithms against. The same reference the Certificate Transparency tests use
/// (google/certificate-transparency, cpp/merkletree/merkle_tree_test.cc, `ReferenceMerkleTreeHash` and friends).
enum ReferenceMerkle {
    static func split(_ n: Int) -> Int {
        var k = 1
        while k * 2 < n { k *= 2 }
        return k
    }

    static func mth(_ leaves: ArraySlice<MerkleHash>) -> MerkleHash {
        switch leaves.count {
        case 0: return RFC9162.emptyRoot
        case 1: return leaves[leaves.startIndex]
        default:
            let k = split(leaves.count)
            let middle = leaves.startIndex + k
            return RFC9162.nodeHash(mth(leaves[leaves.startIndex..<middle]), mth(leaves[middle...]))
        }
    }

    static func path(_ m: Int, _ leaves: ArraySlice<MerkleHash>) -> [MerkleHash] {
        guard leaves.count > 1 else { return [] }
        let k = split(leaves.count)
        let middle = leaves.startIndex + k
        if m < k {
            return path(m, leaves[leaves.startIndex..<middle]) + [mth(leaves[middle...])]
        }
        return path(m - k, leaves[middle...]) + [mth(leaves[leaves.startIndex..<middle])]
    }

    static func subproof(_ m: Int, _ leaves: ArraySlice<MerkleHash>, _ isFirstRoot: Bool) -> [MerkleHash] {
        let n = leaves.count
        if m == n { return isFirstRoot ? [] : [mth(leaves)] }
        let k = split(n)
        let middle = leaves.startIndex + k
        if m <= k {
            return subproof(m, leaves[leaves.startIndex..<middle], isFirstRoot) + [mth(leaves[middle...])]
        }
        return subproof(m - k, leaves[middle...], false) + [mth(leaves[leaves.startIndex..<middle])]
    }

    /// Distinct leaves: the bytes [i, i*7, 0x5a].
    static func entries(_ count: Int) -> [Data] {
        (0..<count).map { Data([UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 * 7), 0x5a]) }
    }
}

extension MerkleHash {
    /// A hash from hexadecimal that the test knows to be valid.
    init(testHex hex: String) {
        guard let hash = MerkleHash(hex: hex) else { fatalError("bad test vector \(hex)") }
        self = hash
    }
}

/// A tree of `entries` over a fresh in-memory store.
func makeTree(_ entries: [Data]) async throws -> MerkleTree<InMemoryMerkleNodeStore> {
    let tree = try await MerkleTree(store: InMemoryMerkleNodeStore())
    try await tree.appendLeaves(entries)
    return tree
}
