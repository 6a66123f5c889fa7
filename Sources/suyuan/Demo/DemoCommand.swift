import ArgumentParser
import DemoChains
import EPCIS
import Foundation
import Storage
import StorageSQLite

/// `suyuan demo generate|load`: deterministic demo supply chains with injected anomalies.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Generate or load deterministic pork, vegetable, dairy/formula and drug supply chains.",
        subcommands: [DemoGenerateCommand.self, DemoLoadCommand.self, DemoFederatedCommand.self]
    )
}

/// The options both demo commands take.
struct DemoOptions: ParsableArguments {
    @Option(help: "How many events to generate (at least; chain runs are whole).")
    var events = 10_000

    @Option(help: "The seed; the same seed gives the same bytes.")
    var seed: UInt64 = 1

    @Option(name: .customLong("anomaly-rate"), help: "The probability that a chain run carries an injected anomaly.")
    var anomalyRate = 0.02

    @Option(name: .customLong("events-per-document"), help: "About how many events each document holds.")
    var eventsPerDocument = 5_000

    var configuration: DemoConfiguration {
        DemoConfiguration(seed: seed, targetEvents: events, anomalyRate: anomalyRate, eventsPerDocument: eventsPerDocument)
    }

    static func summary(_ generator: DemoGenerator, documents: Int, seconds: Double) -> String {
        let kinds = Dictionary(grouping: generator.truth, by: \.kind).map { "\($0.key.rawValue) \($0.value.count)" }.sorted()
        return "\(generator.eventCount) events in \(documents) documents, \(generator.world.parties.count) parties, "
            + "\(generator.truth.count) anomalies (\(kinds.isEmpty ? "none" : kinds.joined(separator: ", "))) in "
            + String(format: "%.1f s (%.0f events/s)", seconds, Double(generator.eventCount) / max(seconds, 1e-9))
    }

    static func truthJSON(_ truth: [DemoAnomaly]) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(truth)) ?? Data("[]".utf8)
    }
}

/// `suyuan demo generate --events N --seed S --out DIR`.
struct DemoGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write the demo chains as JSON-LD documents, masterdata.jsonld and truth.json (the injected anomalies)."
    )

    @OptionGroup var options: DemoOptions

    @Option(help: "The folder to write into (created when missing).")
    var out: String

    func run() throws {
        let started = Date()
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var generator = DemoGenerator(options.configuration)
        let encoder = JSONDocumentEncoder()
        try encoder.encode(generator.masterDataDocument).write(to: folder.appendingPathComponent("masterdata.jsonld"))
        var count = 0
        while let document = generator.nextDocument() {
            count += 1
            let name = "events-" + String(count).leftPadded(6) + ".jsonld"
            try encoder.encode(document).write(to: folder.appendingPathComponent(name))
        }
        try DemoOptions.truthJSON(generator.truth).write(to: folder.appendingPathComponent("truth.json"))
        print(DemoOptions.summary(generator, documents: count, seconds: Date().timeIntervalSince(started)) + " → \(out)")
    }
}

/// `suyuan demo load --events N --seed S [--store S]`: generate and capture in one stream, into either backend (a
/// PostgreSQL store is migrated first, as `suyuan migrate` would).
struct DemoLoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Generate the demo chains and capture them into the store, document by document."
    )

    @OptionGroup var options: DemoOptions

    @Option(help: "Also write the ground truth to this file.")
    var truth: String?

    @OptionGroup var storeOption: StoreOption

    func run() async throws {
        let started = Date()
        let configuration = options.configuration
        let (generator, documents, sectors) = try await storeOption.withStore(migrate: true) { store in
            try await Self.load(configuration, into: store, showProgress: true)
        }
        if let truth {
            try DemoOptions.truthJSON(generator.truth + sectors.truth).write(to: URL(fileURLWithPath: truth))
        }
        print(DemoOptions.summary(generator, documents: documents, seconds: Date().timeIntervalSince(started))
              + "; sector chains: \(sectors.documents.map(\.events.count).reduce(0, +)) events, "
              + "\(sectors.truth.count) violations"
              + " → \(storeOption.name)")
    }

    /// Generates the demo chains and captures them into a store, document by document, then the sector chains
    /// (one run of each class per 2,000 events, ending at the last food or drug event); returns the generator (its
    /// world and ground truth), the number of event documents, and the sector chains with their truth.
    static func load<Store: CommandStore>(
        _ configuration: DemoConfiguration, into store: Store, showProgress: Bool
    ) async throws -> (DemoGenerator, Int, SectorDemo) {
        let started = Date()
        let first = DemoGenerator(configuration)
        _ = try await store.capture(first.masterDataDocument, context: CaptureContext())
        // Generation and capture overlap: document N+1 is generated on another core while document N is captured.
        @Sendable func generate(_ generator: DemoGenerator) -> (DemoGenerator, EPCISDocument?) {
            var generator = generator
            let document = generator.nextDocument()
            return (generator, document)
        }
        // And two captures are in flight: document N is validated and hashed (on every core) while N-1 is in its
        // write transaction, which is one core's work. Chain runs are whole within a document, so the order in
        // which two documents commit does not matter.
        var next = Task.detached { generate(first) }
        var generator = first
        var count = 0
        var writing: Task<Void, any Error>?
        while true {
            let (advanced, document) = await next.value
            generator = advanced
            guard let document else { break }
            next = Task.detached { generate(advanced) }
            let capture = Task { _ = try await store.capture(document, context: CaptureContext()) }
            do {
                try await writing?.value
            } catch {
                capture.cancel()
                throw error
            }
            writing = capture
            count += 1
            if showProgress { progress(generator.eventCount, of: configuration.targetEvents, since: started) }
        }
        try await writing?.value
        if showProgress { FileHandle.standardError.write(Data("\n".utf8)) }
        // The sector chains end now (to the second): overdue maintenance and inspections are judged against the
        // clock, so chains that ended with the food and drug runs would all be overdue.
        let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        let sectors = SectorDemo(
            runs: max(1, configuration.targetEvents / 2_000), seed: configuration.seed,
            end: max(now, generator.latestEventTime), violationRate: min(1, configuration.anomalyRate * 10))
        for document in sectors.documents { _ = try await store.capture(document, context: CaptureContext()) }
        return (generator, count, sectors)
    }

    private static func progress(_ done: Int, of total: Int, since started: Date) {
        let fraction = min(Double(done) / Double(max(total, 1)), 1)
        let width = 30
        let filled = Int(fraction * Double(width))
        let rate = Double(done) / max(Date().timeIntervalSince(started), 1e-9)
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        let line = String(format: "\r[%@] %3.0f%% %d/%d events, %.0f events/s", bar, fraction * 100, done, total, rate)
        FileHandle.standardError.write(Data(line.utf8))
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
