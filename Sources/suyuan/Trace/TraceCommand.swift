import ArgumentParser
import EPCIS
import Foundation
import Identifiers
import Server
import TraceEngine

/// `suyuan trace back|forward ID`: where a lot, item or logistic unit came from, or where it went and who holds it.
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Trace an identifier backward to its origins or forward to every lot, container, party and holder.",
        subcommands: [Back.self, Forward.self]
    )

    struct Back: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "back", abstract: "Every input, container, party and location, down to the origins.")

        @OptionGroup var options: TraceOptions

        func run() async throws {
            try await options.withEngine { engine, key in
                let result = try await engine.back(from: key, budget: options.budget)
                print(options.json ? TraceOutput.json(result) : TraceOutput.table(result))
            }
        }
    }

    struct Forward: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "forward",
            abstract: "Every lot made from it, every container and party it reached, and who holds how much now.")

        @OptionGroup var options: TraceOptions

        func run() async throws {
            try await options.withEngine { engine, key in
                let result = try await engine.forward(from: key, budget: options.budget)
                print(options.json ? TraceOutput.json(result) : TraceOutput.table(result))
            }
        }
    }
}

/// The options every trace and recall takes.
struct TraceOptions: ParsableArguments {
    @Argument(help: "The identifier, in any form `suyuan id describe` accepts (EPC URN, Digital Link, element string…).")
    var id: String

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Option(name: .customLong("max-depth"), help: "The most hops to expand.")
    var maxDepth = 64

    @Option(name: .customLong("max-nodes"), help: "The most identifiers to collect.")
    var maxNodes = 100_000

    @OptionGroup var storeOption: StoreOption

    var budget: TraceBudget { TraceBudget(maxDepth: maxDepth, maxNodes: maxNodes) }

    /// Reads the identifier into its canonical key, opens the store of either backend and runs `body` with an
    /// engine over it (a PostgreSQL store stays open as long as `body` runs).
    func withEngine(_ body: (TraceEngine<StoreTraceSource>, String) async throws -> Void) async throws {
        let key = try TraceKey.resolve(id)
        try await storeOption.withStore { store in
            try await body(TraceEngine(source: StoreTraceSource(store: store)), key)
        }
    }
}

/// Reads an identifier in any accepted form into the canonical key the stores index (the server's resolver, so that
/// the commands and the API name a code alike).
enum TraceKey {
    static func resolve(_ text: String) throws -> String {
        do {
            return try IdentifierKeys.resolve(text)
        } catch {
            throw ValidationError(error.detail ?? error.title)
        }
    }
}
