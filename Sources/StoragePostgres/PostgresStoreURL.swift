import Foundation
import PostgresNIO
import Storage

/// A store name `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?schema=NAME]` read into a client configuration.
struct PostgresStoreURL {
    var configuration: PostgresClient.Configuration
    /// The schema to put first on the search path, when given.
    var schema: String?

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
    }
}
