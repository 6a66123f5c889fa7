/// Reads SimpleEventQuery parameters one by one into an ``EPCISQuery`` (EPCIS 2.0 section 8.2.7.1).
struct QueryParameterParser {
    private let namespaces: [String: String]
    private var query = EPCISQuery()
    private var orderDirectionGiven = false

    init(namespaces: [String: String]) {
        self.namespaces = namespaces
    }

    mutating func finish() throws(QueryParameterError) -> EPCISQuery {
        if query.eventCountLimit != nil && query.maxEventCount != nil {
            throw QueryParameterError(
                .queryParameter, parameter: "eventCountLimit",
                "eventCountLimit and maxEventCount may not be given together (EPCIS 2.0 section 8.2.7.1)")
        }
        if query.eventCountLimit != nil && query.orderBy == nil {
            throw QueryParameterError(
                .queryParameter, parameter: "eventCountLimit",
                "eventCountLimit needs orderBy, which says which events come first (EPCIS 2.0 section 8.2.7.1)")
        }
        if orderDirectionGiven && query.orderBy == nil {
            throw QueryParameterError(.queryParameter, parameter: "orderDirection", "orderDirection needs orderBy")
        }
        return query
    }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    mutating func read(name: String, value: String) throws(QueryParameterError) {
        func add(_ predicate: QueryPredicate) { query.predicates.append(predicate) }
        let list = Self.split(value)
        // An empty value (or one of separators only) names nothing to compare with; EXISTS_ parameters take none.
        guard !list.isEmpty || name.hasPrefix("EXISTS_") else {
            throw QueryParameterError(
                .queryParameter, parameter: name,
                "needs a value: an empty value names nothing to match (EPCIS 2.0 section 8.2.7.1)")
        }
        switch name {
        case "eventType":
            // An extension event type is named by a URI; no stored event has one, so it adds no type to match.
            var types: Set<EventType> = []
            for item in list {
                if let type = EventType(rawValue: item) {
                    types.insert(type)
                } else if !Self.isURI(item) {
                    throw QueryParameterError(
                        .queryParameter, parameter: name,
                        "\(item) is neither one of the five EPCIS event types nor the URI of an extension event type")
                }
            }
            add(.eventType(types))
        case "GE_eventTime", "LT_eventTime":
            add(.eventTime(Self.comparison(name), try time(value, name)))
        case "GE_recordTime", "LT_recordTime":
            add(.recordTime(Self.comparison(name), try time(value, name)))
        case "EQ_action":
            add(.action(Set(try list.map { (item) throws(QueryParameterError) in
                guard let action = Action(rawValue: item) else {
                    throw QueryParameterError(.queryParameter, parameter: name, "\(item) is not ADD, OBSERVE or DELETE")
                }
                return action
            })))
        case "EQ_bizStep": add(.bizStep(try vocabulary(list, .bizStep, name)))
        case "EQ_disposition": add(.disposition(try vocabulary(list, .disposition, name)))
        case "EQ_persistentDisposition_set": add(.persistentDispositionSet(try vocabulary(list, .disposition, name)))
        case "EQ_persistentDisposition_unset":
            add(.persistentDispositionUnset(try vocabulary(list, .disposition, name)))
        case "EQ_readPoint", "WD_readPoint":
            add(.readPoint(Set(list.map { IdentifierURI($0).canonicalKey }), withDescendants: name.hasPrefix("WD")))
        case "EQ_bizLocation", "WD_bizLocation":
            add(.bizLocation(Set(list.map { IdentifierURI($0).canonicalKey }), withDescendants: name.hasPrefix("WD")))
        case "EQ_transformationID": add(.transformationID(Set(list)))
        case "EQ_eventID": add(.eventID(Set(list)))
        case "EXISTS_errorDeclaration": add(.errorDeclarationExists)
        case "GE_errorDeclarationTime", "LT_errorDeclarationTime", "GE_errorDeclaration_Time",
            "LT_errorDeclaration_Time":
            add(.errorDeclarationTime(Self.comparison(name), try time(value, name)))
        case "EQ_errorReason": add(.errorReason(try vocabulary(list, .errorReason, name)))
        case "EQ_correctiveEventID": add(.correctiveEventID(Set(list)))
        // TCR-53 step 3 names the parameter EXISTS_sensorElement; the binding's query schema, EXISTS_sensorElementList.
        case "EXISTS_sensorElementList", "EXISTS_sensorElement": add(.sensorElementExists)
        case "EQ_time", "GT_time", "GE_time", "LT_time", "LE_time":
            add(.sensorTime(.time, Self.comparison(name), try time(value, name)))
        case "EQ_startTime", "GT_startTime", "GE_startTime", "LT_startTime", "LE_startTime":
            add(.sensorTime(.startTime, Self.comparison(name), try time(value, name)))
        case "EQ_endTime", "GT_endTime", "GE_endTime", "LT_endTime", "LE_endTime":
            add(.sensorTime(.endTime, Self.comparison(name), try time(value, name)))
        case "EQ_percRank", "GT_percRank", "GE_percRank", "LT_percRank", "LE_percRank":
            add(.percRank(Self.comparison(name), try number(value, name)))
        case "EQ_type":
            add(.sensorReport(.type, try vocabulary(list, .measurementType, name)))
        case "orderBy":
            switch value {
            case "eventTime": query.orderBy = .eventTime
            case "recordTime": query.orderBy = .recordTime
            default: query.orderBy = .field(try qualifiedName(value, name))
            }
        case "orderDirection":
            guard let direction = EPCISQuery.OrderDirection(rawValue: value) else {
                throw QueryParameterError(.queryParameter, parameter: name, "must be ASC or DESC, not \(value)")
            }
            query.orderDirection = direction
            orderDirectionGiven = true
        case "eventCountLimit": query.eventCountLimit = try count(value, name)
        case "maxEventCount": query.maxEventCount = try count(value, name)
        default:
            try readPatterned(name: name, value: value, list: list)
        }
    }

    // MARK: Parameters whose names carry a field, a type or a unit

    private mutating func readPatterned(name: String, value: String, list: [String]) throws(QueryParameterError) {
        func add(_ predicate: QueryPredicate) { query.predicates.append(predicate) }
        if name.hasPrefix("MATCH_"), let field = IdentifierField(rawValue: String(name.dropFirst(6))) {
            add(.identifier(field, try list.map { (item) throws(QueryParameterError) in
                try IdentifierPattern(parsing: item, parameter: name)
            }))
            return
        }
        if let sensorField = SensorReportField(rawValue: String(name.dropFirst(3))), name.hasPrefix("EQ_"),
            sensorField != .type
        {
            add(.sensorReport(sensorField, Set(try sensorValues(list, sensorField, name))))
            return
        }
        for (prefix, make) in [
            ("EQ_bizTransaction_", QueryPredicate.bizTransaction), ("EQ_source_", QueryPredicate.source),
            ("EQ_destination_", QueryPredicate.destination),
        ] where name.hasPrefix(prefix) {
            let typeName = String(name.dropFirst(prefix.count))
            let vocabulary: CBVVocabulary = prefix == "EQ_bizTransaction_" ? .bizTransactionType : .sourceDestType
            guard let type = CBVValue(typeName, in: vocabulary) else {
                throw QueryParameterError(.queryParameter, parameter: name, "\(typeName) is not a \(vocabulary.rawValue)")
            }
            add(make(type.uri, Set(list.map { IdentifierURI($0).canonicalKey })))
            return
        }
        if name.hasPrefix("HASATTR_") {
            add(.hasAttribute(field: String(name.dropFirst(8)), attributes: Set(list)))
            return
        }
        if name.hasPrefix("EQ_ATTR_") {
            let rest = name.dropFirst(8)
            guard let underscore = rest.firstIndex(of: "_") else {
                throw QueryParameterError(.queryParameter, parameter: name, "EQ_ATTR_ needs a field and an attribute")
            }
            add(.attributeEquals(
                field: String(rest[..<underscore]), attribute: String(rest[rest.index(after: underscore)...]),
                values: Set(list)))
            return
        }
        let parts = name.split(separator: "_", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw unknown(name) }
        let (operatorName, rest) = (parts[0], parts[1])
        if operatorName == "EXISTS" {
            let (scope, inner, fieldName) = try fieldReference(rest, name)
            add(.fieldExists(scope, inner: inner, fieldName))
            return
        }
        guard let comparison = Comparison(rawValue: operatorName) else { throw unknown(name) }
        if let unitRange = Self.unitSuffix(rest) {
            let field = String(rest[..<unitRange.lowerBound])
            let uom = String(rest[unitRange].dropFirst())
            if field == "quantity" {
                add(.quantity(comparison, try numbers(list, comparison, name), uom: uom))
                return
            }
            if let numeric = SensorNumericField(rawValue: field) {
                add(.sensorValue(numeric, comparison, try numbers(list, comparison, name), uom: uom))
                return
            }
        }
        // TCR-53 steps 23 and 25 name GE_sDev and GE_percValue without a unit: the number as recorded.
        if let numeric = SensorNumericField(rawValue: rest) {
            add(.sensorValue(numeric, comparison, try numbers(list, comparison, name), uom: nil))
            return
        }
        if rest == "quantity" {
            add(.quantity(comparison, try numbers(list, comparison, name), uom: nil))
            return
        }
        guard rest.contains(":") else { throw unknown(name) }
        let (scope, inner, fieldName) = try fieldReference(rest, name)
        let values = comparison == .equal ? list : [value]
        add(.field(scope, inner: inner, fieldName, comparison, values.map(Self.fieldValue)))
    }

    /// `[INNER_][ILMD_|ERROR_DECLARATION_|SENSORELEMENT_|SENSORMETADATA_|SENSORREPORT_|readPoint_|bizLocation_]prefix:name`
    private func fieldReference(_ text: String, _ parameter: String) throws(QueryParameterError) -> (
        FieldScope, Bool, QualifiedName
    ) {
        var rest = Substring(text)
        let inner = rest.hasPrefix("INNER_")
        if inner { rest = rest.dropFirst(6) }
        var scope = FieldScope.event
        for (prefix, candidate) in [
            ("ILMD_", FieldScope.ilmd), ("ERROR_DECLARATION_", .errorDeclaration), ("SENSORELEMENT_", .sensorElement),
            ("SENSORMETADATA_", .sensorMetadata), ("SENSORREPORT_", .sensorReport), ("readPoint_", .readPoint),
            ("bizLocation_", .bizLocation),
        ] where rest.hasPrefix(prefix) {
            scope = candidate
            rest = rest.dropFirst(prefix.count)
            break
        }
        return (scope, inner, try qualifiedName(String(rest), parameter))
    }

    private func qualifiedName(_ text: String, _ parameter: String) throws(QueryParameterError) -> QualifiedName {
        if text.hasPrefix("{"), let close = text.firstIndex(of: "}") {
            let namespace = String(text[text.index(after: text.startIndex)..<close])
            return QualifiedName(namespace: namespace, localName: String(text[text.index(after: close)...]))
        }
        guard let colon = text.firstIndex(of: ":") else {
            throw QueryParameterError(
                .queryParameter, parameter: parameter, "\(text) is not a field name of the form prefix:name")
        }
        let prefix = String(text[..<colon])
        let local = String(text[text.index(after: colon)...])
        guard let namespace = namespaces[prefix], !local.isEmpty else {
            throw QueryParameterError(
                .queryParameter, parameter: parameter, "the namespace prefix \(prefix) is not declared")
        }
        return QualifiedName(namespace: namespace, localName: local, prefix: prefix)
    }

    // MARK: Values

    static func split(_ value: String) -> [String] {
        value.split(separator: "|", omittingEmptySubsequences: true).map(String.init)
    }

    /// Whether a text has the shape of an absolute URI (RFC 3986 section 3: a scheme, a colon, and more, with no
    /// white space), as an extension event type is named.
    static func isURI(_ text: String) -> Bool {
        func isLetter(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
        let scalars = Array(text.unicodeScalars)
        guard let colon = scalars.firstIndex(of: ":"), colon > 0, colon < scalars.count - 1, isLetter(scalars[0])
        else { return false }
        let schemeIsValid = scalars[..<colon].allSatisfy {
            isLetter($0) || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0)
        }
        return schemeIsValid && !scalars.contains { $0.value <= 0x20 || $0.properties.isWhitespace }
    }

    private static func comparison(_ name: String) -> Comparison {
        Comparison(rawValue: String(name.prefix(2))) ?? .equal
    }

    /// The `_KGM` at the end of `value_KGM`: an underscore and 2-4 upper-case letters or digits.
    private static func unitSuffix(_ text: String) -> Range<String.Index>? {
        guard let underscore = text.lastIndex(of: "_") else { return nil }
        let unit = text[text.index(after: underscore)...]
        guard (2...4).contains(unit.count), unit.allSatisfy({ $0.isUppercase || $0.isNumber }) else { return nil }
        return underscore..<text.endIndex
    }

    private static func fieldValue(_ text: String) -> FieldValue {
        if let time = EPCISDateTime(text) { return .time(time) }
        if let number = Double(text), number.isFinite { return .number(number) }
        return .text(text)
    }

    private func time(_ value: String, _ parameter: String) throws(QueryParameterError) -> EPCISDateTime {
        guard let time = EPCISDateTime(value) else {
            throw QueryParameterError(
                .queryParameter, parameter: parameter,
                "\(value) is not a timestamp with a time zone, e.g. 2026-11-21T08:00:00Z")
        }
        return time
    }

    private func number(_ value: String, _ parameter: String) throws(QueryParameterError) -> Double {
        guard let number = Double(value), number.isFinite else {
            throw QueryParameterError(.queryParameter, parameter: parameter, "\(value) is not a number")
        }
        return number
    }

    private func numbers(_ list: [String], _ comparison: Comparison, _ parameter: String) throws(QueryParameterError)
        -> [Double]
    {
        guard comparison == .equal || list.count == 1 else {
            throw QueryParameterError(.queryParameter, parameter: parameter, "takes one number")
        }
        return try list.map { (item) throws(QueryParameterError) in try number(item, parameter) }
    }

    /// The values of an `EQ_` sensor parameter as ``EventMatcher`` compares them: URIs by canonical key, booleans
    /// as `true`/`false`, hex in upper case.
    private func sensorValues(_ list: [String], _ field: SensorReportField, _ parameter: String)
        throws(QueryParameterError) -> [String]
    {
        try list.map { (item) throws(QueryParameterError) -> String in
            switch field {
            case .booleanValue:
                switch item.lowercased() {
                case "true", "1": return "true"
                case "false", "0": return "false"
                default:
                    throw QueryParameterError(.queryParameter, parameter: parameter, "\(item) is not true or false")
                }
            case .hexBinaryValue: return item.uppercased()
            case let uriField where uriField.isURI: return IdentifierURI(item).sensorKey
            default: return item
            }
        }
    }

    private func count(_ value: String, _ parameter: String) throws(QueryParameterError) -> Int {
        guard let count = Int(value), count >= 0 else {
            throw QueryParameterError(.queryParameter, parameter: parameter, "\(value) is not a whole number ≥ 0")
        }
        return count
    }

    private func vocabulary(_ list: [String], _ vocabulary: CBVVocabulary, _ parameter: String)
        throws(QueryParameterError) -> Set<String>
    {
        guard !list.isEmpty else {
            throw QueryParameterError(.queryParameter, parameter: parameter, "needs at least one value")
        }
        return Set(try list.map { (item) throws(QueryParameterError) in
            guard let value = CBVValue(item, in: vocabulary) else {
                throw QueryParameterError(
                    .queryParameter, parameter: parameter,
                    "\(item) is neither a standard \(vocabulary.rawValue) of CBV 2.0 nor a URI")
            }
            return value.uri
        })
    }

    private func unknown(_ name: String) -> QueryParameterError {
        QueryParameterError(.queryParameter, parameter: name, "not a SimpleEventQuery parameter (EPCIS 2.0 section 8.2.7.1)")
    }
}
