import EPCIS
import Testing

@Suite struct ValidationSensorTests {
    typealias F = ValidationFixtures

    static func event(_ report: SensorReport, metadata: SensorMetadata? = nil) -> EPCISEvent {
        var event = F.objectEvent()
        event.sensorElementList = [SensorElement(metadata: metadata, reports: [report])]
        return event
    }

    static var temperature: SensorReport {
        SensorReport(type: CBVValue("Temperature", in: .measurementType))
    }

    @Test("a consistent sensor report is accepted")
    func consistentReportAccepted() {
        var report = Self.temperature
        report.minValue = 2
        report.meanValue = 4
        report.maxValue = 6
        report.percRank = 50
        report.uom = "CEL"
        #expect(F.errors(Self.event(report)).isEmpty)
    }

    @Test("a sensor report needs a type or an exception")
    func typeOrExceptionRequired() {
        // Given a report with neither
        var report = SensorReport()
        report.value = 3
        // Then
        let errors = F.errors(Self.event(report))
        #expect(errors.map(\.location) == ["/epcisBody/eventList/0/sensorElementList/0/sensorReport/0/type"])
        #expect(errors.first?.message.contains("sensor report type required") == true)
        // And an exception alone is enough
        report.exception = CBVValue("ALARM_CONDITION", in: .sensorAlertType)
        #expect(F.errors(Self.event(report)).isEmpty)
    }

    @Test("minValue ≤ meanValue ≤ maxValue")
    func statisticsOrdered() {
        var report = Self.temperature
        report.minValue = 5
        report.meanValue = 4
        report.maxValue = 6
        let errors = F.errors(Self.event(report))
        #expect(errors.map(\.location) == ["/epcisBody/eventList/0/sensorElementList/0/sensorReport/0/meanValue"])
        #expect(errors.first?.message.contains("sensor statistics out of order") == true)
    }

    @Test("percRank lies between 0 and 100")
    func percRankRange() {
        var report = Self.temperature
        report.percRank = 120
        let errors = F.errors(Self.event(report))
        #expect(errors.map(\.location) == ["/epcisBody/eventList/0/sensorElementList/0/sensorReport/0/percRank"])
        #expect(errors.first?.message.contains("percRank must be between 0 and 100") == true)
    }

    @Test("hexBinaryValue is an even number of hex digits", arguments: ["ABC", "GG", "12 4"])
    func hexBinaryShape(hex: String) {
        var report = Self.temperature
        report.hexBinaryValue = hex
        let errors = F.errors(Self.event(report))
        #expect(errors.map(\.location) == ["/epcisBody/eventList/0/sensorElementList/0/sensorReport/0/hexBinaryValue"])
        #expect(errors.first?.message.contains("hexBinaryValue must be hex") == true)
    }

    @Test("sensor metadata endTime is not before startTime")
    func metadataInterval() {
        var metadata = SensorMetadata()
        metadata.startTime = F.time("2026-11-20T08:00:00Z")
        metadata.endTime = F.time("2026-11-20T07:00:00Z")
        let errors = F.errors(Self.event(Self.temperature, metadata: metadata))
        #expect(errors.map(\.location) == ["/epcisBody/eventList/0/sensorElementList/0/sensorMetadata/endTime"])
        #expect(errors.first?.message.contains("sensor endTime before startTime") == true)
    }

    @Test("a negative standard deviation is refused")
    func negativeSDev() {
        var report = Self.temperature
        report.sDev = -1
        #expect(F.errors(Self.event(report)).first?.message.contains("sDev must not be negative") == true)
    }

    @Test("a sensor deviceID in a GS1 form must be a valid identifier")
    func deviceIDChecked() {
        // Given a device GIAI with a valid and then a malformed Digital Link
        var report = Self.temperature
        report.deviceID = "https://id.gs1.org/8004/4000001111"
        #expect(F.errors(Self.event(report)).isEmpty)
        report.deviceID = "https://id.gs1.org/01/123"
        // Then the malformed one is refused where it stands
        let errors = F.errors(Self.event(report))
        #expect(errors.map(\.location) == ["/epcisBody/eventList/0/sensorElementList/0/sensorReport/0/deviceID"])
        #expect(errors.first?.message.contains("invalid GS1 identifier") == true)
    }
}
