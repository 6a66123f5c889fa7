import Foundation
import PostgresNIO
import Storage

/// A store name `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?schema=NAME][&ledgerKey=PATH][&partitioned=monthly]`
/// read into a client configuration, the place of the ledger's signing key
/// (docs/decisions/0006-postgres-ledger-key.md) and the layout of a store created with it
/// (docs/decisions/0025-national-hub-partitioning.md).
struct PostgresStoreURL {
    var configuration: PostgresClient.Configuration
    /// The schema to put first on the search path, when given.
    var schema: String?
    /// The Ed25519 key file that signs tree heads: `ledgerKey=PATH`, else `$SUYUAN_LEDGER_KEY`, else
    /// `suyuan-postgres-HOST-PORT-DATABASE[-SCHEMA].ledger-key.pem` in the working directory.
    var ledgerKeyFile: URL
    /// `partitioned=monthly`: the layout the schema is created with (``PostgresLayout``); plain when absent.
    var layout: PostgresLayout = .plain

    /// - Throws: ``StorageError`` `.invalidQuery` when the URL is not a PostgreSQL URL.
    init(_ text: String) throws(StorageError) {
        guard let components = URLComponents(string: text),
            components.scheme == "postgres" || components.scheme == "postgresql",
            let host = components.host, !host.isEmpty, let user = components.user, !user.isEmpty
        else {
            throw StorageError(.invalidQuery, "a PostgreSQL store is named postgres://USER@HOST:PORT/DATABASE")
        }
        let database = String(components.path.drop { $0 == "/" })
        var configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: user, password: components.password,
            database: database.isEmpty ? nil : database, tls: .disable)
        schema = components.queryItems?.first { $0.name == "schema" }?.value
        if let schema {
            guard !schema.isEmpty, schema.count < 64,
                schema.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
            else {
                throw StorageError(.invalidQuery, "the schema of a PostgreSQL store is letters, digits and _")
            }
            configuration.options.additionalStartupParameters = [("search_path", schema)]
        }
        self.configuration = configuration
        if let value = components.queryItems?.first(where: { $0.name == "partitioned" })?.value {
            guard value == "monthly" else {
                throw StorageError(.invalidQuery, "a PostgreSQL store is partitioned=monthly or not partitioned")
            }
            layout = .monthly
        }
        if let path = components.queryItems?.first(where: { $0.name == "ledgerKey" })?.value, !path.isEmpty {
            ledgerKeyFile = URL(fileURLWithPath: path)
        } else if let path = ProcessInfo.processInfo.environment["SUYUAN_LEDGER_KEY"], !path.isEmpty {
            ledgerKeyFile = URL(fileURLWithPath: path)
        } else {
            let parts: [String] = ["suyuan-postgres", host, String(components.port ?? 5432), database, schema ?? ""]
            let joined: String = parts.filter { !$0.isEmpty }.joined(separator: "-")
            var name = ""
            for character in joined {
                let plain = character.isLetter || character.isNumber || "-_.".contains(character)
                name.append(plain ? character : "_")
            }
            ledgerKeyFile = URL(fileURLWithPath: name + ".ledger-key.pem")
        }
    }
}
