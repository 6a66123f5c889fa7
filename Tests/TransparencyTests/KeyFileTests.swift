import Foundation
import Testing
import Transparency

@Suite struct KeyFileTests {
    /// A fresh directory under the system's temporary directory.
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("suyuan-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("the key is created once, beside the store, with mode 0600, and reloaded on the next start")
    func createdOnceAndReloaded() throws {
        // Given a store file with no key beside it
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let keyFile = TreeHeadSigner.keyFile(besideStoreAt: directory.appendingPathComponent("suyuan.sqlite"))
        #expect(keyFile.lastPathComponent == "suyuan.sqlite.ledger-key.pem")
        // When the platform starts twice
        let first = try TreeHeadSigner.loadOrCreate(keyFile: keyFile)
        let contents = try Data(contentsOf: keyFile)
        let second = try TreeHeadSigner.loadOrCreate(keyFile: keyFile)
        // Then the key was created once: the second start reads the same key and leaves the file alone
        #expect(first.publicKey == second.publicKey)
        #expect(try Data(contentsOf: keyFile) == contents)
        let signed = try first.sign(SigningTests.head)
        try signed.verify(trusting: second.publicKey)
        // And the file is PEM PKCS #8, readable by its owner only
        let attributes = try FileManager.default.attributesOfItem(atPath: keyFile.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let text = String(decoding: contents, as: UTF8.self)
        #expect(text.hasPrefix("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI"))
    }

    @Test("creating a key never overwrites an existing key file")
    func neverOverwrites() throws {
        // Given an existing key file
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let keyFile = directory.appendingPathComponent("key.pem")
        _ = try TreeHeadSigner.create(keyFile: keyFile)
        // When a new key is created at the same place
        // Then it is refused
        #expect { _ = try TreeHeadSigner.create(keyFile: keyFile) } throws: { error in
            (error as? TransparencyError)?.code == .keyFileExists
        }
    }

    @Test("a raw 32-byte key file is read")
    func rawKey() throws {
        // Given a file of 32 raw key bytes, mode 0600
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let keyFile = directory.appendingPathComponent("key.raw")
        let seed = Data((0..<32).map { UInt8($0) })
        _ = FileManager.default.createFile(atPath: keyFile.path, contents: seed, attributes: [.posixPermissions: 0o600])
        // When it is loaded
        let signer = try TreeHeadSigner(keyFile: keyFile)
        // Then it is the key of those bytes
        #expect(signer.publicKey == (try TreeHeadSigner(rawRepresentation: seed)).publicKey)
    }

    @Test("a key file others can read, or that holds no key, is refused")
    func refusals() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Given a key file readable by everyone
        let open = directory.appendingPathComponent("open.pem")
        _ = try TreeHeadSigner.create(keyFile: open)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: open.path)
        // Then it is refused
        #expect { _ = try TreeHeadSigner(keyFile: open) } throws: { error in
            (error as? TransparencyError)?.code == .keyFilePermissions
        }
        // Given a file that holds something else
        let garbage = directory.appendingPathComponent("garbage.pem")
        _ = FileManager.default.createFile(
            atPath: garbage.path,
            contents: Data("not a key".utf8),
            attributes: [.posixPermissions: 0o600]
        )
        // Then it is refused
        #expect { _ = try TreeHeadSigner(keyFile: garbage) } throws: { error in
            (error as? TransparencyError)?.code == .keyFileMalformed
        }
        // Given no file at all
        #expect { _ = try TreeHeadSigner(keyFile: directory.appendingPathComponent("none.pem")) } throws: { error in
            (error as? TransparencyError)?.code == .keyFileUnreadable
        }
    }
}
