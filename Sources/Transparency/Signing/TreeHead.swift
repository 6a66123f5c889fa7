public import Foundation

/// A tree head: the size and root hash of the log at a moment, the statement the platform signs.
///
/// Its signed bytes are the `TreeHeadDataV2` structure of RFC 9162 section 4.10 in TLS presentation language:
/// `uint64 timestamp`, `uint64 tree_size`, `opaque root_hash<32..2^8-1>` (a length byte, then the hash) and
/// empty `sth_extensions<0..2^16-1>` (two zero bytes), 51 bytes in all.
public struct TreeHead: Hashable, Sendable, Codable {
    /// The number of leaves.
    public var treeSize: UInt64
    /// The Merkle tree hash of those leaves.
    public var rootHash: MerkleHash
    /// When the head was made, in milliseconds since 1970-01-01T00:00:00Z (as RFC 9162 counts time).
    public var timestamp: UInt64

    /// Creates a tree head.
    /// - Parameters:
    ///   - treeSize: The number of leaves.
    ///   - rootHash: Their Merkle tree hash.
    ///   - timestamp: Milliseconds since the Unix epoch.
    public init(treeSize: UInt64, rootHash: MerkleHash, timestamp: UInt64) {
        self.treeSize = treeSize
        self.rootHash = rootHash
        self.timestamp = timestamp
    }

    /// Creates a tree head stamped with a date.
    /// - Parameters:
    ///   - treeSize: The number of leaves.
    ///   - rootHash: Their Merkle tree hash.
    ///   - date: The time of the head, truncated to milliseconds; dates before 1970 count as 1970.
    public init(treeSize: UInt64, rootHash: MerkleHash, date: Date) {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded(.down)
        self.init(treeSize: treeSize, rootHash: rootHash, timestamp: milliseconds > 0 ? UInt64(milliseconds) : 0)
    }

    /// The time of the head.
    public var date: Date {
        Date(timeIntervalSince1970: Double(timestamp) / 1000)
    }

    /// The canonical bytes that are signed: RFC 9162 `TreeHeadDataV2`.
    public var signedBytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(51)
        Self.appendBigEndian(timestamp, to: &bytes)
        Self.appendBigEndian(treeSize, to: &bytes)
        bytes.append(32)
        bytes.append(contentsOf: rootHash.bytes)
        bytes.append(contentsOf: [0, 0])
        return bytes
    }

    private static func appendBigEndian(_ value: UInt64, to bytes: inout [UInt8]) {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
    }
}
