import Crypto
public import Foundation

/// The Merkle tree hashing of RFC 9162 section 2.1 (the same as RFC 6962 section 2.1), with SHA-256.
///
/// - Leaf hash: `SHA-256(0x00 || data)`.
/// - Interior node hash: `SHA-256(0x01 || left || right)`.
/// - The hash of the empty tree: `SHA-256()` of no bytes.
///
/// The two prefixes keep a leaf from being passed off as an interior node (a second-preimage attack).
public enum RFC9162 {
    /// The Merkle tree hash of the empty tree, MTH({}) = SHA-256 of the empty string.
    public static let emptyRoot: MerkleHash = sha256 { _ in }

    /// The leaf hash of one entry, MTH({d}) = SHA-256(0x00 || d).
    /// - Parameter data: The entry's bytes.
    /// - Returns: The leaf hash.
    public static func leafHash(_ data: Data) -> MerkleHash {
        data.withUnsafeBytes { leafHash(entry: $0) }
    }

    /// The leaf hash of one entry in memory, without copying it.
    /// - Parameter entry: The entry's bytes.
    /// - Returns: The leaf hash.
    public static func leafHash(entry: UnsafeRawBufferPointer) -> MerkleHash {
        sha256 { hasher in
            hasher.update(data: leafPrefix)
            hasher.update(bufferPointer: entry)
        }
    }

    /// The leaf hash of one entry given as bytes.
    /// - Parameter bytes: The entry's bytes.
    /// - Returns: The leaf hash.
    public static func leafHash(bytes: some Collection<UInt8>) -> MerkleHash {
        leafHash(Data(bytes))
    }

    /// The hash of an interior node, SHA-256(0x01 || left || right).
    /// - Parameters:
    ///   - left: The hash of the left subtree.
    ///   - right: The hash of the right subtree.
    /// - Returns: The node hash.
    public static func nodeHash(_ left: MerkleHash, _ right: MerkleHash) -> MerkleHash {
        sha256 { hasher in
            hasher.update(data: nodePrefix)
            left.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            right.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        }
    }

    /// The Merkle tree hash of a list of leaf hashes, computed from scratch (O(n)); the log itself never needs it.
    /// - Parameter leafHashes: The leaf hashes, in order.
    /// - Returns: MTH of the leaves: ``emptyRoot`` for none.
    public static func rootHash(of leafHashes: some Collection<MerkleHash>) -> MerkleHash {
        var frontier = MerkleFrontier()
        for leafHash in leafHashes { frontier.append(leafHash: leafHash) { _ in } }
        return frontier.rootHash
    }

    /// The largest power of two smaller than `n` (the split point k of RFC 9162 section 2.1.1).
    /// - Parameter n: A number greater than 1.
    /// - Returns: k with k < n ≤ 2k.
    static func splitPoint(_ n: UInt64) -> UInt64 {
        precondition(n > 1, "a tree of one leaf or none has no split")
        return UInt64(1) << (63 - (n - 1).leadingZeroBitCount)
    }

    private static let leafPrefix = Data([0x00])
    private static let nodePrefix = Data([0x01])

    private static func sha256(_ body: (inout SHA256) -> Void) -> MerkleHash {
        var hasher = SHA256()
        body(&hasher)
        let digest = hasher.finalize()
        var storage: MerkleHash.Storage = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &storage) { target in
            digest.withUnsafeBytes { source in target.copyMemory(from: source) }
        }
        return MerkleHash(storage: storage)
    }
}
