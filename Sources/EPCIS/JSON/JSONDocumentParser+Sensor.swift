extension JSONDocumentParser {
    /// `sensorElementList`: elements with sensorReport (required, non-empty), sensorMetadata and extensions.
    mutating func sensorElements(_ key: String) throws(JSONSyntaxError) -> [SensorElement] {
        var out: [SensorElement] = []
        try withArray(key) { (p, _) throws(JSONSyntaxError) in
            var element = SensorElement()
            var sawReports = false
            let isObject = try p.withObject(nil) { (p, member) throws(JSONSyntaxError) in
                switch member {
                case "sensorMetadata": element.metadata = try p.sensorMetadata(member)
                case "sensorReport":
                    sawReports = true
                    let count = try p.withArray(member) { (p, _) throws(JSONSyntaxError) in
                        if let report = try p.sensorReport() { element.reports.append(report) }
                    }
                    if count == 0 { p.report(at: p.pointer(member), "'sensorReport' must hold at least one report") }
                default:
                    if let ext = try p.extensionElement(member, where: "a sensor element") {
                        element.extensions.append(ext)
                    }
                }
            }
            guard isObject else { return }
            if !sawReports { p.missing("sensorReport", in: "a sensor element") }
            out.append(element)
        }
        return out
    }

    private mutating func sensorMetadata(_ key: String) throws(JSONSyntaxError) -> SensorMetadata? {
        var m = SensorMetadata()
        let isObject = try withObject(key) { (p, member) throws(JSONSyntaxError) in
            switch member {
            case "time": m.time = try p.time(member)
            case "startTime": m.startTime = try p.time(member)
            case "endTime": m.endTime = try p.time(member)
            case "deviceID": m.deviceID = try p.identifier(member)
            case "deviceMetadata": m.deviceMetadata = try p.identifier(member)
            case "rawData": m.rawData = try p.identifier(member)
            case "dataProcessingMethod": m.dataProcessingMethod = try p.identifier(member)
            case "bizRules": m.bizRules = try p.identifier(member)
            default:
                if let ext = try p.extensionElement(member, where: "sensorMetadata") { m.extensions.append(ext) }
            }
        }
        return isObject ? m : nil
    }

    private mutating func identifier(_ key: String) throws(JSONSyntaxError) -> IdentifierURI? {
        try uri(key).map { IdentifierURI($0) }
    }

    /// One sensor report at the current place.
    private mutating func sensorReport() throws(JSONSyntaxError) -> SensorReport? {
        var r = SensorReport()
        var sawType = false
        let isObject = try withObject(nil) { (p, member) throws(JSONSyntaxError) in
            switch member {
            case "type":
                sawType = true
                r.type = try p.cbv(member, .measurementType)
            case "exception": r.exception = try p.cbv(member, .sensorAlertType)
            case "deviceID": r.deviceID = try p.identifier(member)
            case "deviceMetadata": r.deviceMetadata = try p.identifier(member)
            case "rawData": r.rawData = try p.identifier(member)
            case "dataProcessingMethod": r.dataProcessingMethod = try p.identifier(member)
            case "bizRules": r.bizRules = try p.identifier(member)
            case "time": r.time = try p.time(member)
            case "microorganism": r.microorganism = try p.identifier(member)
            case "chemicalSubstance": r.chemicalSubstance = try p.identifier(member)
            case "coordinateReferenceSystem": r.coordinateReferenceSystem = try p.identifier(member)
            case "value": r.value = try p.number(member)
            case "component": r.component = try p.cbv(member, .component)
            case "stringValue": r.stringValue = try p.string(member)
            case "booleanValue": r.booleanValue = try p.bool(member)
            case "hexBinaryValue":
                guard let text = try p.string(member) else { return }
                if JSONFormatRules.isHexBinary(text) {
                    r.hexBinaryValue = text
                } else {
                    p.report(at: p.pointer(member), "'hexBinaryValue' must be hexadecimal digits, not '\(text)'")
                }
            case "uriValue": r.uriValue = try p.identifier(member)
            case "minValue": r.minValue = try p.number(member)
            case "maxValue": r.maxValue = try p.number(member)
            case "meanValue": r.meanValue = try p.number(member)
            case "sDev": r.sDev = try p.number(member)
            case "percRank": r.percRank = try p.number(member)
            case "percValue": r.percValue = try p.number(member)
            case "uom": r.uom = try p.string(member)
            default:
                if let ext = try p.extensionElement(member, where: "a sensor report") { r.extensions.append(ext) }
            }
        }
        guard isObject else { return nil }
        if !sawType { missing("type", in: "a sensor report") }
        return r
    }
}
