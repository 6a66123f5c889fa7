import Crypto
public import Foundation

/// The Ed25519 public key that tree head signatures verify with (32 bytes; hexadecimal in JSON).
public struct LogPublicKey: Hashable, Sendable, CustomStringConvertible {
    /// The 32-byte Ed25519 public key (RFC 8032 encoding).
    public let rawRepresentation: Data

    /// Creates a key from its 32 bytes.
    /// - Parameter rawRepresentation: The Ed25519 public key.
    /// - Throws: `TransparencyError.signatureInvalid` when the bytes are not an Ed25519 public key.
    public init(rawRepresentation: Data) throws {
        do {
            _ = try Curve25519.Signing.PublicKey(rawRepresentation: rawRepresentation)
        } catch {
            throw TransparencyError(
                .signatureInvalid,
                "\(rawRepresentation.count) bytes are not an Ed25519 public key (32 bytes)",
                underlying: error
            )
        }
        self.rawRepresentation = rawRepresentation
    }

    /// Creates a key from 64 hexadecimal digits.
    /// - Parameter hex: The key in hexadecimal.
    /// - Throws: `TransparencyError.signatureInvalid` when the text is not an Ed25519 public key.
    public init(hex: String) throws {
        guard let bytes = HexCoding.decode(hex) else {
            throw TransparencyError(.signatureInvalid, "\"\(hex)\" is not a hexadecimal Ed25519 public key")
        }
        try self.init(rawRepresentation: Data(bytes))
    }

    /// The key in hexadecimal.
    public var hex: String { HexCoding.encode(rawRepresentation) }

    /// A short name for the key: the first 16 hexadecimal digits of SHA-256 of the key bytes.
    public var keyID: String { String(HexCoding.encode(SHA256.hash(data: rawRepresentation)).prefix(16)) }

    /// The key in hexadecimal.
    public var description: String { hex }

    /// Checks an Ed25519 signature.
    /// - Parameters:
    ///   - signature: The 64-byte signature.
    ///   - message: The signed bytes.
    /// - Returns: Whether the signature is valid for the message under this key.
    public func isValidSignature(_ signature: Data, for message: some DataProtocol) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: rawRepresentation) else { return false }
        return key.isValidSignature(signature, for: message)
    }
}

extension LogPublicKey: Codable {
    /// Reads a key from its hexadecimal form.
    /// - Parameter decoder: The decoder to read from.
    /// - Throws: `DecodingError.dataCorrupted` when the text is not an Ed25519 public key.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(hex: text)
        } catch {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "expected an Ed25519 public key in hexadecimal (64 digits), found \"\(text)\""
            )
        }
    }

    /// Writes the key in hexadecimal.
    /// - Parameter encoder: The encoder to write to.
    /// - Throws: What the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}
