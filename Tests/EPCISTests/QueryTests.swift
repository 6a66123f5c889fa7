import EPCIS
import Testing

/// Events for query tests, built in code so that each test states exactly what it matches.
private enum Sample {
    static func time(_ text: String) -> EPCISDateTime {
        guard let time = EPCISDateTime(text) else { preconditionFailure("bad test timestamp \(text)") }
        return time
    }

    static var shipping: EPCISEvent {
        var event = EPCISEvent(type: .objectEvent, eventTime: time("2026-03-01T10:00:00+08:00"), eventTimeZoneOffset: "+08:00")
        event.action = .observe
        event.bizStep = CBVValue("shipping", in: .bizStep)
        event.disposition = CBVValue("in_transit", in: .disposition)
        event.epcList = ["urn:epc:id:sgtin:0614141.107346.2017", "https://id.gs1.org/01/10614141073464/21/2018"]
        event.readPoint = LocationReference(id: "urn:epc:id:sgln:0614141.07346.1234")
        event.bizLocation = LocationReference(id: "urn:epc:id:sgln:0614141.07346.0")
        event.quantityList = [QuantityElement(epcClass: "urn:epc:class:lgtin:4012345.012345.998877", quantity: 200, uom: "KGM")]
        event.bizTransactionList = [BizTransaction(type: CBVValue("po", in: .bizTransactionType), id: "urn:epc:id:gdti:0614141.00001.1618034")]
        event.sourceList = [SourceDestination(type: CBVValue("owning_party", in: .sourceDestType)!, id: "urn:epc:id:pgln:0614141.00777")]
        event.extensions = [
            ExtensionElement(
                name: QualifiedName(namespace: "http://ns.example.com/epcis/", localName: "temperature", prefix: "example"),
                value: .number("4.5")),
            ExtensionElement(
                name: QualifiedName(namespace: "http://ns.example.com/epcis/", localName: "batch", prefix: "example"),
                value: .object([ExtensionElement(
                    name: QualifiedName(namespace: "http://ns.example.com/epcis/", localName: "line", prefix: "example"),
                    value: .string("L2"))])),
        ]
        event.eventID = "ni:///sha-256;aaa?ver=CBV2.0"
        return event
    }

    static var packing: EPCISEvent {
        var event = EPCISEvent(type: .aggregationEvent, eventTime: time("2026-03-01T08:00:00Z"), eventTimeZoneOffset: "+00:00")
        event.action = .add
        event.bizStep = CBVValue("packing", in: .bizStep)
        event.parentID = "urn:epc:id:sscc:0614141.1234567890"
        event.childEPCs = ["urn:epc:id:sgtin:0614141.107346.2017"]
        event.ilmd = [ExtensionElement(
            name: QualifiedName(namespace: "urn:epcglobal:cbv:mda:", localName: "lotNumber", prefix: "cbvmda"),
            value: .string("LOT-7"))]
        var report = SensorReport(type: CBVValue("Temperature", in: .measurementType))
        report.value = 3
        report.uom = "CEL"
        report.time = time("2026-03-01T07:55:00Z")
        event.sensorElementList = [SensorElement(reports: [report])]
        return event
    }
}

@Suite struct QueryParsingTests {
    @Test("CBV values in a query are read in any spelling")
    func vocabularySpellings() throws {
        let query = try EPCISQuery(parameters: [("EQ_bizStep", "shipping|urn:epcglobal:cbv:bizstep:receiving")])
        #expect(query.predicates == [.bizStep([
            "https://ref.gs1.org/cbv/BizStep-shipping", "https://ref.gs1.org/cbv/BizStep-receiving",
        ])])
    }

    @Test(
        "malformed parameters are refused with the parameter's name",
        arguments: [
            ("GE_eventTime", "yesterday"), ("EQ_action", "MOVE"), ("eventType", "QuantityEvent"),
            ("EQ_bizStep", "slaughtering"), ("MATCH_epc", "urn:epc:idpat:sgtin:0614141.*.2017"),
            ("EQ_example:field", "1"), ("FOO_bar", "1"), ("eventCountLimit", "-1"), ("GT_quantity", "many"),
        ]
    )
    func refusesBadParameters(name: String, value: String) {
        // When
        let error = #expect(throws: QueryParameterError.self) {
            try EPCISQuery(parameters: [(name, value)])
        }
        // Then
        #expect(error?.parameter == name)
        #expect(error?.code == .queryParameter)
    }

    @Test("eventCountLimit needs orderBy, and excludes maxEventCount")
    func limitRules() {
        #expect(throws: QueryParameterError.self) { try EPCISQuery(parameters: [("eventCountLimit", "1")]) }
        #expect(throws: QueryParameterError.self) {
            try EPCISQuery(parameters: [("orderBy", "eventTime"), ("eventCountLimit", "1"), ("maxEventCount", "5")])
        }
    }

    @Test("extension, ILMD, sensor and typed parameters are recognised")
    func patternedParameters() throws {
        let query = try EPCISQuery(
            parameters: [
                ("EQ_ILMD_cbvmda:lotNumber", "LOT-7"), ("GE_example:temperature", "4"),
                ("EXISTS_INNER_example:line", ""), ("GT_value_CEL", "2.5"), ("EQ_bizTransaction_po", "urn:x:1"),
                ("LT_quantity_KGM", "500"),
            ],
            namespaces: ["example": "http://ns.example.com/epcis/"])
        #expect(query.predicates.count == 6)
        #expect(query.predicates[3] == .sensorValue(.value, .greater, [2.5], uom: "CEL"))
        #expect(query.predicates[5] == .quantity(.less, [500], uom: "KGM"))
    }
}

@Suite struct EventMatcherTests {
    let events = [Sample.shipping, Sample.packing]
    let matcher = EventMatcher()

    func run(_ parameters: [(String, String)]) throws -> [EventType] {
        let query = try EPCISQuery(parameters: parameters, namespaces: ["example": "http://ns.example.com/epcis/"])
        return try matcher.apply(query, to: events).map(\.type)
    }

    @Test("MATCH_epc finds an item by its URN and by its Digital Link")
    func identifierSpellings() throws {
        #expect(try run([("MATCH_epc", "https://id.gs1.org/01/10614141073464/21/2017")]) == [.objectEvent, .aggregationEvent])
        #expect(try run([("MATCH_epc", "urn:epc:id:sgtin:0614141.107346.2018")]) == [.objectEvent])
    }

    @Test("EPC patterns match every serial of a GTIN, or every GTIN of a company")
    func patterns() throws {
        #expect(try run([("MATCH_epc", "urn:epc:idpat:sgtin:0614141.107346.*")]).count == 2)
        #expect(try run([("MATCH_parentID", "urn:epc:idpat:sscc:0614141.*")]) == [.aggregationEvent])
        #expect(try run([("MATCH_epc", "urn:epc:idpat:sgtin:0614142.*.*")]).isEmpty)
        #expect(try run([("MATCH_epcClass", "urn:epc:idpat:sgtin:4012345.012345.*")]) == [.objectEvent])
    }

    @Test("times, actions, CBV values, locations and transactions filter events")
    func standardFields() throws {
        #expect(try run([("GE_eventTime", "2026-03-01T02:00:00Z")]) == [.objectEvent, .aggregationEvent])
        #expect(try run([("LT_eventTime", "2026-03-01T02:30:00Z")]) == [.objectEvent])
        #expect(try run([("EQ_action", "ADD")]) == [.aggregationEvent])
        #expect(try run([("EQ_disposition", "in_transit")]) == [.objectEvent])
        #expect(try run([("EQ_bizLocation", "https://id.gs1.org/414/0614141073467")]) == [.objectEvent])
        #expect(try run([("EQ_bizTransaction_po", "urn:epc:id:gdti:0614141.00001.1618034")]) == [.objectEvent])
        #expect(try run([("EQ_source_owning_party", "urn:epc:id:pgln:0614141.00777")]) == [.objectEvent])
        #expect(try run([("EQ_source_possessing_party", "urn:epc:id:pgln:0614141.00777")]).isEmpty)
    }

    @Test("extension, ILMD, quantity and sensor parameters compare by type")
    func typedFields() throws {
        #expect(try run([("GT_example:temperature", "4")]) == [.objectEvent])
        #expect(try run([("GT_example:temperature", "5")]).isEmpty)
        #expect(try run([("EQ_INNER_example:line", "L2")]) == [.objectEvent])
        #expect(try run([("EQ_example:line", "L2")]).isEmpty)
        #expect(try run([("EQ_ILMD_cbvmda:lotNumber", "LOT-7")]) == [.aggregationEvent])
        #expect(try run([("GE_quantity_KGM", "200")]) == [.objectEvent])
        #expect(try run([("GT_quantity", "200")]).isEmpty)
        #expect(try run([("EQ_type", "Temperature"), ("LT_value_CEL", "4")]) == [.aggregationEvent])
        #expect(try run([("GE_time", "2026-03-01T07:56:00Z")]).isEmpty)
    }

    @Test("orderBy and eventCountLimit select the latest event; maxEventCount refuses too many")
    func orderingAndLimits() throws {
        #expect(try run([("orderBy", "eventTime"), ("eventCountLimit", "1")]) == [.aggregationEvent])
        #expect(try run([("orderBy", "eventTime"), ("orderDirection", "ASC")]) == [.objectEvent, .aggregationEvent])
        let error = #expect(throws: QueryParameterError.self) { try run([("maxEventCount", "1")]) }
        #expect(error?.code == .queryTooLarge)
    }

    @Test("WD_bizLocation follows the location hierarchy of master data")
    func withDescendants() throws {
        // Given a site whose child is the event's business location
        let site = VocabularyElement(
            id: "urn:epc:id:sgln:0614141.00001.0", children: ["urn:epc:id:sgln:0614141.07346.0"])
        let matcher = EventMatcher(masterData: InMemoryMasterData([
            Vocabulary(type: "urn:epcglobal:epcis:vtype:BusinessLocation", elements: [site]),
        ]))
        // When
        let query = try EPCISQuery(parameters: [("WD_bizLocation", "urn:epc:id:sgln:0614141.00001.0")])
        // Then
        #expect(try matcher.apply(query, to: events).map(\.type) == [.objectEvent])
        let exact = try EPCISQuery(parameters: [("EQ_bizLocation", "urn:epc:id:sgln:0614141.00001.0")])
        #expect(try matcher.apply(exact, to: events).isEmpty)
    }
}
