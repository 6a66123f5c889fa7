import EPCIS
import Testing

/// Values that name nothing (issue 14, item 5) and extension event types (item 8).
@Suite struct QueryParameterValueTests {
    @Test(
        "an empty value, or separators only, is refused naming the parameter",
        arguments: [
            "eventType", "EQ_action", "EQ_readPoint", "WD_readPoint", "EQ_bizLocation", "EQ_eventID",
            "EQ_transformationID", "EQ_correctiveEventID", "EQ_bizTransaction_po", "EQ_source_owning_party",
            "EQ_destination_location", "MATCH_epc", "MATCH_anyEPCClass", "EQ_quantity", "EQ_deviceID",
            "HASATTR_bizLocation", "EQ_ATTR_bizLocation_cbvmda:city", "EQ_cbvmda:lotNumber", "EQ_bizStep",
            "orderBy",
        ])
    func refusesEmptyValues(name: String) {
        for value in ["", "|", "||"] {
            let error = #expect(throws: QueryParameterError.self, "\(name)=\(value)") {
                try EPCISQuery(parameters: [(name, value)])
            }
            #expect(error?.parameter == name)
            #expect(error?.message.contains("value") == true)
        }
    }

    @Test("EXISTS_ parameters take no value")
    func existsTakesNoValue() throws {
        let query = try EPCISQuery(parameters: [("EXISTS_errorDeclaration", ""), ("EXISTS_sensorElementList", "")])
        #expect(query.predicates == [.errorDeclarationExists, .sensorElementExists])
    }

    @Test("an extension event type is a URI: it adds no type to match; a name that is no URI is refused")
    func extensionEventTypes() throws {
        let alone = try EPCISQuery(parameters: [("eventType", "https://ns.example.com/epcis/TemperatureEvent")])
        #expect(alone.predicates == [.eventType([])])
        let beside = try EPCISQuery(parameters: [("eventType", "ObjectEvent|urn:example:event:custom")])
        #expect(beside.predicates == [.eventType([.objectEvent])])
        for bad in ["QuantityEvent", "ex:", ":x", "http://a b"] {
            #expect(throws: QueryParameterError.self, "\(bad)") {
                try EPCISQuery(parameters: [("eventType", bad)])
            }
        }
    }
}
