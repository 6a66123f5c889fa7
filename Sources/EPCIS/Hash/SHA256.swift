internal import Crypto

/// SHA-256 (FIPS 180-4), streaming: `update` any number of times, then `finalize` once.
///
/// The digest of the GS1 event hash and of the stores' checks. It runs on swift-crypto (BoringSSL's SHA-256, with
/// the processor's SHA instructions where it has them): a hand-written compression in Swift took about 8 µs of a
/// demo event's 40 µs of hashing; this API keeps the EPCIS module's callers free of the crypto library's types.
public struct SHA256: Sendable {
    /// The digest length in bytes.
    public static let byteCount = 32

    private var hasher = Crypto.SHA256()

    /// Starts a new digest.
    public init() {}

    /// Feeds more bytes.
    /// - Parameter bytes: the next part of the message.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { update(buffer: UnsafeRawBufferPointer($0)) }
        if handled == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { update(buffer: $0) }
        }
    }

    /// Feeds the UTF-8 bytes of a string.
    /// - Parameter text: the next part of the message.
    public mutating func update(_ text: String) {
        var text = text
        text.withUTF8 { update(buffer: UnsafeRawBufferPointer($0)) }
    }

    /// Feeds raw bytes.
    /// - Parameter input: the next part of the message.
    public mutating func update(buffer input: UnsafeRawBufferPointer) {
        guard !input.isEmpty else { return }
        hasher.update(bufferPointer: input)
    }

    /// Pads the message and returns the digest; the value must not be updated afterwards.
    /// - Returns: the 32-byte digest.
    public mutating func finalize() -> [UInt8] {
        Array(hasher.finalize())
    }

    /// The digest of a whole message.
    /// - Parameter bytes: the message.
    /// - Returns: the 32-byte digest.
    public static func hash(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest of a string's UTF-8 bytes.
    /// - Parameter text: the message.
    /// - Returns: the 32-byte digest.
    public static func hash(_ text: String) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(text)
        return hasher.finalize()
    }

    /// Lower-case hexadecimal of a digest.
    /// - Parameter digest: the bytes.
    /// - Returns: two hex digits per byte.
    public static func hex(_ digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: digest.count * 2) { buffer in
            for (index, byte) in digest.enumerated() {
                buffer[2 * index] = digits[Int(byte >> 4)]
                buffer[2 * index + 1] = digits[Int(byte & 0x0F)]
            }
            return digest.count * 2
        }
    }
}
