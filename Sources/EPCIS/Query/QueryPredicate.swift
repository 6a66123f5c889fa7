/// A comparison operator of a SimpleEventQuery parameter (`EQ_`, `GT_`, `GE_`, `LT_`, `LE_`).
public enum Comparison: String, Hashable, Sendable, CaseIterable {
    case equal = "EQ"
    case greater = "GT"
    case greaterOrEqual = "GE"
    case less = "LT"
    case lessOrEqual = "LE"

    /// Whether `lhs` compared with `rhs` by this operator holds.
    public func holds<T: Comparable>(_ lhs: T, _ rhs: T) -> Bool {
        switch self {
        case .equal: lhs == rhs
        case .greater: lhs > rhs
        case .greaterOrEqual: lhs >= rhs
        case .less: lhs < rhs
        case .lessOrEqual: lhs <= rhs
        }
    }

    /// Whether time `lhs` compared with `rhs` by this operator holds, comparing instants: `EQ_time` with
    /// `2019-04-02T13:55:00Z` matches a reading at `2019-04-02T14:55:00+01:00` (``EPCISDateTime``'s `==` also
    /// compares the offsets).
    public func holds(_ lhs: EPCISDateTime, _ rhs: EPCISDateTime) -> Bool {
        switch self {
        case .equal: !(lhs < rhs) && !(rhs < lhs)
        case .greater: lhs > rhs
        case .greaterOrEqual: lhs >= rhs
        case .less: lhs < rhs
        case .lessOrEqual: lhs <= rhs
        }
    }
}

/// Which identifier fields a `MATCH_` parameter looks at (EPCIS 2.0 section 8.2.7.1).
public enum IdentifierField: String, Hashable, Sendable, CaseIterable {
    /// `MATCH_epc`: epcList and childEPCs.
    case epc
    /// `MATCH_parentID`.
    case parentID
    /// `MATCH_inputEPC`: inputEPCList.
    case inputEPC
    /// `MATCH_outputEPC`: outputEPCList.
    case outputEPC
    /// `MATCH_anyEPC`: epcList, childEPCs, parentID, inputEPCList, outputEPCList.
    case anyEPC
    /// `MATCH_epcClass`: quantityList and childQuantityList.
    case epcClass
    /// `MATCH_inputEPCClass`.
    case inputEPCClass
    /// `MATCH_outputEPCClass`.
    case outputEPCClass
    /// `MATCH_anyEPCClass`: every quantity list.
    case anyEPCClass
}

/// Where an extension field named by `EQ_…`, `EXISTS_…` (and `ILMD_`, `ERROR_DECLARATION_`, `SENSORELEMENT_`, …)
/// parameters is looked for.
public enum FieldScope: String, Hashable, Sendable, CaseIterable {
    case event
    case ilmd
    case errorDeclaration
    case readPoint
    case bizLocation
    case sensorElement
    case sensorMetadata
    case sensorReport
}

/// A value that an extension field is compared with: a number, a time, or text.
public enum FieldValue: Hashable, Sendable {
    case number(Double)
    case time(EPCISDateTime)
    case text(String)
}

/// The plain (non-numeric) fields of a sensor report that `EQ_` parameters test.
///
/// `deviceID`, `deviceMetadata`, `rawData`, `dataProcessingMethod` and `bizRules` may stand in the element's
/// `sensorMetadata` or in each `sensorReport` (EPCIS 2.0 section 7.3.7); a parameter matches either place (GS1
/// TCR-53, step 28). URI values compare by ``IdentifierURI/sensorKey``, hex without regard to case.
public enum SensorReportField: String, Hashable, Sendable, CaseIterable {
    case type, deviceID, deviceMetadata, rawData, dataProcessingMethod, microorganism, chemicalSubstance, bizRules,
        stringValue, booleanValue, hexBinaryValue, uriValue

    /// Whether the field may also stand in `sensorMetadata`.
    public var isInMetadata: Bool {
        switch self {
        case .deviceID, .deviceMetadata, .rawData, .dataProcessingMethod, .bizRules: true
        default: false
        }
    }

    /// Whether the field holds a URI (compared by ``IdentifierURI/sensorKey``).
    public var isURI: Bool {
        switch self {
        case .type, .stringValue, .booleanValue, .hexBinaryValue: false
        default: true
        }
    }
}

/// The numeric fields of a sensor report that `GE_value_KGM`-style parameters test, in a unit that readings in
/// another unit of the same dimension are converted to (``MeasurementUnit``).
public enum SensorNumericField: String, Hashable, Sendable, CaseIterable {
    case value, minValue, maxValue, meanValue, sDev, percValue

    /// Whether the field is a difference of values (sDev), which converts by the unit's factor only.
    public var isDifference: Bool { self == .sDev }
}

/// One condition of a SimpleEventQuery. An event matches a query when it satisfies every predicate.
/// A predicate over an empty set matches no event (the parser refuses empty values, and names only extension event
/// types, which no stored event has, as an empty `eventType`).
public enum QueryPredicate: Hashable, Sendable {
    case eventType(Set<EventType>)
    case eventTime(Comparison, EPCISDateTime)
    case recordTime(Comparison, EPCISDateTime)
    case action(Set<Action>)
    /// Values are CBV URIs (standard terms in their web URI form).
    case bizStep(Set<String>)
    case disposition(Set<String>)
    case persistentDispositionSet(Set<String>)
    case persistentDispositionUnset(Set<String>)
    /// Location ids; with descendants (`WD_`) the master data hierarchy is followed.
    case readPoint(Set<String>, withDescendants: Bool)
    case bizLocation(Set<String>, withDescendants: Bool)
    case transformationID(Set<String>)
    case identifier(IdentifierField, [IdentifierPattern])
    /// `EQ_quantity`, `GT_quantity_KGM`, …: a quantity element whose quantity compares with one of the values
    /// (and has that unit, when one is given).
    case quantity(Comparison, [Double], uom: String?)
    case eventID(Set<String>)
    case errorDeclarationExists
    case errorDeclarationTime(Comparison, EPCISDateTime)
    case errorReason(Set<String>)
    case correctiveEventID(Set<String>)
    /// `EQ_bizTransaction_po`: type (CBV URI) and transaction ids.
    case bizTransaction(type: String, ids: Set<String>)
    case source(type: String, ids: Set<String>)
    case destination(type: String, ids: Set<String>)
    /// An extension field compared with values (`EQ_` with several values means any of them).
    case field(FieldScope, inner: Bool, QualifiedName, Comparison, [FieldValue])
    case fieldExists(FieldScope, inner: Bool, QualifiedName)
    case sensorElementExists
    case sensorReport(SensorReportField, Set<String>)
    /// `GE_time`/`LT_time` on reports; `GE_startTime`, `LT_endTime` … on metadata.
    case sensorTime(SensorTimeField, Comparison, EPCISDateTime)
    /// `GT_value_CEL=8`, `EQ_value_KGM=1|2`, `GE_sDev=0.5`: a report whose field compares with one of the numbers,
    /// after converting the report's `uom` to the parameter's; with no unit, the number as recorded.
    case sensorValue(SensorNumericField, Comparison, [Double], uom: String?)
    case percRank(Comparison, Double)
    /// `HASATTR_bizLocation=attr1|attr2`: the field's master data element has one of these attributes.
    case hasAttribute(field: String, attributes: Set<String>)
    /// `EQ_ATTR_bizLocation_attr=v1|v2`: the field's master data element has this attribute with one of the values.
    case attributeEquals(field: String, attribute: String, values: Set<String>)
}

/// The time fields of sensor data that queries compare.
public enum SensorTimeField: String, Hashable, Sendable, CaseIterable {
    /// `sensorReport.time` (and `sensorMetadata.time`).
    case time
    case startTime
    case endTime
}
