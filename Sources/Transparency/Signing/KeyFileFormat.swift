import Foundation

/// The key file's forms: PEM PKCS #8 for Ed25519 (RFC 8410 section 7) or the 32 raw bytes of the key.
enum KeyFileFormat {
    /// The DER of `OneAsymmetricKey { version 0, AlgorithmIdentifier { id-Ed25519 }, OCTET STRING { OCTET STRING
    /// (32 bytes) } }` up to the key bytes; the key follows. RFC 8410 section 10.3 shows the same prefix.
    private static let pkcs8Prefix: [UInt8] = [
        0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
    ]
    private static let begin = "-----BEGIN PRIVATE KEY-----"
    private static let end = "-----END PRIVATE KEY-----"

    /// The PEM text of a 32-byte Ed25519 private key.
    static func pem(privateKey: Data) -> String {
        let der = Data(pkcs8Prefix) + privateKey
        return "\(begin)\n\(der.base64EncodedString(options: [.lineLength64Characters]))\n\(end)\n"
    }

    /// The 32 key bytes of a key file's contents, or nil when it is neither form.
    static func privateKey(from contents: Data) -> Data? {
        if contents.count == 32 { return contents }
        guard let text = String(data: contents, encoding: .utf8),
            let beginRange = text.range(of: begin),
            let endRange = text.range(of: end, range: beginRange.upperBound..<text.endIndex)
        else { return nil }
        let body = text[beginRange.upperBound..<endRange.lowerBound].filter { !$0.isWhitespace }
        guard let der = Data(base64Encoded: String(body)), der.count == pkcs8Prefix.count + 32,
            der.prefix(pkcs8Prefix.count).elementsEqual(pkcs8Prefix)
        else { return nil }
        return Data(der.suffix(32))
    }
}
