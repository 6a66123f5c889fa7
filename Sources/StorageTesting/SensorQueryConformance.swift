public import EPCIS
public import Foundation
public import Storage
import Testing

/// GS1's sensor test requirement (TCR-53, Conformance Requirements/2 Test Case Requirements/TCR53_SensorElement.md)
/// run against a store, with GS1's own sensor examples (JSON/WithSensorData) as the captured sets, read in place.
///
/// Set 1 is thirteen examples that together carry every sensorElement attribute, user extensions at the element,
/// metadata and report levels, one event without sensor data (example 16) and Temperature readings in CEL
/// (examples 13 and 17 share an eventID, so 17, with its KGM masses, stands for both). Set 2 is examples 1 (the
/// inline attributes in sensorMetadata) and 4 (in each sensorReport), and 8, which has dataProcessingMethod in both
/// places. Each step checks the exact set of examples a query returns. Set 3 (step 29), one event with the inline
/// attributes in both places, is a validator warning, not a refusal (EPCISTests, docs/validation.md).
public struct SensorQueryConformance: Sendable {
    /// Makes an empty store for a scenario.
    public let makeStore: @Sendable () async throws -> any EventStore
    /// The folder of GS1's JSON sensor examples (`…/gs1-EPCIS/JSON/WithSensorData`).
    public let examples: URL

    /// Makes the suite.
    /// - Parameters:
    ///   - examples: the folder of GS1's JSON sensor examples.
    ///   - makeStore: makes an empty store for a scenario.
    public init(examples: URL, makeStore: @escaping @Sendable () async throws -> any EventStore) {
        self.examples = examples
        self.makeStore = makeStore
    }

    /// The examples of set 1, by the number in their file name.
    static let set1 = ["1", "2", "4", "5", "6", "7", "8", "9", "11", "12", "14", "16", "17"]
    /// The examples of set 2.
    static let set2 = ["1", "4", "8"]
    static let recordTime = "2026-03-01T12:00:00Z"
    /// `example` in examples 1-11 and 17 (`ex`); example 12 binds `example` to a namespace of its own.
    static let namespaces = ["example": "http://ns.example.com/epcis/", "example12": "https://ns.example.com/epcis"]

    /// A store holding the examples, and the ID each example's event was stored under.
    struct Captured {
        let store: any EventStore
        let ids: [String: String]

        /// Which examples' events a query returns (by example number), paging through every result.
        func run(_ parameters: [(String, String)]) async throws -> Set<String> {
            let query = try EPCISQuery(
                parameters: parameters.map { (name: $0.0, value: $0.1) }, namespaces: SensorQueryConformance.namespaces
            )
            var found: [String] = []
            var token: String?
            repeat {
                let page = try await store.events(matching: query, page: PageRequest(size: 5, token: token))
                found += page.events.map(\.id)
                token = page.nextPageToken
            } while token != nil
            let byID = Dictionary(ids.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
            return Set(found.map { byID[$0] ?? "unknown \($0)" })
        }
    }

    func capture(_ numbers: [String]) async throws -> Captured {
        let store = try await makeStore()
        let context = CaptureContext(recordTime: try #require(EPCISDateTime(Self.recordTime)))
        var ids: [String: String] = [:]
        for number in numbers {
            let url = examples.appendingPathComponent("SensorDataExample\(number).jsonld")
            let document = try JSONDocumentDecoder().decode(try Data(contentsOf: url))
            let receipt = try await store.capture(document, context: context)
            ids[number] = try #require(receipt.eventIDs.first)
        }
        return Captured(store: store, ids: ids)
    }

    /// Steps 1-11: capture, record time, EXISTS_sensorElement, times, type and the URI fields.
    public func set1Fields() async throws {
        // Step 1: capture set 1
        let set = try await capture(Self.set1)
        #expect(set.ids.count == Self.set1.count)
        let all = Set(Self.set1)
        // Step 2: one minute before capture
        #expect(try await set.run([("GE_recordTime", "2026-03-01T11:59:00Z")]) == all)
        // Step 3: every event but the one without sensor data
        #expect(try await set.run([("EXISTS_sensorElement", "")]) == all.subtracting(["16"]))
        #expect(try await set.run([("EXISTS_sensorElementList", "")]) == all.subtracting(["16"]))
        // Step 4: a time in [13:00Z, 13:30Z) on 2019-04-02: example 1 (metadata) and 5 (reports); 4 (13:55Z), 7
        // and 8 (July) lie outside
        #expect(
            try await set.run([("GE_time", "2019-04-02T13:00:00Z"), ("LT_time", "2019-04-02T13:30:00Z")]) == ["1", "5"])
        // Step 5: startTime and endTime
        #expect(
            try await set.run([("GE_startTime", "2019-04-02T00:00:00Z"), ("LT_startTime", "2019-04-03T00:00:00Z")])
                == ["2"])
        #expect(
            try await set.run([("GE_endTime", "2019-04-02T13:59:00Z"), ("LT_endTime", "2019-04-02T14:00:00Z")])
                == ["6", "8", "12"])
        // Step 6: type, in any spelling of the GS1 term
        let temperature: Set = ["1", "2", "4", "5", "6", "7", "8", "9", "12"]
        #expect(try await set.run([("EQ_type", "Temperature")]) == temperature)
        #expect(try await set.run([("EQ_type", "gs1:Temperature")]) == temperature)
        #expect(try await set.run([("EQ_type", "https://gs1.org/voc/Mass")]) == ["17"])
        // Step 7: deviceID in sensorMetadata (1, 2, 5, 8) or a sensorReport (4, 7, 8), as an EPC URN or a Digital Link
        let device: Set = ["1", "2", "4", "5", "7", "8"]
        #expect(try await set.run([("EQ_deviceID", "urn:epc:id:giai:4000001.111")]) == device)
        #expect(try await set.run([("EQ_deviceID", "https://id.gs1.org/8004/4000001111")]) == device)
        #expect(try await set.run([("EQ_deviceID", "urn:epc:id:giai:4000001.222")]) == ["4"])
        // Steps 8-11
        #expect(try await set.run([("EQ_dataProcessingMethod", "https://example.com/253/4012345000054987")]) == ["8"])
        #expect(try await set.run([("EQ_microorganism", "https://www.ncbi.nlm.nih.gov/taxonomy/1126011")]) == ["8"])
        let inchiKey = "https://identifiers.org/inchikey:CZMRCDWAGMRECN-UGDNZRGBSA-N"
        #expect(try await set.run([("EQ_chemicalSubstance", inchiKey)]) == ["8"])
        #expect(try await set.run([("EQ_bizRules", "https://example.com/253/4012345000054987")]) == ["2"])
        #expect(try await set.run([("EQ_bizRules", "https://example.org/253/4012345000054987")]) == ["8"])
    }

    /// Steps 12-15 and 23-26: values and statistics, compared in the parameter's unit with readings converted.
    public func set1Values() async throws {
        let set = try await capture(Self.set1)
        // Step 12: value
        #expect(try await set.run([("EQ_value_CEL", "26")]) == ["1", "4", "5", "7"])
        #expect(try await set.run([("EQ_value_CEL", "26.5|26.1")]) == ["1", "5"])
        #expect(try await set.run([("GE_value_CEL", "26.3")]) == ["5"])
        #expect(try await set.run([("LT_value_CEL", "26.05")]) == ["1", "4", "5", "7"])
        #expect(try await set.run([("EQ_value_KGM", "25")]) == ["17"])
        // Steps 13-15: minValue, maxValue, meanValue; humidity in A93 never answers a temperature bound
        #expect(try await set.run([("GE_minValue_CEL", "20")]) == ["2"])
        #expect(try await set.run([("LT_minValue_CEL", "20")]) == ["6", "8", "12"])
        #expect(try await set.run([("GE_maxValue_CEL", "26")]) == ["2"])
        #expect(try await set.run([("LT_maxValue_CEL", "14")]) == ["6", "8", "12"])
        #expect(try await set.run([("GE_meanValue_CEL", "20")]) == ["2"])
        #expect(try await set.run([("LT_meanValue_CEL", "20")]) == ["6", "8", "12"])
        // Step 23: sDev, as recorded or converted by the factor alone (0.41 CEL is 0.738 FAH, 0.1 CEL is 0.18 FAH)
        #expect(try await set.run([("GE_sDev", "0.4")]) == ["6", "8", "12"])
        #expect(try await set.run([("LT_sDev", "0.2")]) == ["2"])
        #expect(try await set.run([("GE_sDev_FAH", "0.7")]) == ["6", "8", "12"])
        #expect(try await set.run([("LT_sDev_FAH", "0.2")]) == ["2"])
        // Step 24: percRank
        #expect(try await set.run([("GE_percRank", "50")]) == ["6", "8", "12"])
        #expect(try await set.run([("LT_percRank", "50")]).isEmpty)
        // Step 25: percValue (12.7 CEL is 285.85 KEL)
        #expect(try await set.run([("GE_percValue", "12")]) == ["6", "8", "12"])
        #expect(try await set.run([("GE_percValue_KEL", "285.8"), ("LT_percValue_KEL", "285.9")]) == ["6", "8", "12"])
        // Step 26: a Temperature bound in KEL numerically higher than the CEL reading matches it (26 CEL = 299.15 KEL)
        #expect(try await set.run([("EQ_type", "gs1:Temperature"), ("GE_value_KEL", "299")]) == ["1", "4", "5", "7"])
        #expect(try await set.run([("EQ_type", "gs1:Temperature"), ("EQ_value_KEL", "299.15")]) == ["1", "4", "5", "7"])
        #expect(try await set.run([("EQ_type", "gs1:Temperature"), ("GE_value_KEL", "299.2")]) == ["1", "5"])
        #expect(try await set.run([("GE_value_FAH", "78.8")]) == ["1", "4", "5", "7"])
        #expect(try await set.run([("GT_value_FAH", "78.8")]) == ["1", "5"])
        // Mass and speed in other units: 26 KGM is 57.32 LBR, 1 KGM is 35.27 ONZ; 160 KMH is 44.44 MTS
        #expect(try await set.run([("GE_value_GRM", "25000")]) == ["17"])
        #expect(try await set.run([("GT_value_LBR", "57")]) == ["17"])
        #expect(try await set.run([("GT_value_LBR", "57.4")]).isEmpty)
        #expect(try await set.run([("LT_value_ONZ", "36")]) == ["17"])
        #expect(try await set.run([("EQ_value_TNE", "0.025")]) == ["17"])
        #expect(try await set.run([("GE_value_MTS", "44.4"), ("LT_value_MTS", "44.5")]) == ["1", "4"])
        // A unit of another dimension, or one without conversion, matches nothing in CEL
        #expect(try await set.run([("GE_value_KGM", "0")]) == ["17"])
        #expect(try await set.run([("GE_value_XYZ", "0")]).isEmpty)
    }

    /// Steps 16-22: the plain values and the user extensions at the three levels.
    public func set1PlainValuesAndExtensions() async throws {
        let set = try await capture(Self.set1)
        // Steps 16-19
        #expect(try await set.run([("EQ_stringValue", "someSensorOutput")]) == ["6", "8", "12"])
        #expect(try await set.run([("EQ_stringValue", "SomeString")]) == ["7"])
        #expect(try await set.run([("EQ_booleanValue", "true")]) == ["7", "9"])
        #expect(try await set.run([("EQ_booleanValue", "false")]).isEmpty)
        #expect(try await set.run([("EQ_hexBinaryValue", "F0F0F0")]) == ["7"])
        #expect(try await set.run([("EQ_hexBinaryValue", "f0f0f0")]) == ["7"])
        #expect(try await set.run([("EQ_uriValue", "https://example.org/example/someSectorSpecificValue")]) == ["7"])
        #expect(try await set.run([("EQ_uriValue", "https://example.com/ErrorCode-A827")]) == ["9"])
        // Step 20: sensorElement extensions
        #expect(try await set.run([("EQ_SENSORELEMENT_example12:someUserField", "abc123")]) == ["12"])
        #expect(try await set.run([("EXISTS_SENSORELEMENT_example:furtherSensorData", "")]) == ["6", "8"])
        #expect(try await set.run([("GT_INNER_SENSORELEMENT_example:measure1", "100")]) == ["6", "8"])
        #expect(try await set.run([("LE_INNER_SENSORELEMENT_example12:measure2", "1")]) == ["12"])
        // Step 21: sensorMetadata extensions
        #expect(try await set.run([("EQ_SENSORMETADATA_example:someFurtherMetaData", "someText")]) == ["6", "8"])
        #expect(try await set.run([("EQ_SENSORMETADATA_example12:someFurtherMetaData", "someText")]) == ["12"])
        // Step 22: sensorReport extensions
        #expect(try await set.run([("EQ_SENSORREPORT_example:cv", "123")]) == ["6", "8"])
        #expect(try await set.run([("GE_SENSORREPORT_example:cv", "100")]) == ["6", "8"])
        #expect(try await set.run([("LT_SENSORREPORT_example:cv", "100")]).isEmpty)
        #expect(try await set.run([("GT_SENSORREPORT_example12:cv", "122.5")]) == ["12"])
    }

    /// Steps 27-28: the inline attributes match whether they stand in sensorMetadata or in a sensorReport.
    public func set2InlineAttributes() async throws {
        // Step 27
        let set = try await capture(Self.set2)
        #expect(set.ids.count == 3)
        // Step 28: example 1 has them in sensorMetadata, example 4 in its reports, example 8 in both elements
        #expect(try await set.run([("EQ_rawData", "https://example.org/8004/401234599999")]) == ["1", "8"])
        #expect(try await set.run([("EQ_rawData", "https://example.org/8004/4000001222-20190402T150000000")]) == ["4"])
        #expect(try await set.run([("EQ_deviceMetadata", "https://id.gs1.org/8004/4000001222")]) == ["4"])
        #expect(try await set.run([("EQ_deviceMetadata", "urn:epc:id:giai:4000001.111")]) == ["1", "4", "8"])
        #expect(try await set.run([("EQ_deviceID", "urn:epc:id:giai:4000001.333")]) == ["4"])
        #expect(try await set.run([("EQ_time", "2019-04-02T14:05:00.000+01:00")]) == ["1"])
        #expect(try await set.run([("EQ_time", "2019-04-02T13:55:00Z")]) == ["1", "4"])
        #expect(try await set.run([("EQ_time", "2019-07-19T13:00:00Z")]) == ["8"])
        #expect(try await set.run([("EQ_dataProcessingMethod", "https://example.com/253/4012345000054987")]) == ["8"])
        #expect(try await set.run([("LE_time", "2019-04-02T13:05:00Z")]) == ["1"])
        #expect(try await set.run([("GT_time", "2019-04-02T13:55:00Z")]) == ["8"])
    }

    /// A cold-chain truck's readings written by hand (JSON): temperature in FAH and KEL, a tank's volume in US
    /// gallons and its pressure in psi. Queries in CEL, LTR, BAR and KPA find them converted, through the store's
    /// query path (SQL narrowing, then the matcher).
    public func handWrittenUnits() async throws {
        let store = try await makeStore()
        let document = try JSONDocumentDecoder().decode(Data(Self.truckReadings.utf8))
        let receipt = try await store.capture(document, context: CaptureContext())
        #expect(receipt.eventIDs.count == 3)
        let set = Captured(
            store: store,
            ids: ["fah": "https://events.example.cn/truck/fah", "kel": "https://events.example.cn/truck/kel",
                  "tank": "https://events.example.cn/truck/tank"])
        // 46.4 FAH is 8 CEL; 281.65 KEL is 8.5 CEL
        #expect(try await set.run([("EQ_type", "gs1:Temperature"), ("GT_value_CEL", "8")]) == ["kel"])
        #expect(try await set.run([("EQ_type", "gs1:Temperature"), ("GE_value_CEL", "8")]) == ["fah", "kel"])
        #expect(try await set.run([("LT_maxValue_CEL", "9"), ("GE_minValue_FAH", "40")]) == ["fah"])
        // 20 GLL is 75.7 LTR; 44 PS is 3.03 BAR (303.4 KPA)
        #expect(try await set.run([("GT_value_LTR", "75.7"), ("LT_value_MTQ", "0.0758")]) == ["tank"])
        #expect(try await set.run([("GT_value_BAR", "3"), ("LT_value_KPA", "303.5")]) == ["tank"])
        #expect(try await set.run([("GT_value_BAR", "3.1")]).isEmpty)
        #expect(try await set.run([("GT_value_KGM", "0")]).isEmpty)
    }

    static let truckReadings = #"""
        {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"gs1": "https://gs1.org/voc/"}],
         "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-06-01T12:00:00+08:00",
         "epcisBody": {"eventList": [
           {"type": "ObjectEvent", "eventTime": "2026-06-01T08:00:00+08:00", "eventTimeZoneOffset": "+08:00",
            "eventID": "https://events.example.cn/truck/fah", "action": "OBSERVE", "bizStep": "sensor_reporting",
            "epcList": ["urn:epc:id:sscc:6901234.0000000024"],
            "sensorElementList": [{"sensorMetadata": {"time": "2026-06-01T08:00:00+08:00"},
              "sensorReport": [{"type": "gs1:Temperature", "value": 46.4, "minValue": 41, "maxValue": 46.4,
                                "uom": "FAH"}]}]},
           {"type": "ObjectEvent", "eventTime": "2026-06-01T09:00:00+08:00", "eventTimeZoneOffset": "+08:00",
            "eventID": "https://events.example.cn/truck/kel", "action": "OBSERVE", "bizStep": "sensor_reporting",
            "epcList": ["urn:epc:id:sscc:6901234.0000000024"],
            "sensorElementList": [{"sensorMetadata": {"time": "2026-06-01T09:00:00+08:00"},
              "sensorReport": [{"type": "gs1:Temperature", "value": 281.65, "maxValue": 282.65, "minValue": 275,
                                "uom": "KEL"}]}]},
           {"type": "ObjectEvent", "eventTime": "2026-06-01T10:00:00+08:00", "eventTimeZoneOffset": "+08:00",
            "eventID": "https://events.example.cn/truck/tank", "action": "OBSERVE", "bizStep": "sensor_reporting",
            "epcList": ["urn:epc:id:giai:6901234.TANK9"],
            "sensorElementList": [{"sensorMetadata": {"time": "2026-06-01T10:00:00+08:00"},
              "sensorReport": [{"type": "gs1:Volume", "value": 20, "uom": "GLL"},
                               {"type": "gs1:AbsolutePressure", "value": 44, "uom": "PS"}]}]}
         ]}}
        """#
}
