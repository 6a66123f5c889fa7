// Sensor data (EPCIS 2.0 section 7.3.7): each report says what it measured (or which alert it raised), its
// statistics are consistent, and binary values are hex.

extension EPCISValidator {
    func checkSensors(_ event: EPCISEvent, _ report: inout ValidationReport) {
        for (elementIndex, element) in event.sensorElementList.enumerated() {
            let elementPath = "sensorElementList/\(elementIndex)"
            if let metadata = element.metadata, let start = metadata.startTime, let end = metadata.endTime,
                end < start
            {
                report.error(
                    elementPath + "/sensorMetadata/endTime",
                    "sensor endTime before startTime: \(end.text) is before \(start.text) (EPCIS 2.0 section 7.3.7.2)"
                )
            }
            for (reportIndex, sensorReport) in element.reports.enumerated() {
                let reportPath = elementPath + "/sensorReport/\(reportIndex)"
                checkSensorReport(sensorReport, path: reportPath, &report)
                if let metadata = element.metadata {
                    checkInlineAttributes(metadata, sensorReport, path: reportPath, &report)
                }
            }
        }
    }

    func checkSensorReport(_ sensorReport: SensorReport, path: String, _ report: inout ValidationReport) {
        if sensorReport.type == nil && sensorReport.exception == nil {
            report.error(
                path + "/type",
                "sensor report type required: a sensorReport names its measurement type or an exception "
                    + "(EPCIS 2.0 section 7.3.7.3)"
            )
        }
        checkStatistics(sensorReport, path: path, &report)
        if let hex = sensorReport.hexBinaryValue, !Self.isHexBinary(hex) {
            report.error(
                path + "/hexBinaryValue",
                "hexBinaryValue must be hex: \(hex) is not an even number of hexadecimal digits "
                    + "(EPCIS 2.0 section 7.3.7.3)"
            )
        }
    }

    /// The inline attributes (dataProcessingMethod, deviceID, deviceMetadata, rawData, time) in sensorMetadata or in
    /// a sensorReport, not both. GS1's TCR-53 (step 29) expects capture to refuse an element that has one in both
    /// places; a warning here, not an error, because GS1's own "all possible fields" examples (JSON and
    /// JSON-simple-context) have all five in both and are accepted everywhere else (docs/validation.md).
    func checkInlineAttributes(
        _ metadata: SensorMetadata, _ sensorReport: SensorReport, path: String, _ report: inout ValidationReport
    ) {
        let both: [(String, Bool)] = [
            ("dataProcessingMethod", metadata.dataProcessingMethod != nil && sensorReport.dataProcessingMethod != nil),
            ("deviceID", metadata.deviceID != nil && sensorReport.deviceID != nil),
            ("deviceMetadata", metadata.deviceMetadata != nil && sensorReport.deviceMetadata != nil),
            ("rawData", metadata.rawData != nil && sensorReport.rawData != nil),
            ("time", metadata.time != nil && sensorReport.time != nil),
        ]
        for (field, isInBoth) in both where isInBoth {
            report.warning(
                path + "/" + field,
                "sensor attribute in both places: \(field) is given in sensorMetadata and in this sensorReport; "
                    + "give it in one of them (EPCIS 2.0 section 7.3.7, GS1 TCR-53 step 29)"
            )
        }
    }

    /// minValue ≤ meanValue ≤ maxValue (a warning), a non-negative standard deviation, a percentile rank in 0…100, all finite.
    func checkStatistics(_ sensorReport: SensorReport, path: String, _ report: inout ValidationReport) {
        let numbers: [(String, Double?)] = [
            ("value", sensorReport.value), ("minValue", sensorReport.minValue), ("maxValue", sensorReport.maxValue),
            ("meanValue", sensorReport.meanValue), ("sDev", sensorReport.sDev), ("percRank", sensorReport.percRank),
            ("percValue", sensorReport.percValue),
        ]
        for case let (field, number?) in numbers where !number.isFinite {
            report.error(
                path + "/" + field, "sensor value must be finite: \(field) is \(number) (EPCIS 2.0 section 7.3.7.3)")
        }
        let ordered: [(String, Double)] = [
            ("minValue", sensorReport.minValue), ("meanValue", sensorReport.meanValue),
            ("maxValue", sensorReport.maxValue),
        ].compactMap { name, value in value.map { (name, $0) } }
        // A warning, not an error: the standard names the statistics but sets no conformance rule on their order,
        // and GS1's own "all possible fields" examples carry minValue 26 > meanValue 13.2.
        for (lower, upper) in zip(ordered, ordered.dropFirst()) where lower.1 > upper.1 {
            report.warning(
                path + "/" + upper.0,
                "sensor statistics out of order: \(lower.0) \(lower.1) is greater than \(upper.0) \(upper.1); "
                    + "minValue ≤ meanValue ≤ maxValue (EPCIS 2.0 section 7.3.7.3)"
            )
        }
        if let sDev = sensorReport.sDev, sDev < 0 {
            report.error(
                path + "/sDev", "sDev must not be negative: \(sDev) (EPCIS 2.0 section 7.3.7.3)"
            )
        }
        if let percRank = sensorReport.percRank, !(0...100).contains(percRank) {
            report.error(
                path + "/percRank",
                "percRank must be between 0 and 100: \(percRank) is not a percentile rank (EPCIS 2.0 section 7.3.7.3)"
            )
        }
    }

    /// xsd:hexBinary: an even number of hexadecimal digits.
    static func isHexBinary(_ text: String) -> Bool {
        text.utf8.count % 2 == 0 && text.unicodeScalars.allSatisfy(\.properties.isASCIIHexDigit)
    }
}
