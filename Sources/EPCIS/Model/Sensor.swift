/// One `sensorElement` (EPCIS 2.0 section 7.3.7): metadata about the sensor and its reports.
public struct SensorElement: Hashable, Sendable {
    /// About the device and the reading as a whole.
    public var metadata: SensorMetadata?
    /// The readings.
    public var reports: [SensorReport]
    /// User extensions inside the sensor element.
    public var extensions: [ExtensionElement]

    /// Makes a sensor element.
    public init(metadata: SensorMetadata? = nil, reports: [SensorReport] = [], extensions: [ExtensionElement] = []) {
        self.metadata = metadata
        self.reports = reports
        self.extensions = extensions
    }
}

/// `sensorMetadata` (EPCIS 2.0 section 7.3.7.2). In XML these are attributes.
public struct SensorMetadata: Hashable, Sendable {
    public var time: EPCISDateTime?
    public var startTime: EPCISDateTime?
    public var endTime: EPCISDateTime?
    public var deviceID: IdentifierURI?
    public var deviceMetadata: IdentifierURI?
    public var rawData: IdentifierURI?
    public var dataProcessingMethod: IdentifierURI?
    public var bizRules: IdentifierURI?
    /// User extensions (XML: extension attributes).
    public var extensions: [ExtensionElement]

    /// Makes empty metadata; set the fields that apply.
    public init(extensions: [ExtensionElement] = []) {
        self.extensions = extensions
    }
}

/// One `sensorReport` (EPCIS 2.0 section 7.3.7.3). In XML these are attributes.
public struct SensorReport: Hashable, Sendable {
    /// The measurement type (`Temperature`, a GS1 Web Vocabulary term, or a user URI). Required unless
    /// `exception` is given.
    public var type: CBVValue?
    /// A sensor alert (`ALARM_CONDITION`, `ERROR_CONDITION`).
    public var exception: CBVValue?
    public var deviceID: IdentifierURI?
    public var deviceMetadata: IdentifierURI?
    public var rawData: IdentifierURI?
    public var dataProcessingMethod: IdentifierURI?
    public var bizRules: IdentifierURI?
    public var time: EPCISDateTime?
    public var microorganism: IdentifierURI?
    public var chemicalSubstance: IdentifierURI?
    public var coordinateReferenceSystem: IdentifierURI?
    public var value: Double?
    /// The component measured (`x`, `y`, `latitude`, … or a user URI).
    public var component: CBVValue?
    public var stringValue: String?
    public var booleanValue: Bool?
    /// Hex text as captured.
    public var hexBinaryValue: String?
    public var uriValue: IdentifierURI?
    public var minValue: Double?
    public var maxValue: Double?
    public var meanValue: Double?
    public var sDev: Double?
    public var percRank: Double?
    public var percValue: Double?
    /// The UN/ECE Recommendation 20 unit code, e.g. `CEL`.
    public var uom: String?
    /// User extensions (XML: extension attributes).
    public var extensions: [ExtensionElement]

    /// Makes an empty report; set the fields that apply.
    public init(type: CBVValue? = nil, extensions: [ExtensionElement] = []) {
        self.type = type
        self.extensions = extensions
    }
}
