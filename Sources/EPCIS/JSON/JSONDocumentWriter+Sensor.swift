extension JSONDocumentWriter {
    mutating func writeSensorElements(_ elements: [SensorElement]) {
        guard !elements.isEmpty else { return }
        out.key("sensorElementList")
        out.beginArray()
        for element in elements {
            out.beginObject()
            if let metadata = element.metadata { writeMetadata(metadata) }
            out.key("sensorReport")
            out.beginArray()
            for report in element.reports { writeReport(report) }
            out.endArray()
            writeExtensions(element.extensions)
            out.endObject()
        }
        out.endArray()
    }

    private mutating func writeMetadata(_ m: SensorMetadata) {
        out.key("sensorMetadata")
        out.beginObject()
        time("time", m.time)
        time("startTime", m.startTime)
        time("endTime", m.endTime)
        uri("deviceID", m.deviceID)
        uri("deviceMetadata", m.deviceMetadata)
        uri("rawData", m.rawData)
        uri("dataProcessingMethod", m.dataProcessingMethod)
        uri("bizRules", m.bizRules)
        writeExtensions(m.extensions)
        out.endObject()
    }

    private mutating func writeReport(_ r: SensorReport) {
        out.beginObject()
        if let type = r.type { out.member("type", Self.webVocabularyWord(type)) }
        if let exception = r.exception { out.member("exception", Self.webVocabularyWord(exception)) }
        uri("deviceID", r.deviceID)
        uri("deviceMetadata", r.deviceMetadata)
        uri("rawData", r.rawData)
        uri("dataProcessingMethod", r.dataProcessingMethod)
        uri("bizRules", r.bizRules)
        time("time", r.time)
        uri("microorganism", r.microorganism)
        uri("chemicalSubstance", r.chemicalSubstance)
        uri("coordinateReferenceSystem", r.coordinateReferenceSystem)
        number("value", r.value)
        if let component = r.component { out.member("component", component.jsonValue) }
        if let text = r.stringValue { out.member("stringValue", text) }
        if let flag = r.booleanValue {
            out.key("booleanValue")
            out.bool(flag)
        }
        if let hex = r.hexBinaryValue { out.member("hexBinaryValue", hex) }
        uri("uriValue", r.uriValue)
        number("minValue", r.minValue)
        number("maxValue", r.maxValue)
        number("meanValue", r.meanValue)
        number("sDev", r.sDev)
        number("percRank", r.percRank)
        number("percValue", r.percValue)
        if let uom = r.uom { out.member("uom", uom) }
        writeExtensions(r.extensions)
        out.endObject()
    }

    /// JSON forbids the web URI of a GS1 Web Vocabulary term, even of one this implementation does not list.
    private static func webVocabularyWord(_ value: CBVValue) -> String {
        let prefix = value.vocabulary.webURIPrefix
        if value.standardTerm == nil, value.uri.hasPrefix(prefix), value.uri.count > prefix.count {
            return String(value.uri.dropFirst(prefix.count))
        }
        return value.jsonValue
    }

    private mutating func time(_ key: String, _ value: EPCISDateTime?) {
        if let value { out.member(key, value.text) }
    }

    private mutating func uri(_ key: String, _ value: IdentifierURI?) {
        if let value { out.member(key, identifier(value)) }
    }

    private mutating func number(_ key: String, _ value: Double?) {
        guard let value else { return }
        out.key(key)
        out.number(value)
    }
}
