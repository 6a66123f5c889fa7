public import EPCIS
public import Foundation

/// Generates the four demo supply chains (pork, vegetables, dairy and infant formula, drugs) as EPCIS 2.0
/// documents, deterministically from a seed, in documents of bounded size so that tens of millions of events
/// never sit in memory at once.
///
/// ```swift
/// var generator = DemoGenerator(DemoConfiguration(seed: 7, targetEvents: 10_000))
/// while let document = generator.nextDocument() { … }
/// let truth = generator.truth
/// ```
/// Each chain run follows one lot (or one batch of serialised packs) from its origin to retail; with the
/// configured probability a run carries one injected anomaly, which is recorded in ``truth``.
public struct DemoGenerator: Sendable {
    /// What to generate.
    public let configuration: DemoConfiguration
    /// The parties, locations and products.
    public let world: DemoWorld
    /// The anomalies injected so far.
    public private(set) var truth: [DemoAnomaly] = []
    /// How many events have been generated so far.
    public private(set) var eventCount = 0
    /// The latest event time generated so far.
    public internal(set) var latestEventTime: Date

    var rng: SplitMix64
    var idRNG: SplitMix64
    var runIndex = 0
    var serial = 0
    var pending: [EPCISEvent] = []
    var runStart: Date
    var truthIndex: [String: Int] = [:]
    /// The time between the starts of two chain runs: ten minutes, or less when that many runs would not fit in
    /// ``DemoGenerator/longestSpan``, so that a world of tens of millions of events still lies in the past (a run
    /// takes at most a few days, and events in the future are refused by capture).
    public let runSpacing: TimeInterval

    /// How long the chain runs may spread over: 540 days.
    public static let longestSpan: TimeInterval = 540 * 86_400
    /// Fewer events than a chain run has on average (about 15), so that the estimate of runs errs on the safe side.
    static let fewestEventsPerRun = 12

    /// Makes a generator.
    /// - Parameter configuration: what to generate.
    public init(_ configuration: DemoConfiguration) {
        self.configuration = configuration
        var worldRNG = SplitMix64(seed: configuration.seed ^ 0x5555_AAAA_0F0F_F0F0)
        world = DemoWorld(targetEvents: configuration.targetEvents, rng: &worldRNG)
        rng = SplitMix64(seed: configuration.seed)
        idRNG = SplitMix64(seed: configuration.seed &* 0x2545_F491_4F6C_DD1D &+ 1)
        runStart = configuration.start
        latestEventTime = configuration.start
        let runs = Double(max(configuration.targetEvents / Self.fewestEventsPerRun, 1))
        runSpacing = min(600, Self.longestSpan / runs)
    }

    /// A document holding the world's master data and no events.
    public var masterDataDocument: EPCISDocument {
        var document = EPCISDocument()
        document.creationDate = EPCISDateTime(configuration.start)
        document.masterData = world.vocabularies
        return document
    }

    /// The next document of whole chain runs, or nil when the target number of events is reached.
    /// - Returns: the document.
    public mutating func nextDocument() -> EPCISDocument? {
        guard eventCount < configuration.targetEvents else { return nil }
        var events: [EPCISEvent] = []
        while eventCount < configuration.targetEvents && events.count < configuration.eventsPerDocument {
            pending = []
            generateRun()
            eventCount += pending.count
            events += pending
        }
        var document = EPCISDocument(events: events)
        document.creationDate = EPCISDateTime(latestEventTime)
        document.namespaces = [NamespaceDeclaration(prefix: "suyuan", namespace: DemoWorld.namespace)]
        return document
    }

    private mutating func generateRun() {
        let injected = rng.chance(configuration.anomalyRate)
        let chain = runIndex % 4
        runIndex += 1
        runStart = configuration.start.addingTimeInterval(Double(runIndex) * runSpacing)
        switch chain {
        case 0:
            runPork(anomaly: injected ? rng.pick([.quantityMismatch, .notReceived, .unlicensedParty, .negativeBalance]) : nil)
        case 1:
            runVegetables(anomaly: injected ? rng.pick([.quantityMismatch, .notReceived, .unknownSource, .unlicensedParty, .negativeBalance]) : nil)
        case 2:
            runDairy(anomaly: injected ? rng.pick([.quantityMismatch, .notReceived, .unlicensedParty, .clone]) : nil)
        default:
            runDrugs(anomaly: injected ? rng.pick([.notReceived, .unlicensedParty, .clone, .decommissionedSeen]) : nil)
        }
    }

    /// Records an anomaly once per kind and identifier; a later record of the same adds its events.
    mutating func record(_ kind: DemoAnomalyKind, _ identifier: String, parties: [String], events: [String]) {
        let key = kind.rawValue + " " + identifier
        if let index = truthIndex[key] {
            truth[index].events += events
            return
        }
        truthIndex[key] = truth.count
        truth.append(DemoAnomaly(kind: kind, identifier: identifier, parties: parties, events: events))
    }
}
