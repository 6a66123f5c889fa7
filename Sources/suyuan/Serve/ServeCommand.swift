import ArgumentParser
import DemoChains
import EPCIS
import Foundation
import Server
import Storage
import TraceEngine

/// `suyuan serve`: the platform online — the EPCIS 2.0 REST binding, the GS1 Digital Link resolver with the consumer
/// pages, the regulator console and API, `/metrics`, `/health` and `/openapi.json`, until SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the platform's web server (EPCIS 2.0 API, consumer scan pages, regulator console).",
        discussion: """
            With --demo an empty store is first loaded with the demo supply chains, a milk powder lot is recalled, \
            a regulator key is created, and the URLs of a consumer page, a recalled product and the console are \
            printed. Stops gracefully on SIGINT/SIGTERM: the capture in hand is finished first.
            """
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 8080

    @Option(help: "The public base URL for links and QR codes (default http://HOST:PORT).")
    var publicURL: String?

    @Flag(help: "Load the demo chains into an empty store first and print where to look.")
    var demo = false

    @Option(help: "How many demo events to load with --demo.")
    var demoEvents = 6_000

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel = "info"

    @OptionGroup var storeOption: StoreOption

    @OptionGroup(title: "Reconciliation (the console and /reconcile)") var reconcileOptions: ReconcileOptions

    @OptionGroup(title: "Federation (other platforms)") var federationOptions: FederationOptions

    func run() async throws {
        guard ["trace", "debug", "info", "notice", "warning", "error", "critical"].contains(logLevel) else {
            throw ValidationError("--log-level must be trace, debug, info, notice, warning, error or critical")
        }
        var configuration = ServerConfiguration(host: host, port: port, publicBaseURL: publicURL)
        configuration.logLevel = logLevel
        configuration.reconciliation = try reconcileOptions.configuration()
        configuration.sectorRules = try reconcileOptions.sectorConfiguration()
        configuration.federation = try federationOptions.settings()
        try await storeOption.withStore { store in
            if demo { try await DemoSetup.prepare(store, events: demoEvents, baseURL: configuration.baseURL) }
            try await runServer(store: store, configuration: configuration, storeName: storeOption.name)
        }
    }
}

/// `suyuan key create|list|revoke`: API keys, stored hashed; the secret is printed once.
struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key", abstract: "Create, list and revoke API keys.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Create an API key and print it once (only its SHA-256 is kept).")

        @Option(help: "admin, regulator, party or peer.")
        var role: String

        @Option(help: "For a party key: the party (PGLN or GLN, any form).")
        var party: String?

        @Option(help: "For a peer key: the ID of the platform that will call with it.")
        var peer: String?

        @Option(help: "A note on whom the key is for.")
        var label: String?

        @OptionGroup var storeOption: StoreOption

        func run() async throws {
            guard let role = AccessKey.Role(rawValue: role) else {
                throw ValidationError("--role must be admin, regulator, party or peer (got \(role))")
            }
            try await storeOption.withStore { store in
                do {
                    let (key, secret) = try await AccessKeys.create(
                        role: role, party: party, peer: peer, label: label, in: store)
                    print(secret)
                    let party = (key.party ?? key.peer.map { "platform \($0)" }).map { " for \($0)" } ?? ""
                    FileHandle.standardError.write(Data(
                        "created \(key.role.rawValue) key \(key.id)\(party); the key above is shown only once\n".utf8))
                } catch let error as StorageError {
                    FileHandle.standardError.write(Data("\(error.message)\n".utf8))
                    throw ExitCode(1)
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The API keys (never their secrets).")

        @OptionGroup var storeOption: StoreOption

        func run() async throws {
            try await storeOption.withStore { store in
                for key in try await store.accessKeys() {
                    print([key.id, key.role.rawValue, key.party ?? key.peer ?? "-", key.isActive ? "active" : "revoked",
                           key.label ?? ""].joined(separator: "\t"))
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke an API key.")

        @Argument(help: "The key's ID (key-…).")
        var id: String

        @OptionGroup var storeOption: StoreOption

        func run() async throws {
            try await storeOption.withStore { store in
                do {
                    let key = try await store.revokeAccessKey(id: id, at: Date())
                    print("revoked \(key.id)")
                } catch let error as StorageError {
                    FileHandle.standardError.write(Data("\(error.message)\n".utf8))
                    throw ExitCode(1)
                }
            }
        }
    }
}
