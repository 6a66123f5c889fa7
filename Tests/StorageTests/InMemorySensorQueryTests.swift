import Foundation
import Storage
import StorageTesting
import Testing
import TestSupport

/// GS1's TCR-53 sensor query steps against the in-memory store.
@Suite struct InMemorySensorQueryTests {
    let suite = SensorQueryConformance(
        examples: TestPaths.epcisConformance.appendingPathComponent("gs1-EPCIS/JSON/WithSensorData")
    ) { InMemoryEventStore() }

    @Test("TCR-53 steps 1-11: capture, record time, EXISTS, times, type and URI fields") func fields() async throws {
        try await suite.set1Fields()
    }

    @Test("TCR-53 steps 12-15 and 23-26: values and statistics across units") func values() async throws {
        try await suite.set1Values()
    }

    @Test("TCR-53 steps 16-22: plain values and user extensions") func plainValues() async throws {
        try await suite.set1PlainValuesAndExtensions()
    }

    @Test("TCR-53 steps 27-28: inline attributes in sensorMetadata or sensorReport") func inline() async throws {
        try await suite.set2InlineAttributes()
    }

    @Test("hand-written readings in FAH, KEL, GLL and PS, queried in CEL, LTR, BAR") func units() async throws {
        try await suite.handWrittenUnits()
    }
}
