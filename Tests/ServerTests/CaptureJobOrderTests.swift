import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The capture service plans the next job while the current one is written. What a client sees must not change:
/// jobs are stored in the order they were accepted, one transaction each, and a job refused by the writer (its
/// events already stored by the job before it) ends as failed without holding up the one after it.
@Suite("Capture jobs in order")
struct CaptureJobOrderTests {
    /// A hand-written document of one event, its fields in another order than ours, with Chinese in an extension.
    static func document(serial: Int, step: String) -> String {
        """
        {"epcisBody": {"eventList": [{"eventTimeZoneOffset": "+08:00", "bizStep": "\(step)",
          "epcList": ["urn:epc:id:sgtin:6901234.012345.\(serial)"], "action": "OBSERVE",
          "eventTime": "2026-05-0\(serial % 9 + 1)T09:00:00+08:00", "type": "ObjectEvent",
          "example:note": "批次 \(serial)"}]},
         "@context": ["https://ref.gs1.org/standards/epcis/epcis-context.jsonld", {"example": "https://example.cn/epcis/"}],
         "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-05-01T09:00:00+08:00"}
        """
    }

    @Test("three jobs posted back to back: stored in order; the middle one, a repeat of the first, fails alone")
    func jobsRunInOrder() async throws {
        let server = try await TestServer.make()
        let first = Self.document(serial: 1, step: "receiving")
        let third = Self.document(serial: 3, step: "shipping")
        try await server.app.test(.router) { client in
            // Given three documents posted without waiting: the second repeats the first event for event
            var locations: [String] = []
            for body in [first, first, third] {
                let accepted = try await client.send(.post, "/capture", key: server.admin, body: body)
                #expect(accepted.status == .accepted)
                locations.append(try #require(accepted.headers[.location]))
            }
            // When every job has ended
            var jobs: [[String: Any]] = []
            for location in locations {
                let ended = try await eventually {
                    try await client.send(.get, location, key: server.admin).json()["running"] as? Bool == false
                }
                #expect(ended)
                jobs.append(try await client.send(.get, location, key: server.admin).json())
            }
            // Then the first and third succeeded, and the second was refused as a repeat of the first: it was
            // written only after the first was stored
            #expect(jobs[0]["success"] as? Bool == true)
            #expect(jobs[0]["capturedEventCount"] as? Int == 1)
            #expect(jobs[1]["success"] as? Bool == false)
            let errors = jobs[1]["errors"] as? [[String: Any]] ?? []
            #expect(errors.contains { ($0["detail"] as? String)?.contains("already stored") == true }, "\(jobs[1])")
            #expect(jobs[2]["success"] as? Bool == true)
            // And the store holds the two events once each
            let found = try await client.send(.get, "/events?perPage=10", key: server.regulator)
            let results = (try found.json()["epcisBody"] as? [String: Any])?["queryResults"] as? [String: Any]
            let events = (results?["resultsBody"] as? [String: Any])?["eventList"] as? [[String: Any]] ?? []
            #expect(events.count == 2)
            #expect(Set(events.compactMap { $0["bizStep"] as? String }) == ["receiving", "shipping"])
        }
    }
}
