import DemoChains
import EPCIS
import Foundation
import Testing

@Suite struct DemoGeneratorTests {
    private func documents(_ configuration: DemoConfiguration) -> ([EPCISDocument], DemoGenerator) {
        var generator = DemoGenerator(configuration)
        var documents: [EPCISDocument] = []
        while let document = generator.nextDocument() { documents.append(document) }
        return (documents, generator)
    }

    @Test(
        "every generated document passes the validator with no errors",
        arguments: [(UInt64(1), 100, 0.0), (UInt64(42), 2_000, 0.2), (UInt64(7), 5_000, 1.0)]
    )
    func documentsValidate(seed: UInt64, events: Int, rate: Double) {
        // Given a generator for a seed, a size and an anomaly rate
        let (documents, generator) = documents(DemoConfiguration(seed: seed, targetEvents: events, anomalyRate: rate, eventsPerDocument: 500))
        // When every document and the master data are validated
        let validator = EPCISValidator()
        let errors = (documents + [generator.masterDataDocument])
            .flatMap { validator.validate($0) }
            .filter { $0.severity == .error }
        // Then there is no error and the size was reached
        #expect(errors.isEmpty, "\(errors.prefix(5))")
        #expect(generator.eventCount >= events)
        #expect(documents.reduce(0) { $0 + $1.events.count } == generator.eventCount)
    }

    @Test("what `demo generate` writes (the documents and masterdata.jsonld) reads back as the same documents")
    func writtenDocumentsReadBack() throws {
        // Given the JSON-LD of a small chain with anomalies, master data included
        let (documents, generator) = documents(DemoConfiguration(seed: 3, targetEvents: 600, anomalyRate: 0.5, eventsPerDocument: 300))
        let encoder = JSONDocumentEncoder()
        let reader = EPCISDocumentReader()
        for document in documents + [generator.masterDataDocument] {
            // When it is read back
            let read = try reader.read(encoder.encode(document))
            // Then nothing is lost: the same events and the same master data
            #expect(read.events.count == document.events.count)
            #expect(read.masterData == document.masterData)
        }
    }

    @Test("the same seed gives byte-identical JSON-LD, another seed does not")
    func deterministic() {
        // Given two generators with the same seed and one with another
        let encoder = JSONDocumentEncoder()
        func bytes(_ seed: UInt64) -> [Data] {
            documents(DemoConfiguration(seed: seed, targetEvents: 1_500, anomalyRate: 0.3, eventsPerDocument: 400)).0
                .map { encoder.encode($0) }
        }
        // When they generate
        let first = bytes(9), second = bytes(9), other = bytes(10)
        // Then the same seed gives the same bytes
        #expect(first == second)
        #expect(first != other)
    }

    @Test("a clean world injects nothing; a rate of 1 injects every kind of anomaly with its events")
    func groundTruth() {
        // Given a clean configuration and an anomalous one
        let clean = documents(DemoConfiguration(seed: 3, targetEvents: 3_000, anomalyRate: 0)).1
        let (documents, dirty) = documents(DemoConfiguration(seed: 3, targetEvents: 3_000, anomalyRate: 1))
        // Then the clean truth is empty, and every kind appears in the other with events that exist
        #expect(clean.truth.isEmpty)
        #expect(Set(dirty.truth.map(\.kind)) == Set(DemoAnomalyKind.foodAndDrug))
        let ids = Set(documents.flatMap(\.events).compactMap(\.eventID))
        #expect(dirty.truth.allSatisfy { !$0.events.isEmpty && $0.events.allSatisfy(ids.contains) })
    }

    @Test("documents stay near the requested size and event IDs are unique")
    func streaming() {
        // Given a generator with small documents
        let (documents, _) = documents(DemoConfiguration(seed: 5, targetEvents: 4_000, eventsPerDocument: 300))
        // Then every document holds whole runs of bounded size and no event ID repeats
        #expect(documents.count >= 10)
        #expect(documents.allSatisfy { $0.events.count < 400 })
        let ids = documents.flatMap(\.events).compactMap(\.eventID)
        #expect(Set(ids).count == ids.count)
    }

    @Test("ten million events still lie in the past: runs start closer together when ten minutes apart would not fit")
    func largeWorldsFitTheirSpan() {
        // Given a small world and one of ten million events
        let small = DemoGenerator(DemoConfiguration(seed: 7, targetEvents: 100_000))
        let large = DemoGenerator(DemoConfiguration(seed: 7, targetEvents: 10_000_000))
        // Then the small one keeps ten minutes between runs, and the large one's runs fit in the span
        #expect(small.runSpacing == 600)
        #expect(large.runSpacing < 600)
        #expect(large.runSpacing * Double(10_000_000 / 12) <= DemoGenerator.longestSpan)
    }
}
