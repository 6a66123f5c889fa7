import Foundation
import Storage
import StorageSQLite
import StorageTesting
import Testing
import TestSupport

/// GS1's TCR-53 sensor query steps against SQLite in memory and in a file: the SQL narrows, ``EventMatcher``
/// decides the sensor predicates.
@Suite struct SQLiteSensorQueryTests {
    static let examples = TestPaths.epcisConformance.appendingPathComponent("gs1-EPCIS/JSON/WithSensorData")
    static let memory = SensorQueryConformance(examples: examples) { try SQLiteEventStore(.memory) }
    static let file = SensorQueryConformance(examples: examples) {
        try SQLiteEventStore(.file(SQLiteTestFiles.newPath()))
    }

    @Test("TCR-53 steps 1-11: capture, record time, EXISTS, times, type and URI fields", arguments: [memory, file])
    func fields(suite: SensorQueryConformance) async throws {
        try await suite.set1Fields()
    }

    @Test("TCR-53 steps 12-15 and 23-26: values and statistics across units", arguments: [memory, file])
    func values(suite: SensorQueryConformance) async throws {
        try await suite.set1Values()
    }

    @Test("TCR-53 steps 16-22: plain values and user extensions", arguments: [memory, file])
    func plainValues(suite: SensorQueryConformance) async throws {
        try await suite.set1PlainValuesAndExtensions()
    }

    @Test("TCR-53 steps 27-28: inline attributes in sensorMetadata or sensorReport", arguments: [memory, file])
    func inline(suite: SensorQueryConformance) async throws {
        try await suite.set2InlineAttributes()
    }

    @Test("hand-written readings in FAH, KEL, GLL and PS, queried in CEL, LTR, BAR", arguments: [memory, file])
    func units(suite: SensorQueryConformance) async throws {
        try await suite.handWrittenUnits()
    }
}
