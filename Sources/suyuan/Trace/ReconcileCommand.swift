import ArgumentParser
import EPCIS
import Foundation
import Server
import StorageSQLite
import TraceEngine

/// `suyuan reconcile [--since T]`: where quantities and custody do not add up.
struct ReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Find quantity mismatches, unreceived shipments, unknown sources, unlicensed parties, negative "
            + "balances, clones and destroyed items seen again."
    )

    @Option(help: "Report only findings with evidence at or after this time (xsd:dateTime); reads only the events that share an identifier or transaction with an event since then.")
    var since: String?

    @Option(help: "Reconcile as of this time instead of now (xsd:dateTime), for the receipt horizon.")
    var now: String?

    @OptionGroup var settings: ReconcileOptions

    @Flag(help: "Read every event instead of going on from the state the last full run kept in the store (the checkpoint); the state is then kept anew.")
    var fromScratch = false

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @OptionGroup var storeOption: StoreOption

    typealias FindingDTO = TraceJSON.FindingDTO

    struct Output: Encodable {
        var findings: [FindingDTO]
        /// The events the findings cover.
        var events: Int
        /// The events read from the store in this run (the rest came from the checkpoint).
        var eventsRead: Int
        /// The events the restored checkpoint covered; absent when the run started from nothing.
        var checkpointEvents: Int?
        /// Why the store's checkpoint was set aside (its bytes were damaged); absent when it was not.
        var checkpointDiscarded: String?
        /// Whether the run's state was kept as the store's checkpoint.
        var checkpointSaved: Bool
        /// The selected event bodies the sector rules decoded in this run (the rest came from their checkpoint).
        var sectorEventsRead: Int
        /// The event bodies the sector rules decoded to follow treated goods, containers and filled cylinders.
        var sectorEventsFollowed: Int
        /// Where the sector pass's time went.
        var sectorPhasesMs: SectorPhases
        var phasesMs: Phases
        var elapsedMs: Double
    }

    /// Seconds as milliseconds to the microsecond, for the phases.
    static func ms(_ seconds: TimeInterval) -> Double { (seconds * 1_000_000).rounded() / 1_000 }

    struct SectorPhases: Encodable {
        var restore: Double
        var read: Double
        var save: Double
        var follow: Double
        var rules: Double

        init(_ phases: SectorReport.Phases) {
            restore = ms(phases.restore)
            read = ms(phases.read)
            save = ms(phases.save)
            follow = ms(phases.follow)
            rules = ms(phases.rules)
        }
    }

    struct Phases: Encodable {
        var restore: Double
        var read: Double
        var finish: Double
        var save: Double
        /// The sector rules' pass (docs/sector-rules.md), which runs beside the other phases, not after them.
        var sectors: Double = 0

        init(_ phases: ReconcileReport.Phases, sectors: TimeInterval) {
            self.sectors = ms(sectors)
            restore = ms(phases.restore)
            read = ms(phases.read)
            finish = ms(phases.finish)
            save = ms(phases.save)
        }
    }

    /// Writes `reconciling: N events read, R events/s` over itself on standard error.
    static func progress(since started: Date) -> @Sendable (Int) -> Void {
        { read in
            let rate = Double(read) / max(Date().timeIntervalSince(started), 1e-9)
            let line = String(format: "\rreconciling: %d events read, %.0f events/s", read, rate)
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    func run() async throws {
        let started = Date()
        func time(_ text: String?, _ name: String) throws -> Date? {
            guard let text else { return nil }
            guard let value = EPCISDateTime(text) else { throw ValidationError("--\(name) \(text): not an xsd:dateTime with a zone") }
            return value.date
        }
        let sinceDate = try time(since, "since")
        let asOf = try time(now, "now") ?? Date()
        // With --since only the events sharing an identifier or transaction with an event since then are read.
        let (report, sectorSeconds, sectors) = try await storeOption.withStore { store in
            var configuration = try settings.configuration()
            configuration.since = sinceDate
            let reconciler = Reconciler(
                configuration: configuration, registry: try await store.partyRegistry(), now: { asOf })
            // The sector rules run beside the food and drug rules: they read other rows (docs/sector-rules.md).
            let sectorConfiguration = try settings.sectorConfiguration()
            let checkpoint: Reconciler.CheckpointUse = fromScratch ? .fromScratch : .continue
            async let sectorRun: (report: SectorReport, seconds: TimeInterval) = {
                let started = Date()
                let report = try await SectorRules.run(
                    store, configuration: sectorConfiguration, now: asOf, since: sinceDate, checkpoint: checkpoint)
                return (report, Date().timeIntervalSince(started))
            }()
            // On a terminal, how far the scan is: a full run over millions of events takes a while.
            let showProgress = isatty(STDERR_FILENO) != 0
            let result = try await reconciler.reconcile(
                store, checkpoint: checkpoint, progress: showProgress ? Self.progress(since: started) : nil)
            if showProgress { FileHandle.standardError.write(Data("\n".utf8)) }
            var withSectors = result
            let (sectors, sectorSeconds) = try await sectorRun
            withSectors.findings += sectors.findings
            if let damage = sectors.discardedCheckpoint {
                FileHandle.standardError.write(Data("warning: sector rules: \(damage); every event was read\n".utf8))
            }
            return (withSectors, sectorSeconds, sectors)
        }
        let elapsed = Date().timeIntervalSince(started) * 1_000
        if let damage = report.discardedCheckpoint {
            FileHandle.standardError.write(Data("warning: \(damage); every event was read and a new checkpoint kept\n".utf8))
        }
        let rows = report.findings.map(TraceJSON.dto)
        if json {
            print(TraceOutput.encode(Output(
                findings: rows, events: report.events, eventsRead: report.eventsRead,
                checkpointEvents: report.restoredEvents, checkpointDiscarded: report.discardedCheckpoint?.description,
                checkpointSaved: report.savedCheckpoint, sectorEventsRead: sectors.eventsRead,
                sectorEventsFollowed: sectors.eventsFollowed, sectorPhasesMs: SectorPhases(sectors.phases),
                phasesMs: Phases(report.phases, sectors: sectorSeconds), elapsedMs: (elapsed * 1_000).rounded() / 1_000)))
            return
        }
        let checkpoint = report.restoredEvents.map { " (\($0) from the checkpoint, \(report.eventsRead) read)" } ?? ""
        print("\(report.findings.count) findings over \(report.events) events\(checkpoint) in "
              + "\(String(format: "%.0f", elapsed)) ms" + (report.savedCheckpoint ? "; checkpoint kept" : ""))
        for row in rows {
            let figures = row.expected.map { expected in
                " expected \(expected) actual \(row.actual.map { "\($0)" } ?? "?") \(row.uom ?? "")"
            } ?? ""
            print("\(row.kind.padding(toLength: 18, withPad: " ", startingAt: 0)) \(row.identifier)"
                  + (row.from.map { " from \($0)" } ?? "") + (row.to.map { " to \($0)" } ?? "") + figures
                  + " events: \(row.events.joined(separator: ","))")
        }
    }
}
