/// Sensor data as attributes (EPCIS 2.0 section 9.4 / SensorMetadataType, SensorReportType).
extension XMLEncodingContext {
    mutating func writeSensorElements(_ elements: [SensorElement]) {
        guard !elements.isEmpty else { return }
        writer.open("sensorElementList")
        for element in elements {
            writer.open("sensorElement")
            if let metadata = element.metadata {
                var attributes: [(String, String)] = []
                add(&attributes, "time", metadata.time?.text)
                add(&attributes, "startTime", metadata.startTime?.text)
                add(&attributes, "endTime", metadata.endTime?.text)
                add(&attributes, "deviceID", metadata.deviceID.map(identifier))
                add(&attributes, "deviceMetadata", metadata.deviceMetadata.map(identifier))
                add(&attributes, "rawData", metadata.rawData.map(identifier))
                add(&attributes, "dataProcessingMethod", metadata.dataProcessingMethod.map(identifier))
                add(&attributes, "bizRules", metadata.bizRules.map(identifier))
                writer.leaf("sensorMetadata", "", attributes + extensionAttributes(metadata.extensions))
            }
            for report in element.reports { write(report) }
            for ext in element.extensions { write(ext) }
            writer.close("sensorElement")
        }
        writer.close("sensorElementList")
    }

    private mutating func write(_ report: SensorReport) {
        var attributes: [(String, String)] = []
        add(&attributes, "type", report.type?.xmlValue)
        add(&attributes, "exception", report.exception?.xmlValue)
        add(&attributes, "deviceID", report.deviceID.map(identifier))
        add(&attributes, "deviceMetadata", report.deviceMetadata.map(identifier))
        add(&attributes, "rawData", report.rawData.map(identifier))
        add(&attributes, "dataProcessingMethod", report.dataProcessingMethod.map(identifier))
        add(&attributes, "bizRules", report.bizRules.map(identifier))
        add(&attributes, "time", report.time?.text)
        add(&attributes, "microorganism", report.microorganism.map(identifier))
        add(&attributes, "chemicalSubstance", report.chemicalSubstance.map(identifier))
        add(&attributes, "coordinateReferenceSystem", report.coordinateReferenceSystem.map(identifier))
        add(&attributes, "value", report.value.map(Self.lexical))
        add(&attributes, "component", report.component?.xmlValue)
        add(&attributes, "stringValue", report.stringValue)
        add(&attributes, "booleanValue", report.booleanValue.map { $0 ? "true" : "false" })
        add(&attributes, "hexBinaryValue", report.hexBinaryValue)
        add(&attributes, "uriValue", report.uriValue.map(identifier))
        add(&attributes, "minValue", report.minValue.map(Self.lexical))
        add(&attributes, "maxValue", report.maxValue.map(Self.lexical))
        add(&attributes, "meanValue", report.meanValue.map(Self.lexical))
        add(&attributes, "sDev", report.sDev.map(Self.lexical))
        add(&attributes, "percRank", report.percRank.map(Self.lexical))
        add(&attributes, "percValue", report.percValue.map(Self.lexical))
        add(&attributes, "uom", report.uom)
        writer.leaf("sensorReport", "", attributes + extensionAttributes(report.extensions))
    }

    private func add(_ attributes: inout [(String, String)], _ name: String, _ value: String?) {
        if let value { attributes.append((name, value)) }
    }

    /// User extensions of sensor metadata and reports, as attributes. An attribute holds only text: a
    /// structured value is written as its members' text, space-separated (XML cannot carry more there).
    private mutating func extensionAttributes(_ extensions: [ExtensionElement]) -> [(String, String)] {
        extensions.map { element in
            (namespaces.qualified(element.name), Self.attributeText(element.value))
        }
    }

    private static func attributeText(_ value: ExtensionValue) -> String {
        switch value {
        case .string, .number, .bool, .null: scalar(value).text
        case .array(let values): values.map(attributeText).joined(separator: " ")
        case .object(let members): members.map { attributeText($0.value) }.joined(separator: " ")
        }
    }
}
