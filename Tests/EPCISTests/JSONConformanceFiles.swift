/// The JSON documents of the conformance set, sorted by what the decoder must do with them.
enum JSONConformanceFiles {
    /// Files the decoder must refuse, with a diagnostic that says why. The inventory lists the openepcis file as
    /// failing the JSON Schema. The JSON-simple-context files are a drafting-era rendering of the GS1 examples;
    /// python jsonschema passes some of them only because it does not check `format: uri`, which is how the
    /// schema's `propertyNames` lets namespaced extensions through. Read with that format enforced, the schema
    /// forbids these properties, so the decoder refuses them. (Their persistentDisposition on Aggregation,
    /// Association and Transaction events is not among the reasons: it is read, with a warning, as the XSD allows.)
    static let refused: [String: String] = [
        "openepcis-test-resources/2.0/EPCIS/JSON/Capture/Documents/SensorData_with_combined_events.json":
            "is missing the required property 'type'",
        "gs1-EPCIS/JSON-simple-context/Example-TransactionEvents-2020_07_03y.jsonld":
            "'sourceList' must be an array, not an object",
        "gs1-EPCIS/JSON-simple-context/PersistentDisposition-example.jsonld":
            "unknown property 'id' in an event",
        "gs1-EPCIS/JSON-simple-context/WithFullCombinationOfFields/aggregation_event_all_possible_fields.jsonld":
            "unknown property 'type' in a sensor element",
        "gs1-EPCIS/JSON-simple-context/WithFullCombinationOfFields/association_event_all_possible_fields.jsonld":
            "unknown property 'type' in a sensor element",
        "gs1-EPCIS/JSON-simple-context/WithFullCombinationOfFields/object_event_all_possible_fields.jsonld":
            "unknown property 'type' in a sensor element",
        "gs1-EPCIS/JSON-simple-context/WithFullCombinationOfFields/transaction_event_all_possible_fields.jsonld":
            "unknown property 'type' in a sensor element",
        "gs1-EPCIS/JSON-simple-context/WithFullCombinationOfFields/transformation_event_all_possible_fields.jsonld":
            "unknown property 'type' in a sensor element",
        "gs1-EPCIS/JSON-simple-context/WithSensorData/SensorDataExample12.jsonld":
            "is missing the required property 'schemaVersion'",
        "gs1-EPCIS/JSON-simple-context/WithSensorData/SensorDataExample14.jsonld":
            "unknown property 'type' in a sensor element",
        "gs1-EPCIS/JSON-simple-context/WithSensorData/SensorDataExample15.jsonld":
            "unknown property 'type' in a sensor element",
        "gs1-EPCIS/JSON-simple-context/WithSensorData/SensorDataExample17.jsonld":
            "'schemaVersion' must be a string, not a number",
    ]

    /// Every document and bare event in the JSON folders, except queries and the Invalid folders.
    static let all: [String] = {
        let folders = [
            "gs1-EPCIS/JSON", "gs1-EPCIS/JSON-simple-context",
            "openepcis-test-resources/2.0/EPCIS/JSON/Capture/Documents",
            "openepcis-test-resources/2.0/EPCIS/JSON/Capture/Events",
            "openepcis-test-resources/2.0/EPCIS/JSON/Query",
        ]
        return folders.flatMap { Conformance.files(under: $0, extensions: ["json", "jsonld"]) }
            .filter { !$0.contains("/Invalid/") && !$0.contains("/Queries/") }
    }()

    /// The documents that must decode.
    static let valid: [String] = all.filter { refused[$0] == nil }

    /// The documents that must be refused, with the reason.
    static let refusedFiles: [String] = refused.keys.sorted()
}
