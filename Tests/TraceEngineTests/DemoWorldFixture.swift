import DemoChains
import EPCIS
import Foundation
import TraceEngine

/// One generated demo world as TraceEvents, with its ground truth and registry.
struct DemoWorldFixture {
    let events: [EPCISEvent]
    let traceEvents: [TraceEvent]
    let truth: [DemoAnomaly]
    let registry: PartyRegistry
    let end: Date

    init(seed: UInt64, events count: Int, anomalyRate: Double) {
        var generator = DemoGenerator(DemoConfiguration(seed: seed, targetEvents: count, anomalyRate: anomalyRate))
        var events: [EPCISEvent] = []
        while let document = generator.nextDocument() { events += document.events }
        self.events = events
        traceEvents = events.map { TraceEvent($0) }
        truth = generator.truth
        registry = PartyRegistry(masterData: generator.masterDataDocument.masterData)
        end = generator.latestEventTime
    }

    var engine: TraceEngine<InMemoryTraceGraphSource> { TraceEngine(source: InMemoryTraceGraphSource(traceEvents)) }

    static func key(_ text: String) -> String { IdentifierURI(text).canonicalKey }
}
