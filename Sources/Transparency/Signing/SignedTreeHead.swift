public import Foundation

/// A tree head with the platform's Ed25519 signature over its RFC 9162 `TreeHeadDataV2` bytes, and the public
/// key to check it with.
public struct SignedTreeHead: Hashable, Sendable {
    /// The signed statement.
    public var treeHead: TreeHead
    /// The 64-byte Ed25519 signature over ``TreeHead/signedBytes``.
    public var signature: Data
    /// The key that made the signature. A verifier that knows the log's key passes it to ``verify(trusting:)``;
    /// the key carried here only says which key the log claims.
    public var publicKey: LogPublicKey

    /// Creates a signed tree head from its parts.
    /// - Parameters:
    ///   - treeHead: The signed statement.
    ///   - signature: The Ed25519 signature.
    ///   - publicKey: The key that made it.
    public init(treeHead: TreeHead, signature: Data, publicKey: LogPublicKey) {
        self.treeHead = treeHead
        self.signature = signature
        self.publicKey = publicKey
    }

    /// Checks the signature, offline.
    /// - Parameter trustedKey: The log's key as the verifier knows it; when nil, the carried key is used, which
    ///   shows the head is intact but not who signed it.
    /// - Throws: `TransparencyError.untrustedKey` when the carried key is not the trusted one;
    ///   `signatureInvalid` when the signature does not match the tree head.
    public func verify(trusting trustedKey: LogPublicKey? = nil) throws {
        if let trustedKey, trustedKey != publicKey {
            throw TransparencyError(
                .untrustedKey,
                "tree head is signed by key \(publicKey.keyID), not by the trusted key \(trustedKey.keyID)"
            )
        }
        guard publicKey.isValidSignature(signature, for: treeHead.signedBytes) else {
            throw TransparencyError(
                .signatureInvalid,
                "the signature of key \(publicKey.keyID) does not match the tree head (size \(treeHead.treeSize), "
                    + "root \(treeHead.rootHash.hex), timestamp \(treeHead.timestamp)): the head or the signature "
                    + "was changed"
            )
        }
    }
}

extension SignedTreeHead: Codable {
    private enum CodingKeys: String, CodingKey {
        case treeHead, signature, publicKey
    }

    /// Reads a signed tree head; the signature is hexadecimal.
    /// - Parameter decoder: The decoder to read from.
    /// - Throws: `DecodingError` when a field is missing or malformed.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        treeHead = try container.decode(TreeHead.self, forKey: .treeHead)
        publicKey = try container.decode(LogPublicKey.self, forKey: .publicKey)
        let text = try container.decode(String.self, forKey: .signature)
        guard let bytes = HexCoding.decode(text), bytes.count == 64 else {
            throw DecodingError.dataCorruptedError(
                forKey: .signature,
                in: container,
                debugDescription: "expected an Ed25519 signature in hexadecimal (128 digits)"
            )
        }
        signature = Data(bytes)
    }

    /// Writes the signed tree head; the signature as hexadecimal.
    /// - Parameter encoder: The encoder to write to.
    /// - Throws: What the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(treeHead, forKey: .treeHead)
        try container.encode(HexCoding.encode(signature), forKey: .signature)
        try container.encode(publicKey, forKey: .publicKey)
    }
}
