import Crypto
public import Foundation

/// What a stored event contributes to the ledger: its leaf entry is the SHA-256 digest of the event's content as
/// stored (32 bytes), and its leaf hash is the RFC 9162 leaf hash of that digest, SHA-256(0x00 || SHA-256(content)).
///
/// The digest, not the content, is the entry so that an inclusion proof (which carries the entry as `leafData`)
/// shows that an event is in the log without revealing anything of the event: a trading partner can be handed a
/// proof for one event and learns neither its identifiers nor its parties. Whoever holds the event can hash it and
/// compare.
public enum LedgerLeaf {
    /// The leaf entry of a stored content: its SHA-256 digest.
    /// - Parameter content: The bytes as stored, e.g. the UTF-8 of an event's JSON-LD body.
    /// - Returns: 32 bytes.
    public static func entry(content: some DataProtocol) -> Data {
        Data(SHA256.hash(data: content))
    }

    /// The leaf hash of a stored content: ``RFC9162/leafHash(_:)`` of ``entry(content:)``.
    /// - Parameter content: The bytes as stored.
    /// - Returns: SHA-256(0x00 || SHA-256(content)).
    public static func leafHash(content: some DataProtocol) -> MerkleHash {
        let contiguous = content.withContiguousStorageIfAvailable { leafHash(content: UnsafeRawBufferPointer($0)) }
        return contiguous ?? RFC9162.leafHash(entry(content: content))
    }

    /// ``leafHash(content:)`` of bytes in memory, without copying them: every captured event is hashed so, on the
    /// planning threads.
    /// - Parameter content: The bytes as stored.
    /// - Returns: SHA-256(0x00 || SHA-256(content)).
    public static func leafHash(content: UnsafeRawBufferPointer) -> MerkleHash {
        var hasher = SHA256()
        hasher.update(bufferPointer: content)
        let digest = hasher.finalize()
        return digest.withUnsafeBytes { RFC9162.leafHash(entry: $0) }
    }
}
