import Crypto
public import Foundation

/// The keyed hashes and random secrets the platform's web server needs beside the ledger: webhook signatures
/// (`GS1-Signature`, HMAC-SHA256), API key digests (SHA-256) and new secrets. Here because this module is the one
/// that imports swift-crypto.
public enum MessageAuthentication {
    /// HMAC-SHA256 of a message.
    /// - Parameters:
    ///   - message: the bytes to sign.
    ///   - key: the shared secret.
    /// - Returns: the 32-byte code.
    public static func hmacSHA256(_ message: Data, key: Data) -> Data {
        Data(HMAC<Crypto.SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }

    /// SHA-256 of a text's UTF-8 bytes, as lower-case hex.
    /// - Parameter text: the text.
    /// - Returns: 64 hex digits.
    public static func sha256Hex(_ text: String) -> String {
        Crypto.SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// A new random secret from the system's secure generator.
    /// - Parameter count: how many bytes.
    /// - Returns: the bytes.
    public static func randomBytes(_ count: Int) -> Data {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// Compares two codes in time that does not depend on where they differ.
    public static func constantTimeEqual(_ lhs: Data, _ rhs: Data) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return zip(lhs, rhs).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
