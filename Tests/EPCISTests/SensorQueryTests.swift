import EPCIS
import Testing

/// Sensor query parameters of the EPCIS 2.0 binding with unit conversion, on readings written by hand.
@Suite struct SensorQueryTests {
    static func time(_ text: String) -> EPCISDateTime {
        guard let time = EPCISDateTime(text) else { preconditionFailure("bad test timestamp \(text)") }
        return time
    }

    /// One ObjectEvent with one sensor element of the given reports.
    static func event(_ reports: [SensorReport], metadata: SensorMetadata? = nil) -> EPCISEvent {
        var event = EPCISEvent(type: .objectEvent, eventTime: time("2026-06-01T10:00:00+08:00"), eventTimeZoneOffset: "+08:00")
        event.action = .observe
        event.epcList = ["urn:epc:id:sgtin:0614141.107346.1"]
        event.sensorElementList = [SensorElement(metadata: metadata, reports: reports)]
        return event
    }

    static func reading(_ type: String, _ value: Double, _ uom: String) -> SensorReport {
        var report = SensorReport(type: CBVValue(type, in: .measurementType))
        report.value = value
        report.uom = uom
        return report
    }

    func matches(_ event: EPCISEvent, _ parameters: [(String, String)]) throws -> Bool {
        EventMatcher().matches(event, try EPCISQuery(parameters: parameters))
    }

    @Test("the conversion table: factors and offsets of the units GS1 uses", arguments: [
        ("CEL", 0.0, "KEL", 273.15), ("CEL", 100.0, "FAH", 212.0), ("FAH", 32.0, "CEL", 0.0), ("FAH", -40.0, "CEL", -40.0),
        ("KEL", 0.0, "FAH", -459.67), ("A48", 491.67, "CEL", 0.0),
        ("KGM", 1.0, "GRM", 1000.0), ("LBR", 1.0, "KGM", 0.45359237), ("ONZ", 16.0, "LBR", 1.0), ("TNE", 1.0, "MGM", 1e9),
        ("LTR", 1.0, "MLT", 1000.0), ("MTQ", 1.0, "LTR", 1000.0), ("GLL", 1.0, "LTR", 3.785411784), ("GLI", 1.0, "LTR", 4.54609),
        ("BAR", 1.0, "KPA", 100.0), ("MBR", 1.0, "PAL", 100.0), ("PS", 1.0, "KPA", 6.894757293168), ("ATM", 1.0, "MBR", 1013.25),
        ("A97", 1013.25, "ATM", 1.0), ("P1", 50.0, "59", 500_000.0), ("KMH", 36.0, "MTS", 10.0), ("A93", 1000.0, "KMQ", 1.0),
    ])
    func conversions(from: String, value: Double, to: String, expected: Double) throws {
        let source = try #require(MeasurementUnit(code: from))
        let target = try #require(MeasurementUnit(code: to))
        let converted = try #require(source.convert(value, to: target))
        #expect(Comparison.equal.holdsApproximately(converted, expected), "\(value) \(from) = \(converted) \(to)")
    }

    @Test("units of different dimensions and unknown units do not convert")
    func noConversion() throws {
        let celsius = try #require(MeasurementUnit(code: "CEL"))
        #expect(celsius.convert(1, to: try #require(MeasurementUnit(code: "KGM"))) == nil)
        #expect(MeasurementUnit(code: "XYZ") == nil)
        #expect(MeasurementUnit.all.count > 50)
        // A difference scales without the offset: 1 CEL of spread is 1.8 FAH
        let fahrenheit = try #require(MeasurementUnit(code: "FAH"))
        #expect(Comparison.equal.holdsApproximately(try #require(celsius.convert(difference: 1, to: fahrenheit)), 1.8))
    }

    @Test("a cold-chain alarm: EQ_type=gs1:Temperature&GT_value_CEL=8 matches readings above 8 °C in any unit")
    func coldChainAlarm() throws {
        let alarm = [("EQ_type", "gs1:Temperature"), ("GT_value_CEL", "8")]
        #expect(try matches(Self.event([Self.reading("Temperature", 9.5, "CEL")]), alarm))
        #expect(try !matches(Self.event([Self.reading("Temperature", 7.9, "CEL")]), alarm))
        #expect(try !matches(Self.event([Self.reading("Temperature", 8, "CEL")]), alarm))
        // 47 FAH is 8.33 CEL; 46 FAH is 7.78 CEL; 281.25 KEL is 8.1 CEL
        #expect(try matches(Self.event([Self.reading("Temperature", 47, "FAH")]), alarm))
        #expect(try !matches(Self.event([Self.reading("Temperature", 46, "FAH")]), alarm))
        #expect(try matches(Self.event([Self.reading("Temperature", 281.25, "KEL")]), alarm))
        // A humidity of 60 percent is no temperature, and not in a temperature unit
        #expect(try !matches(Self.event([Self.reading("RelativeHumidity", 60, "P1")]), alarm))
    }

    @Test("mass, volume, pressure and percent readings answer bounds in other units")
    func otherDimensions() throws {
        let mass = Self.event([Self.reading("Mass", 2.5, "LBR")])  // 1.134 KGM
        #expect(try matches(mass, [("GT_value_KGM", "1.1"), ("LT_value_GRM", "1200")]))
        #expect(try !matches(mass, [("GT_value_KGM", "1.2")]))
        let volume = Self.event([Self.reading("Volume", 2, "GLL")])  // 7.57 LTR
        #expect(try matches(volume, [("GE_value_LTR", "7.5"), ("LE_value_MLT", "7600")]))
        #expect(try !matches(volume, [("GE_value_MTQ", "0.008")]))
        let pressure = Self.event([Self.reading("Pressure", 30, "PS")])  // 206.8 KPA, 2.068 BAR
        #expect(try matches(pressure, [("GT_value_BAR", "2"), ("LT_value_KPA", "207"), ("GT_value_MBR", "2068")]))
        #expect(try !matches(pressure, [("GT_value_BAR", "2.1")]))
        let humidity = Self.event([Self.reading("RelativeHumidity", 65, "P1")])
        #expect(try matches(humidity, [("GT_value_P1", "60")]))
        #expect(try !matches(humidity, [("GT_value_KGM", "0")]))
    }

    @Test("every comparison of a converted value, with equality within rounding")
    func comparisons() throws {
        let event = Self.event([Self.reading("Temperature", 20, "CEL")])  // 293.15 KEL, 68 FAH
        for (name, expected) in [
            ("EQ_value_KEL", true), ("GE_value_KEL", true), ("LE_value_KEL", true), ("GT_value_KEL", false),
            ("LT_value_KEL", false),
        ] {
            #expect(try matches(event, [(name, "293.15")]) == expected, "\(name)")
        }
        #expect(try matches(event, [("EQ_value_FAH", "68")]))
        #expect(try matches(event, [("EQ_value_FAH", "50|68")]))
        #expect(try !matches(event, [("EQ_value_FAH", "50|69")]))
    }

    @Test("minValue, maxValue, meanValue, sDev and percValue convert; sDev by the factor alone")
    func statistics() throws {
        var report = SensorReport(type: CBVValue("Temperature", in: .measurementType))
        report.minValue = 2
        report.maxValue = 8
        report.meanValue = 5
        report.sDev = 1
        report.percValue = 7
        report.percRank = 90
        report.uom = "CEL"
        let event = Self.event([report])
        #expect(try matches(event, [("GE_minValue_FAH", "35.6"), ("LE_maxValue_FAH", "46.4"), ("EQ_meanValue_KEL", "278.15")]))
        #expect(try matches(event, [("EQ_sDev_FAH", "1.8"), ("EQ_sDev_KEL", "1")]))
        #expect(try !matches(event, [("GE_sDev_FAH", "10")]))
        #expect(try matches(event, [("GE_sDev", "1"), ("LT_percValue", "7.5"), ("EQ_percRank", "90")]))
        #expect(try matches(event, [("GT_percValue_FAH", "44")]))
    }

    @Test("the plain fields match in sensorMetadata and in sensorReport")
    func inlineAttributes() throws {
        var metadata = SensorMetadata()
        metadata.deviceID = "urn:epc:id:giai:4000001.111"
        metadata.rawData = "https://example.org/raw/1"
        metadata.time = Self.time("2026-06-01T01:00:00Z")
        var report = Self.reading("Temperature", 4, "CEL")
        report.deviceMetadata = "https://example.org/device/2"
        report.dataProcessingMethod = "https://example.org/method/3"
        report.hexBinaryValue = "0aff"
        report.booleanValue = false
        let event = Self.event([report], metadata: metadata)
        #expect(try matches(event, [("EQ_deviceID", "https://id.gs1.org/8004/4000001111")]))
        #expect(try matches(event, [("EQ_rawData", "https://example.org/raw/1")]))
        #expect(try matches(event, [("EQ_deviceMetadata", "https://example.org/device/2")]))
        #expect(try matches(event, [("EQ_dataProcessingMethod", "https://example.org/method/3")]))
        #expect(try matches(event, [("EQ_hexBinaryValue", "0AFF")]))
        #expect(try matches(event, [("EQ_booleanValue", "false")]))
        #expect(try matches(event, [("EQ_time", "2026-06-01T09:00:00+08:00")]))
        #expect(try matches(event, [("GT_time", "2026-06-01T00:59:59Z"), ("LE_time", "2026-06-01T01:00:00Z")]))
        #expect(try !matches(event, [("EQ_rawData", "https://example.org/raw/2")]))
    }

    @Test("the binding's sensor parameters are read; malformed ones are refused", arguments: [
        "EQ_time", "GT_time", "LE_time", "EQ_startTime", "GT_endTime", "LE_endTime",
    ])
    func timeParameters(name: String) throws {
        let query = try EPCISQuery(parameters: [(name, "2026-06-01T00:00:00Z")])
        #expect(query.predicates.count == 1)
    }

    @Test("malformed sensor parameters are refused with the parameter named", arguments: [
        ("EQ_booleanValue", "maybe"), ("GT_value_CEL", "8|9"), ("GE_value_CEL", "warm"), ("EQ_time", "yesterday"),
    ])
    func malformed(name: String, value: String) {
        let error = #expect(throws: QueryParameterError.self) { try EPCISQuery(parameters: [(name, value)]) }
        #expect(error?.parameter == name)
    }

    @Test("sensor parameters become their predicates")
    func predicates() throws {
        let query = try EPCISQuery(parameters: [
            ("EQ_value_KGM", "1|2"), ("GE_sDev", "0.5"), ("EXISTS_sensorElement", ""),
            ("EQ_deviceID", "urn:epc:id:giai:4000001.111"), ("EQ_hexBinaryValue", "ff"),
        ])
        #expect(query.predicates == [
            .sensorValue(.value, .equal, [1, 2], uom: "KGM"), .sensorValue(.sDev, .greaterOrEqual, [0.5], uom: nil),
            .sensorElementExists, .sensorReport(.deviceID, ["https://id.gs1.org/8004/4000001111"]),
            .sensorReport(.hexBinaryValue, ["FF"]),
        ])
    }
}
