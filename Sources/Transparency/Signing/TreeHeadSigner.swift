import Crypto
public import Foundation

/// Signs tree heads with the platform's Ed25519 key (RFC 8032, through swift-crypto).
///
/// The platform creates the key on first start and keeps it in a file beside the store
/// (``loadOrCreate(keyFile:)``, ``keyFile(besideStoreAt:)``).
public struct TreeHeadSigner: Sendable {
    private let privateKey: Curve25519.Signing.PrivateKey
    /// The public key that verifies this signer's tree heads.
    public let publicKey: LogPublicKey

    /// Creates a signer with a new random key.
    public init() {
        self.init(privateKey: Curve25519.Signing.PrivateKey())
    }

    /// Creates a signer from a 32-byte Ed25519 private key (the RFC 8032 seed).
    /// - Parameter rawRepresentation: The private key.
    /// - Throws: `TransparencyError.keyFileMalformed` when the bytes are not an Ed25519 private key.
    public init(rawRepresentation: some ContiguousBytes) throws {
        do {
            self.init(privateKey: try Curve25519.Signing.PrivateKey(rawRepresentation: rawRepresentation))
        } catch {
            throw TransparencyError(.keyFileMalformed, "not an Ed25519 private key (32 bytes)", underlying: error)
        }
    }

    private init(privateKey: Curve25519.Signing.PrivateKey) {
        self.privateKey = privateKey
        // A freshly derived public key is always 32 valid bytes.
        self.publicKey = LogPublicKey(verified: privateKey.publicKey.rawRepresentation)
    }

    /// The 32-byte private key, for writing the key file.
    var rawRepresentation: Data { privateKey.rawRepresentation }

    /// Signs a tree head.
    /// - Parameter treeHead: The tree head.
    /// - Returns: The head with its signature and this signer's public key.
    /// - Throws: `TransparencyError.signatureInvalid` if the signing primitive fails.
    public func sign(_ treeHead: TreeHead) throws -> SignedTreeHead {
        do {
            let signature = try privateKey.signature(for: treeHead.signedBytes)
            return SignedTreeHead(treeHead: treeHead, signature: signature, publicKey: publicKey)
        } catch {
            throw TransparencyError(.signatureInvalid, "the tree head could not be signed", underlying: error)
        }
    }
}

extension LogPublicKey {
    /// Wraps bytes that swift-crypto produced as a public key, without checking them again.
    init(verified rawRepresentation: Data) {
        self.rawRepresentation = rawRepresentation
    }
}
