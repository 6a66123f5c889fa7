public import Foundation

/// Finds where quantities and custody do not add up, over a set of events: shipments against receipts,
/// lot balances, licences, clones and items seen after they were destroyed.
public struct Reconciler: Sendable {
    /// The knobs of the rules.
    public struct Configuration: Hashable, Sendable {
        /// The relative tolerance of a shipment against its receipt when the category has none of its own.
        public var defaultTolerance: Double
        /// Tolerances by product category (e.g. `meat`: 0.01 for drip loss).
        public var tolerances: [String: Double]
        /// How long after shipping a shipment may stay unreceived before it is reported.
        public var receiptHorizon: TimeInterval
        /// Only findings whose latest evidence is at or after this time are reported.
        public var since: Date?
        /// The least time a serialised item needs to get from one site to another: seen at two sites closer in
        /// time than this, it is a clone.
        public var minimumTransit: TimeInterval

        /// Makes a configuration.
        /// - Parameters:
        ///   - defaultTolerance: 0.005 (0.5 %) by default.
        ///   - tolerances: per-category tolerances.
        ///   - receiptHorizon: 48 hours by default.
        ///   - since: report only findings from this time on.
        ///   - minimumTransit: one hour by default.
        public init(
            defaultTolerance: Double = 0.005, tolerances: [String: Double] = [:], receiptHorizon: TimeInterval = 48 * 3_600,
            since: Date? = nil, minimumTransit: TimeInterval = 3_600
        ) {
            self.minimumTransit = minimumTransit
            self.defaultTolerance = defaultTolerance
            self.tolerances = tolerances
            self.receiptHorizon = receiptHorizon
            self.since = since
        }
    }

    /// The rules' knobs.
    public var configuration: Configuration
    /// Parties' licences, location owners and product categories.
    public var registry: PartyRegistry
    /// The clock: "now" for the receipt horizon.
    public var now: @Sendable () -> Date

    /// Makes a reconciler.
    /// - Parameters:
    ///   - configuration: the rules' knobs.
    ///   - registry: master data.
    ///   - now: the clock, injectable for tests.
    public init(configuration: Configuration = Configuration(), registry: PartyRegistry = PartyRegistry(),
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.configuration = configuration
        self.registry = registry
        self.now = now
    }

    /// Reconciles events.
    /// - Parameter events: the events to check (all of them, or a window large enough to hold both ends of
    ///   each shipment).
    /// - Returns: the findings, ordered by kind, then identifier.
    public func reconcile(_ events: [TraceEvent]) -> [Finding] {
        let ordered = events.sorted { ($0.time, $0.id) < ($1.time, $1.id) }
        let labels = ordered.reduce(into: [String: String]()) { $0.merge($1.labels) { first, _ in first } }
        var rules = ReconcilerRules(configuration: configuration, registry: registry, now: now(), labels: labels)
        rules.shipments(ordered)
        rules.balances(ordered)
        rules.licences(ordered)
        rules.serialised(ordered)
        let times = Dictionary(ordered.map { ($0.id, $0.time) }, uniquingKeysWith: { first, _ in first })
        return rules.findings
            .filter { finding in
                guard let since = configuration.since else { return true }
                return finding.events.compactMap { times[$0] }.max().map { $0 >= since } ?? true
            }
            .sorted { ($0.kind.rawValue, $0.key, $0.events.first ?? "") < ($1.kind.rawValue, $1.key, $1.events.first ?? "") }
    }
}
