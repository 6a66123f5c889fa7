import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 14, item 5: an empty parameter value is bad input, answered with a 400 that names the parameter, never a
/// 500 from the store.
@Suite("Empty query parameter values")
struct EmptyParameterTests {
    @Test(
        "an empty value on GET /events is a 400 QueryParameterException naming the parameter",
        arguments: [
            "EQ_action", "eventType", "EQ_readPoint", "WD_bizLocation", "EQ_eventID", "EQ_bizTransaction_po",
            "EQ_source_owning_party", "EQ_transformationID", "MATCH_epc", "EQ_bizStep", "EQ_correctiveEventID",
        ])
    func emptyValueOnEvents(name: String) async throws {
        // Given a server with one event
        let server = try await TestServer.make()
        try await server.app.test(.router) { client in
            let event = """
                {"type":"ObjectEvent","eventTime":"2026-03-01T10:00:00Z","eventTimeZoneOffset":"+00:00",
                 "epcList":["urn:epc:id:sgtin:0614141.107346.5"],"action":"OBSERVE","bizStep":"inspecting"}
                """
            #expect(try await client.send(.post, "/events", key: server.admin, body: event).status == .created)
            // When a parameter is given with nothing after '=' (or with separators only)
            for value in ["", "%7C"] {
                let response = try await client.send(.get, "/events?\(name)=\(value)", key: server.regulator)
                // Then it is refused, naming the parameter and the rule
                #expect(response.status == .badRequest, "\(name)=\(value): \(response.text)")
                let problem = try response.json()
                #expect(problem["type"] as? String == "epcisException:QueryParameterException")
                let detail = problem["detail"] as? String ?? ""
                #expect(detail.contains(name) && detail.contains("value"), "\(detail)")
            }
        }
    }

    @Test("a stored query with an empty list is refused (400, naming the parameter) and not stored")
    func emptyListInStoredQuery() async throws {
        let server = try await TestServer.make()
        try await server.app.test(.router) { client in
            // When a query is created with an empty list
            let body = #"{"name":"nothing","query":{"EQ_bizStep":["shipping"],"EQ_action":[]}}"#
            let response = try await client.send(.post, "/queries", key: server.admin, body: body)
            // Then it is a 400 that names EQ_action
            #expect(response.status == .badRequest, "\(response.text)")
            let problem = try response.json()
            #expect(problem["type"] as? String == "epcisException:QueryParameterException")
            #expect((problem["detail"] as? String ?? "").contains("EQ_action"))
            // And nothing was stored
            #expect(try await client.send(.get, "/queries/nothing", key: server.admin).status == .notFound)
        }
    }
}
