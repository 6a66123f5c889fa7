/// Sensor data: `sensorElementList`, whose metadata and reports are attributes in XML (EPCIS 2.0 section 7.3.7).
extension XMLEventReader {
    mutating func sensorElements(_ node: XMLNode, _ path: String) -> [SensorElement] {
        var result: [SensorElement] = []
        for child in children(of: node, path, named: ["sensorElement"]) {
            let elementPath = path + "/sensorElement"
            var element = SensorElement()
            var sawReport = false
            var sawMetadata = false
            for part in child.children {
                let partPath = elementPath + "/" + part.localName
                if !part.namespace.isEmpty && !XMLNames.epcisNamespaces.contains(part.namespace) {
                    element.extensions.append(XMLExtensionReader.element(part))
                    continue
                }
                switch part.namespace.isEmpty ? part.localName : "" {
                case "sensorMetadata", "sensorMetaData":
                    if part.localName == "sensorMetaData" && !isVersion1 {
                        report(part, partPath, "<sensorMetaData> is spelled <sensorMetadata> in EPCIS 2.0")
                    }
                    guard !sawMetadata else {
                        report(part, partPath, "<sensorMetadata> may appear only once in <sensorElement>")
                        continue
                    }
                    sawMetadata = true
                    if sawReport {
                        reportOutOfOrder(part, partPath, before: "<sensorReport>", in: "<sensorElement>")
                    }
                    element.metadata = metadata(part, partPath)
                case "sensorReport":
                    sawReport = true
                    if let report = sensorReport(part, partPath) { element.reports.append(report) }
                case "extension":
                    readWrapper(part, path: partPath, into: &element.extensions)
                default:
                    report(part, partPath, "<\(part.localName)> is not allowed in <sensorElement>")
                }
            }
            if !sawReport {
                report(child, elementPath, "<sensorElement> needs at least one <sensorReport>")
            }
            element.extensions = XMLExtensionReader.grouped(element.extensions)
            result.append(element)
        }
        return result
    }

    private mutating func metadata(_ node: XMLNode, _ path: String) -> SensorMetadata {
        var metadata = SensorMetadata()
        for attribute in node.attributes {
            if let ext = extensionAttribute(attribute, node, path) {
                metadata.extensions.append(ext)
                continue
            }
            guard attribute.namespace.isEmpty else { continue }
            let value = attribute.value
            switch attribute.localName {
            case "time": metadata.time = attributeTime(value, attribute.localName, node, path)
            case "startTime": metadata.startTime = attributeTime(value, attribute.localName, node, path)
            case "endTime": metadata.endTime = attributeTime(value, attribute.localName, node, path)
            case "deviceID": metadata.deviceID = IdentifierURI(value)
            case "deviceMetadata": metadata.deviceMetadata = IdentifierURI(value)
            case "rawData": metadata.rawData = IdentifierURI(value)
            case "dataProcessingMethod": metadata.dataProcessingMethod = IdentifierURI(value)
            case "bizRules": metadata.bizRules = IdentifierURI(value)
            default: report(node, path, "attribute \(attribute.localName) is not allowed on <sensorMetadata>")
            }
        }
        return metadata
    }

    private mutating func sensorReport(_ node: XMLNode, _ path: String) -> SensorReport? {
        var sensorReport = SensorReport()
        for attribute in node.attributes {
            if let ext = extensionAttribute(attribute, node, path) {
                sensorReport.extensions.append(ext)
                continue
            }
            guard attribute.namespace.isEmpty else { continue }
            let value = attribute.value
            let name = attribute.localName
            switch name {
            case "type": sensorReport.type = cbv(value, node, path, .measurementType, what: "sensorReport type")
            case "exception":
                sensorReport.exception = cbv(value, node, path, .sensorAlertType, what: "sensorReport exception")
            case "component":
                sensorReport.component = cbv(value, node, path, .component, what: "sensorReport component")
            case "deviceID": sensorReport.deviceID = IdentifierURI(value)
            case "deviceMetadata": sensorReport.deviceMetadata = IdentifierURI(value)
            case "rawData": sensorReport.rawData = IdentifierURI(value)
            case "dataProcessingMethod": sensorReport.dataProcessingMethod = IdentifierURI(value)
            case "bizRules": sensorReport.bizRules = IdentifierURI(value)
            case "time": sensorReport.time = attributeTime(value, name, node, path)
            case "microorganism": sensorReport.microorganism = IdentifierURI(value)
            case "chemicalSubstance": sensorReport.chemicalSubstance = IdentifierURI(value)
            case "coordinateReferenceSystem": sensorReport.coordinateReferenceSystem = IdentifierURI(value)
            case "stringValue": sensorReport.stringValue = value
            case "hexBinaryValue":
                if value.count % 2 == 0, value.allSatisfy(\.isHexDigit) {
                    sensorReport.hexBinaryValue = value
                } else {
                    report(node, path, "hexBinaryValue '\(value)' is not hexadecimal octets")
                }
            case "uriValue": sensorReport.uriValue = IdentifierURI(value)
            case "uom": sensorReport.uom = value
            case "booleanValue":
                switch value {
                case "true", "1": sensorReport.booleanValue = true
                case "false", "0": sensorReport.booleanValue = false
                default: report(node, path, "booleanValue '\(value)' is not true or false")
                }
            case "value", "minValue", "maxValue", "meanValue", "sDev", "percRank", "percValue":
                guard let number = Self.xsdDouble(value) else {
                    report(node, path, "\(name) '\(value)' is not a number")
                    continue
                }
                switch name {
                case "value": sensorReport.value = number
                case "minValue": sensorReport.minValue = number
                case "maxValue": sensorReport.maxValue = number
                case "meanValue": sensorReport.meanValue = number
                case "sDev": sensorReport.sDev = number
                case "percRank": sensorReport.percRank = number
                default: sensorReport.percValue = number
                }
            default: report(node, path, "attribute \(name) is not allowed on <sensorReport>")
            }
        }
        return sensorReport
    }

    /// An attribute in a user namespace, as an extension; nil for standard and `xsi:` attributes.
    private func extensionAttribute(_ attribute: XMLAttribute, _ node: XMLNode, _ path: String) -> ExtensionElement? {
        guard !attribute.namespace.isEmpty, attribute.namespace != XMLNames.xsi,
            !XMLNames.epcisNamespaces.contains(attribute.namespace)
        else { return nil }
        let name = QualifiedName(
            namespace: attribute.namespace, localName: attribute.localName, prefix: attribute.prefix)
        return ExtensionElement(name: name, value: .string(attribute.value))
    }

    private mutating func attributeTime(_ text: String, _ name: String, _ node: XMLNode, _ path: String)
        -> EPCISDateTime?
    {
        guard let time = EPCISDateTime(text), Self.hasSchemaTimeZone(text) else {
            report(node, path, "\(name) '\(text)' is not a timestamp with a time zone")
            return nil
        }
        return time
    }

    /// xsd:double: a decimal or scientific number, INF, -INF or NaN.
    static func xsdDouble(_ text: String) -> Double? {
        switch text {
        case "INF", "+INF": return .infinity
        case "-INF": return -.infinity
        case "NaN": return .nan
        default:
            guard !text.isEmpty, text.allSatisfy({ $0.isNumber || "+-.eE".contains($0) }) else { return nil }
            return Double(text)
        }
    }
}
