/// Namespaces and element orders of EPCIS XML (gs1-EPCIS/XSD/EPCglobal-epcis-2_0.xsd and its 1.2 predecessor).
enum XMLNames {
    static let epcis2 = "urn:epcglobal:epcis:xsd:2"
    static let epcis1 = "urn:epcglobal:epcis:xsd:1"
    static let query2 = "urn:epcglobal:epcis-query:xsd:2"
    static let query1 = "urn:epcglobal:epcis-query:xsd:1"
    static let masterData2 = "urn:epcglobal:epcis-masterdata:xsd:2"
    static let masterData1 = "urn:epcglobal:epcis-masterdata:xsd:1"
    static let sbdh = "http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader"
    static let xsi = "http://www.w3.org/2001/XMLSchema-instance"
    static let xsd = "http://www.w3.org/2001/XMLSchema"
    static let xmlns = "http://www.w3.org/2000/xmlns/"

    /// The EPCIS namespaces in which standard elements are defined; user extensions may not use them.
    static let epcisNamespaces: Set<String> = [epcis2, epcis1, query2, query1, masterData2, masterData1]

    /// Namespaces the writer declares itself, so they are not user namespaces of a document.
    static let standardNamespaces: Set<String> = epcisNamespaces.union([xsi, xsd, sbdh])

    /// The elements every event starts with (EPCISEventType), in schema order.
    static let baseSequence = [
        "eventTime", "recordTime", "eventTimeZoneOffset", "eventID", "errorDeclaration", "certificationInfo",
        "baseExtension",
    ]

    /// The EPCIS 2.0 schema order of the standard elements of each event type, after the base elements.
    static func typeSequence(_ type: EventType) -> [String] {
        switch type {
        case .objectEvent:
            [
                "epcList", "action", "bizStep", "disposition", "readPoint", "bizLocation", "bizTransactionList",
                "quantityList", "sourceList", "destinationList", "sensorElementList", "persistentDisposition", "ilmd",
                "extension",
            ]
        case .aggregationEvent:
            [
                "parentID", "childEPCs", "action", "bizStep", "disposition", "readPoint", "bizLocation",
                "bizTransactionList", "childQuantityList", "sourceList", "destinationList", "sensorElementList",
                "persistentDisposition", "extension",
            ]
        case .transactionEvent:
            [
                "bizTransactionList", "parentID", "epcList", "action", "bizStep", "disposition", "readPoint",
                "bizLocation", "quantityList", "sourceList", "destinationList", "sensorElementList",
                "persistentDisposition", "extension",
            ]
        case .transformationEvent:
            [
                "inputEPCList", "inputQuantityList", "outputEPCList", "outputQuantityList", "transformationID",
                "bizStep", "disposition", "readPoint", "bizLocation", "bizTransactionList", "sourceList",
                "destinationList", "sensorElementList", "persistentDisposition", "ilmd", "extension",
            ]
        case .associationEvent:
            [
                "parentID", "childEPCs", "childQuantityList", "action", "bizStep", "disposition", "readPoint",
                "bizLocation", "bizTransactionList", "sourceList", "destinationList", "sensorElementList",
                "persistentDisposition", "extension",
            ]
        }
    }

    /// The full 2.0 sequence of an event type.
    static func sequence(_ type: EventType) -> [String] { baseSequence + typeSequence(type) }
}
