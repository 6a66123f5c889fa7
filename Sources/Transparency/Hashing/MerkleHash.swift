public import Foundation

/// A SHA-256 value in the Merkle log: a leaf hash, an interior node hash or a root hash (32 bytes).
///
/// The bytes are held inline (no allocation), because the log computes two of these per appended event.
/// In JSON a hash is a string of 64 lowercase hexadecimal digits.
public struct MerkleHash: Hashable, Sendable, CustomStringConvertible {
    /// The 32 bytes, in the order SHA-256 produced them. A homogeneous tuple is laid out contiguously; it is not a
    /// SIMD vector because Swift 6.3 crashed (task allocator) with 16-byte-aligned SIMD values in async frames.
    typealias Storage = (UInt64, UInt64, UInt64, UInt64)
    var storage: Storage

    init(storage: Storage) {
        self.storage = storage
    }

    /// Compares the 32 bytes.
    /// - Parameters:
    ///   - lhs: A hash.
    ///   - rhs: Another hash.
    /// - Returns: Whether the bytes are equal.
    public static func == (lhs: MerkleHash, rhs: MerkleHash) -> Bool {
        lhs.storage == rhs.storage
    }

    /// Feeds the 32 bytes to a hasher.
    /// - Parameter hasher: The hasher.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.0)
        hasher.combine(storage.1)
        hasher.combine(storage.2)
        hasher.combine(storage.3)
    }

    /// Creates a hash from 32 bytes.
    /// - Parameter bytes: The hash value; anything but 32 bytes is refused.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 32 else { return nil }
        var storage: Storage = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &storage) { target in
            for (offset, byte) in bytes.enumerated() { target[offset] = byte }
        }
        self.storage = storage
    }

    /// Creates a hash from its hexadecimal form.
    /// - Parameter hex: 64 hexadecimal digits, upper or lower case.
    public init?(hex: String) {
        guard let bytes = HexCoding.decode(hex), bytes.count == 32 else { return nil }
        self.init(bytes: bytes)
    }

    /// The 32 bytes.
    public var bytes: [UInt8] {
        withUnsafeBytes { Array($0) }
    }

    /// The hash as `Data`, e.g. for a database column.
    public var data: Data {
        withUnsafeBytes { Data($0) }
    }

    /// The 64 lowercase hexadecimal digits.
    public var hex: String {
        withUnsafeBytes { HexCoding.encode($0) }
    }

    /// The hexadecimal form.
    public var description: String { hex }

    /// Calls `body` with the 32 bytes.
    /// - Parameter body: A closure that reads the bytes; they are valid only during the call.
    /// - Returns: What `body` returns.
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try Swift.withUnsafeBytes(of: storage, body)
    }
}

extension MerkleHash: Codable {
    /// Reads a hash from a string of 64 hexadecimal digits.
    /// - Parameter decoder: The decoder to read from.
    /// - Throws: `DecodingError.dataCorrupted` when the string is not a 32-byte hexadecimal value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let hash = MerkleHash(hex: text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "expected 64 hexadecimal digits (a SHA-256 hash), found \"\(text)\""
            )
        }
        self = hash
    }

    /// Writes the hash as 64 lowercase hexadecimal digits.
    /// - Parameter encoder: The encoder to write to.
    /// - Throws: What the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}
