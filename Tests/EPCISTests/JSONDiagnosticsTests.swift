import EPCIS
import Foundation
import Testing

@Suite struct JSONDiagnosticsTests {
    @Test("every schema problem of a document is reported in one pass, each with its JSON pointer")
    func reportsAllProblems() throws {
        // Given a document with problems in two events
        let text = JSONTestDocuments.document("""
            {"type": "ObjectEvent", "eventTime": "2026-11-21T08:00:00Z", "eventTimeZoneOffset": "+8:00",
             "epcList": ["urn:epc:id:sgtin:0614141.107346.2017", "not a uri"], "bizStep": "shiping",
             "quantityList": [{"quantity": 5, "uom": "kg"}], "madeUpField": 1},
            {"type": "AggregationEvent", "eventTime": 12, "eventTimeZoneOffset": "+00:00", "action": "CREATE",
             "parentID": "urn:epc:id:sscc:0614141.1234567890", "childEPCs": ["urn:epc:id:sgtin:0614141.107346.1"],
             "epcList": [], "ilmd": {}}
            """)
        // When it is decoded
        let error = try #require(JSONTestDocuments.refusal(text))
        // Then every problem is there, at its place
        let expected: [(String, String)] = [
            ("/epcisBody/eventList/0/eventTimeZoneOffset", "±hh:mm"),
            ("/epcisBody/eventList/0/epcList/1", "absolute URIs"),
            ("/epcisBody/eventList/0/bizStep", "'shiping' is neither a standard CBV bizStep term"),
            ("/epcisBody/eventList/0/quantityList/0", "missing the required property 'epcClass'"),
            ("/epcisBody/eventList/0/quantityList/0/uom", "UN/ECE"),
            ("/epcisBody/eventList/0/madeUpField", "unknown property 'madeUpField'"),
            ("/epcisBody/eventList/0", "missing the required property 'action'"),
            ("/epcisBody/eventList/1/eventTime", "must be a string, not a number"),
            ("/epcisBody/eventList/1/action", "not 'CREATE'"),
            ("/epcisBody/eventList/1/epcList", "'epcList' is not allowed in an AggregationEvent"),
            ("/epcisBody/eventList/1/ilmd", "'ilmd' is not allowed in an AggregationEvent"),
        ]
        #expect(error.code == .invalid)
        for (pointer, fragment) in expected {
            #expect(
                error.diagnostics.contains { $0.location == pointer && $0.message.contains(fragment) },
                "missing \(pointer): \(fragment)\n\(error)")
        }
        #expect(error.diagnostics.count == expected.count, "\(error)")
    }

    @Test("a document missing its required members is refused naming each")
    func missingDocumentMembers() throws {
        // Given a document with no schemaVersion, creationDate or @context
        let text = #"{"type": "EPCISDocument", "epcisBody": {"eventList": []}}"#
        // When it is decoded
        let error = try #require(JSONTestDocuments.refusal(text))
        // Then each is named
        for member in ["@context", "schemaVersion", "creationDate"] {
            #expect(error.diagnostics.contains { $0.location == "/" && $0.message.contains("'\(member)'") })
        }
    }

    @Test("the per-type 'what' rules of the schema are checked")
    func whatRules() throws {
        // Given events that name nothing
        let text = JSONTestDocuments.document("""
            {"type": "ObjectEvent", "eventTime": "2026-11-21T08:00:00Z", "eventTimeZoneOffset": "+00:00", "action": "ADD"},
            {"type": "TransformationEvent", "eventTime": "2026-11-21T08:00:00Z", "eventTimeZoneOffset": "+00:00",
             "inputEPCList": ["urn:epc:id:sgtin:0614141.107346.1"]},
            {"type": "TransactionEvent", "eventTime": "2026-11-21T08:00:00Z", "eventTimeZoneOffset": "+00:00",
             "action": "ADD", "epcList": [], "bizTransactionList": []},
            {"type": "AssociationEvent", "eventTime": "2026-11-21T08:00:00Z", "eventTimeZoneOffset": "+00:00",
             "action": "DELETE"}
            """)
        // When it is decoded
        let error = try #require(JSONTestDocuments.refusal(text))
        // Then each rule is reported at its event
        #expect(error.diagnostics.contains { $0.location == "/epcisBody/eventList/0" && $0.message.contains("needs 'epcList'") })
        #expect(error.diagnostics.contains { $0.location == "/epcisBody/eventList/1" && $0.message.contains("inputs and outputs") })
        #expect(error.diagnostics.contains { $0.location == "/epcisBody/eventList/2/bizTransactionList" })
        #expect(error.diagnostics.contains { $0.location == "/epcisBody/eventList/3" && $0.message.contains("'parentID'") })
    }

    @Test("CBV URNs and GS1 web URIs of standard terms are refused in JSON, bare words and other URIs pass")
    func cbvSpellings() throws {
        // Given a bizStep written as a URN, a disposition as a user URI
        let text = JSONTestDocuments.document(JSONTestDocuments.objectEvent.replacingOccurrences(
            of: "\"shipping\"", with: "\"urn:epcglobal:cbv:bizstep:shipping\", \"disposition\": \"https://example.com/disp/x\""))
        // When it is decoded
        let error = try #require(JSONTestDocuments.refusal(text))
        // Then only the URN is refused
        #expect(error.diagnostics.count == 1)
        #expect(error.diagnostics.first?.location == "/epcisBody/eventList/0/bizStep")
    }

    @Test("malformed JSON is refused with its line and column")
    func malformed() throws {
        // Given JSON with a typo on line 3
        let text = "{\n  \"type\": \"EPCISDocument\",\n  \"x\": tru\n}"
        // When it is decoded
        let error = try #require(JSONTestDocuments.refusal(text))
        // Then it is malformed, at line 3
        #expect(error.code == .malformed)
        #expect(error.diagnostics.first?.location.hasPrefix("line 3, column") == true, "\(error)")
    }

    @Test("an event that is not an object, and a top level that is not an object, are reported")
    func wrongShapes() throws {
        #expect(JSONTestDocuments.refusal(JSONTestDocuments.document("42"))?.diagnostics.first?.location
            == "/epcisBody/eventList/0")
        #expect(JSONTestDocuments.refusal("[]")?.diagnostics.first?.location == "/")
    }

    @Test("JSON pointers escape '/' and '~' in member names")
    func pointerEscaping() throws {
        // Given an unknown member whose full IRI names no declared prefix but has a bad value location
        let text = JSONTestDocuments.document(JSONTestDocuments.objectEvent.replacingOccurrences(
            of: "\"action\"", with: "\"a/b~c\": 1, \"action\""))
        let error = try #require(JSONTestDocuments.refusal(text))
        #expect(error.diagnostics.contains { $0.location == "/epcisBody/eventList/0/a~1b~0c" }, "\(error)")
    }
}
