public import Foundation

/// What to generate: the seed, the scale and the anomaly rate.
public struct DemoConfiguration: Hashable, Sendable {
    /// The seed; the same seed and configuration give byte-identical output.
    public var seed: UInt64
    /// How many events to generate at least (chain runs are whole, so the last one may go a little past).
    public var targetEvents: Int
    /// The probability that one chain run carries one injected anomaly (0 for a clean world).
    public var anomalyRate: Double
    /// About how many events each document holds (whole chain runs per document).
    public var eventsPerDocument: Int
    /// When the first chain run starts.
    public var start: Date

    /// Makes a configuration.
    /// - Parameters:
    ///   - seed: the seed.
    ///   - targetEvents: the number of events to reach.
    ///   - anomalyRate: the probability of an anomaly per chain run, 0...1; 0.02 by default.
    ///   - eventsPerDocument: the document size; 1,000 by default.
    ///   - start: the first event's time; 2025-01-01T00:00:00Z by default.
    public init(
        seed: UInt64,
        targetEvents: Int,
        anomalyRate: Double = 0.02,
        eventsPerDocument: Int = 1_000,
        start: Date = Date(timeIntervalSince1970: 1_735_689_600)
    ) {
        self.seed = seed
        self.targetEvents = targetEvents
        self.anomalyRate = min(max(anomalyRate, 0), 1)
        self.eventsPerDocument = max(eventsPerDocument, 1)
        self.start = start
    }
}
