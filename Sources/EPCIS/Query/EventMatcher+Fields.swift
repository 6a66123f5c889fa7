extension EventMatcher {
    func location(_ reference: LocationReference?, in ids: Set<String>, withDescendants: Bool) -> Bool {
        guard let key = reference?.id.canonicalKey else { return false }
        if ids.contains(key) { return true }
        return withDescendants && ids.contains { masterData(isSameOrDescendant: key, of: $0) }
    }

    private func masterData(isSameOrDescendant id: String, of ancestor: String) -> Bool {
        masterDataLookup.isSameOrDescendant(id, of: ancestor)
    }

    func identifiers(of event: EPCISEvent, _ field: IdentifierField, match patterns: [IdentifierPattern]) -> Bool {
        let candidates: [IdentifierURI]
        switch field {
        case .epc: candidates = event.epcList + event.childEPCs
        case .parentID: candidates = event.parentID.map { [$0] } ?? []
        case .inputEPC: candidates = event.inputEPCList
        case .outputEPC: candidates = event.outputEPCList
        case .anyEPC:
            candidates = event.epcList + event.childEPCs + (event.parentID.map { [$0] } ?? []) + event.inputEPCList
                + event.outputEPCList
        case .epcClass: candidates = (event.quantityList + event.childQuantityList).map(\.epcClass)
        case .inputEPCClass: candidates = event.inputQuantityList.map(\.epcClass)
        case .outputEPCClass: candidates = event.outputQuantityList.map(\.epcClass)
        case .anyEPCClass: candidates = Self.quantities(of: event).map(\.epcClass)
        }
        return candidates.contains { candidate in patterns.contains { $0.matches(candidate) } }
    }

    func sensorTime(_ event: EPCISEvent, _ field: SensorTimeField, _ op: Comparison, _ time: EPCISDateTime) -> Bool {
        for element in event.sensorElementList {
            let times: [EPCISDateTime?]
            switch field {
            case .time: times = [element.metadata?.time] + element.reports.map(\.time)
            case .startTime: times = [element.metadata?.startTime]
            case .endTime: times = [element.metadata?.endTime]
            }
            if times.contains(where: { $0.map { op.holds($0, time) } ?? false }) { return true }
        }
        return false
    }

    /// The canonical keys of the identifiers in an event field that master data describes.
    func masterDataIDs(of event: EPCISEvent, _ field: String) -> [String] {
        switch field {
        case "readPoint": event.readPoint.map { [$0.id.canonicalKey] } ?? []
        case "bizLocation": event.bizLocation.map { [$0.id.canonicalKey] } ?? []
        case "epcClass": Self.quantities(of: event).map(\.epcClass.canonicalKey)
        case "bizStep": event.bizStep.map { [$0.uri] } ?? []
        case "disposition": event.disposition.map { [$0.uri] } ?? []
        default: []
        }
    }

    static func quantities(of event: EPCISEvent) -> [QuantityElement] {
        event.quantityList + event.childQuantityList + event.inputQuantityList + event.outputQuantityList
    }

    static func reports(of event: EPCISEvent) -> [SensorReport] {
        event.sensorElementList.flatMap(\.reports)
    }

    /// The values of a plain sensor field in an event, as `EQ_` parameters compare them: from every report, and
    /// from every element's metadata for the fields that may stand there.
    static func sensorTexts(of event: EPCISEvent, _ field: SensorReportField) -> [String] {
        var texts: [String] = []
        for element in event.sensorElementList {
            if field.isInMetadata, let metadata = element.metadata, let text = text(of: metadata, field) {
                texts.append(text)
            }
            texts += element.reports.compactMap { text(of: $0, field) }
        }
        return texts
    }

    static func text(of report: SensorReport, _ field: SensorReportField) -> String? {
        switch field {
        case .type: report.type?.uri
        case .deviceID: report.deviceID?.sensorKey
        case .deviceMetadata: report.deviceMetadata?.sensorKey
        case .rawData: report.rawData?.sensorKey
        case .dataProcessingMethod: report.dataProcessingMethod?.sensorKey
        case .microorganism: report.microorganism?.sensorKey
        case .chemicalSubstance: report.chemicalSubstance?.sensorKey
        case .bizRules: report.bizRules?.sensorKey
        case .stringValue: report.stringValue
        case .booleanValue: report.booleanValue.map { $0 ? "true" : "false" }
        case .hexBinaryValue: report.hexBinaryValue?.uppercased()
        case .uriValue: report.uriValue?.sensorKey
        }
    }

    static func text(of metadata: SensorMetadata, _ field: SensorReportField) -> String? {
        switch field {
        case .deviceID: metadata.deviceID?.sensorKey
        case .deviceMetadata: metadata.deviceMetadata?.sensorKey
        case .rawData: metadata.rawData?.sensorKey
        case .dataProcessingMethod: metadata.dataProcessingMethod?.sensorKey
        case .bizRules: metadata.bizRules?.sensorKey
        default: nil
        }
    }

    /// Whether a report's numeric field compares with one of the numbers, in the parameter's unit: the reading is
    /// converted when its unit differs and both are in ``MeasurementUnit``'s table with the same dimension (a
    /// difference such as sDev by the factor alone), compared exactly when the units are the same, and never
    /// matches a unit of another dimension or one the table does not hold. Without a unit the number is compared
    /// as recorded.
    static func sensorValue(
        _ report: SensorReport, _ field: SensorNumericField, _ op: Comparison, _ numbers: [Double], uom: String?
    ) -> Bool {
        guard let value = number(of: report, field) else { return false }
        guard let uom, report.uom != uom else { return numbers.contains { op.holds(value, $0) } }
        guard let recorded = report.uom.flatMap(MeasurementUnit.init(code:)), let wanted = MeasurementUnit(code: uom)
        else { return false }
        let converted =
            field.isDifference ? recorded.convert(difference: value, to: wanted) : recorded.convert(value, to: wanted)
        guard let converted else { return false }
        return numbers.contains { op.holdsApproximately(converted, $0) }
    }

    static func number(of report: SensorReport, _ field: SensorNumericField) -> Double? {
        switch field {
        case .value: report.value
        case .minValue: report.minValue
        case .maxValue: report.maxValue
        case .meanValue: report.meanValue
        case .sDev: report.sDev
        case .percValue: report.percValue
        }
    }

    /// The values of the extension elements named `name` in a scope: at its top level, or at any depth when
    /// `inner` (the `INNER_` parameters).
    static func elements(of event: EPCISEvent, in scope: FieldScope, inner: Bool, named name: QualifiedName)
        -> [ExtensionValue]
    {
        let roots: [[ExtensionElement]]
        switch scope {
        case .event: roots = [event.extensions]
        case .ilmd: roots = [event.ilmd ?? []]
        case .errorDeclaration: roots = [event.errorDeclaration?.extensions ?? []]
        case .readPoint: roots = [event.readPoint?.extensions ?? []]
        case .bizLocation: roots = [event.bizLocation?.extensions ?? []]
        case .sensorElement: roots = event.sensorElementList.map(\.extensions)
        case .sensorMetadata: roots = event.sensorElementList.compactMap { $0.metadata?.extensions }
        case .sensorReport: roots = reports(of: event).map(\.extensions)
        }
        var found: [ExtensionValue] = []
        func visit(_ elements: [ExtensionElement], depth: Int) {
            for element in elements {
                if element.name == name && (inner ? depth > 0 : depth == 0) { found.append(element.value) }
                if inner { visit(children(of: element.value), depth: depth + 1) }
            }
        }
        for root in roots { visit(root, depth: 0) }
        return found
    }

    private static func children(of value: ExtensionValue) -> [ExtensionElement] {
        switch value {
        case .object(let elements): elements
        case .array(let items): items.flatMap(children(of:))
        default: []
        }
    }

    /// Compares an extension value with a query value: as numbers, as times, or as text.
    static func compare(_ value: ExtensionValue, _ op: Comparison, _ wanted: FieldValue) -> Bool {
        if case .array(let items) = value { return items.contains { compare($0, op, wanted) } }
        let text: String
        switch value {
        case .string(let string), .number(let string): text = string
        case .bool(let flag): text = flag ? "true" : "false"
        default: return false
        }
        switch wanted {
        case .number(let number): return Double(text).map { op.holds($0, number) } ?? false
        case .time(let time): return EPCISDateTime(text).map { op.holds($0, time) } ?? false
        case .text(let string): return op.holds(text, string)
        }
    }

    /// The value an event is ordered by, when it has one.
    static func orderValue(of event: EPCISEvent, by key: EPCISQuery.OrderKey) -> OrderValue? {
        switch key {
        case .eventTime: return .time(event.eventTime)
        case .recordTime: return event.recordTime.map(OrderValue.time)
        case .field(let name):
            guard let value = elements(of: event, in: .event, inner: false, named: name).first else { return nil }
            switch value {
            case .number(let text): return Double(text).map(OrderValue.number)
            case .string(let text):
                if let time = EPCISDateTime(text) { return .time(time) }
                if let number = Double(text) { return .number(number) }
                return .text(text)
            default: return nil
            }
        }
    }

    /// A sortable value: times before numbers before text when kinds are mixed.
    enum OrderValue: Comparable {
        case time(EPCISDateTime)
        case number(Double)
        case text(String)
    }
}
