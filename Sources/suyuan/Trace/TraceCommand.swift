import ArgumentParser
import EPCIS
import Foundation
import Identifiers
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
            let (engine, key) = try options.prepare()
            let result = try await engine.back(from: key, budget: options.budget)
            print(options.json ? TraceOutput.json(result) : TraceOutput.table(result))
        }
    }

    struct Forward: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "forward",
            abstract: "Every lot made from it, every container and party it reached, and who holds how much now.")

        @OptionGroup var options: TraceOptions

        func run() async throws {
            let (engine, key) = try options.prepare()
            let result = try await engine.forward(from: key, budget: options.budget)
            print(options.json ? TraceOutput.json(result) : TraceOutput.table(result))
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

    /// Opens the store and reads the identifier into its canonical key.
    func prepare() throws -> (TraceEngine<SQLiteTraceSource>, String) {
        let key = try TraceKey.resolve(id)
        return (TraceEngine(source: SQLiteTraceSource(store: try storeOption.open())), key)
    }
}

/// Reads an identifier in any accepted form into the canonical key the stores index.
enum TraceKey {
    static func resolve(_ text: String) throws -> String {
        if let description = try? IdentifierDescription.read(text, prefixLengths: nil),
            let link = description.digitalLink()
        {
            return link
        }
        guard text.contains(":") else {
            throw ValidationError("\(text): not an identifier `suyuan id describe` can read")
        }
        return IdentifierURI(text).canonicalKey
    }
}
