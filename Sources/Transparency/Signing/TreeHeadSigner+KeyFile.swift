public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension TreeHeadSigner {
    /// Where the signing key of a store lives: beside it, named after it, e.g. `suyuan.sqlite.ledger-key.pem`.
    /// - Parameter storeURL: The store's file (or directory).
    /// - Returns: The key file's URL.
    public static func keyFile(besideStoreAt storeURL: URL) -> URL {
        storeURL.deletingLastPathComponent().appendingPathComponent(storeURL.lastPathComponent + ".ledger-key.pem")
    }

    /// Loads the signing key from a file, or creates the file with a new key when there is none (first start).
    /// - Parameter keyFile: The key file.
    /// - Returns: The signer.
    /// - Throws: `TransparencyError` with `keyFileUnreadable`, `keyFileMalformed` or `keyFilePermissions`.
    public static func loadOrCreate(keyFile: URL) throws -> TreeHeadSigner {
        if FileManager.default.fileExists(atPath: keyFile.path) { return try TreeHeadSigner(keyFile: keyFile) }
        do {
            return try create(keyFile: keyFile)
        } catch let error as TransparencyError where error.code == .keyFileExists {
            // Another process created it between the check and the create.
            return try TreeHeadSigner(keyFile: keyFile)
        }
    }

    /// Creates a new key and writes it to a new file, readable and writable by its owner only (mode 0600).
    ///
    /// The file is PEM, `-----BEGIN PRIVATE KEY-----`, PKCS #8 for Ed25519 (RFC 8410), which OpenSSL also reads.
    /// - Parameter keyFile: The key file; it must not exist.
    /// - Returns: The signer.
    /// - Throws: `TransparencyError.keyFileExists` when the file exists; `keyFileUnreadable` when it cannot be
    ///   written.
    public static func create(keyFile: URL) throws -> TreeHeadSigner {
        let signer = TreeHeadSigner()
        let pem = Data(KeyFileFormat.pem(privateKey: signer.rawRepresentation).utf8)
        // O_EXCL: never overwrite a key; mode 0600 from the start, so the key is never readable by others.
        let descriptor = open(keyFile.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            let number = errno
            if number == EEXIST {
                throw TransparencyError(.keyFileExists, "the key file \(keyFile.path) already exists")
            }
            throw TransparencyError(
                .keyFileUnreadable,
                "the key file \(keyFile.path) could not be created: \(String(cString: strerror(number)))"
            )
        }
        defer { close(descriptor) }
        let written = pem.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == pem.count, fsync(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(keyFile.path)
            throw TransparencyError(.keyFileUnreadable, "the key file \(keyFile.path) could not be written: \(reason)")
        }
        return signer
    }

    /// Loads the signing key from a file: PEM (PKCS #8 Ed25519) or the 32 raw key bytes.
    /// - Parameter keyFile: The key file.
    /// - Throws: `TransparencyError.keyFileUnreadable` when it cannot be read; `keyFilePermissions` when users
    ///   other than its owner may read or write it; `keyFileMalformed` when it holds no Ed25519 private key.
    public init(keyFile: URL) throws {
        let attributes: [FileAttributeKey: Any]
        let contents: Data
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: keyFile.path)
            contents = try Data(contentsOf: keyFile)
        } catch {
            throw TransparencyError(
                .keyFileUnreadable,
                "the key file \(keyFile.path) could not be read",
                underlying: error
            )
        }
        if let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 {
            throw TransparencyError(
                .keyFilePermissions,
                "the key file \(keyFile.path) has mode \(String(mode, radix: 8)); it must be readable by its owner "
                    + "only (chmod 600)"
            )
        }
        guard let raw = KeyFileFormat.privateKey(from: contents) else {
            throw TransparencyError(
                .keyFileMalformed,
                "the key file \(keyFile.path) holds neither a PEM Ed25519 private key nor 32 raw bytes"
            )
        }
        try self.init(rawRepresentation: raw)
    }
}
