import EPCIS
import Storage
import Testing

/// `CapturePlan` validates and hashes large documents on every core; what it decides must not depend on that.
@Suite struct CapturePlanTests {
    /// `count` commissioning events, each with its own SGTIN, one minute apart; `invalid` indices get an EPC that is
    /// no URI, `repeated` indices repeat the event before them.
    private func document(count: Int, invalid: Set<Int> = [], repeated: Set<Int> = []) -> EPCISDocument {
        var document = EPCISDocument()
        var previous: EPCISEvent?
        for i in 0..<count {
            if repeated.contains(i), let previous {
                document.events.append(previous)
                continue
            }
            let minute = i % 60
            let hour = i / 60 % 24
            let day = 1 + i / 1440
            let text = "2024-01-\(day < 10 ? "0" : "")\(day)T\(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute):00Z"
            var event = EPCISEvent(
                type: .objectEvent, eventTime: EPCISDateTime(text) ?? EPCISDateTime("2024-01-01T00:00:00Z")!,
                eventTimeZoneOffset: "+00:00")
            event.action = .observe
            event.epcList = [IdentifierURI(invalid.contains(i) ? "not a uri \(i)" : "urn:epc:id:sgtin:0614141.107346.\(i)")]
            document.events.append(event)
            previous = event
        }
        return document
    }

    @Test("a large document's plan keeps document order and every event's own hash")
    func largeDocumentKeepsOrderAndHashes() throws {
        // Given a document large enough to be split between cores
        let document = document(count: 5_001)
        // When it is planned
        let plan = try CapturePlan(document, context: CaptureContext())
        // Then every event is there, in order, with the hash the hasher gives it alone
        #expect(plan.events.count == 5_001)
        #expect(plan.events.map(\.hashID) == EventHasher.hashIDs(of: document))
        #expect(plan.events.map(\.event.epcList) == document.events.map(\.epcList))
    }

    @Test("invalid events in both halves are reported in document order, and proceed keeps the rest")
    func invalidEventsInBothHalves() throws {
        // Given invalid events near the start and the end of a large document
        let document = document(count: 4_000, invalid: [10, 3_990])
        // When it is planned with rollback, then nothing is planned and both problems are reported in order
        let error = #expect(throws: StorageError.self) { try CapturePlan(document, context: CaptureContext()) }
        let pointers = error?.diagnostics.map(\.location) ?? []
        #expect(pointers.count >= 2)
        #expect(pointers.first?.hasPrefix("/epcisBody/eventList/10/") == true)
        #expect(pointers.last?.hasPrefix("/epcisBody/eventList/3990/") == true)
        // When it is planned with proceed, then the other events are kept in order
        let plan = try CapturePlan(document, context: CaptureContext(errorBehaviour: .proceed))
        #expect(plan.events.count == 3_998)
        #expect(plan.rejected.map(\.location) == pointers)
    }

    @Test("a repeat in the second half of the event from the first half is a duplicate")
    func duplicateAcrossHalves() throws {
        // Given a large document whose last event repeats the one before it
        let document = document(count: 3_000, repeated: [2_999])
        // When it is planned with rollback, then the duplicate refuses it
        #expect(throws: StorageError.self) { try CapturePlan(document, context: CaptureContext()) }
        // When it is planned with proceed, then the repeat is left out and reported at its place
        let plan = try CapturePlan(document, context: CaptureContext(errorBehaviour: .proceed))
        #expect(plan.events.count == 2_999)
        #expect(plan.rejected.map(\.location) == ["/epcisBody/eventList/2999"])
    }

    @Test(
        "planned in batches of any size, a document gets the whole-document plan's events and problems",
        arguments: [1, 7, 500, 2_999])
    func batchesAgreeWithTheWholeDocument(batchSize: Int) throws {
        // Given a document with invalid events and a repeat, each in another part of it
        let document = document(count: 3_000, invalid: [3, 1_500], repeated: [2_001])
        let proceed = CaptureContext(errorBehaviour: .proceed)
        let whole = try CapturePlan(document, context: proceed)
        // When it is planned batch by batch
        var planner = CapturePlanner(document, context: proceed)
        var events: [StoredEvent] = []
        var records = 0
        while planner.hasMore {
            let batch = planner.planNext(batchSize, withRecords: true)
            events += batch.events
            records += batch.records.count
            #expect(!batch.refused)
        }
        // Then the events, their order and the problems are the whole plan's, and every event has its row
        #expect(events == whole.events)
        #expect(records == events.count)
        #expect(try planner.finish().map(\.location) == whole.rejected.map(\.location))
        // And with rollback the batches are refused from the first problem on, and finish() throws
        var strict = CapturePlanner(document, context: CaptureContext())
        var refusedFrom: Int?
        while strict.hasMore {
            let start = strict.next
            if strict.planNext(batchSize, withRecords: true).refused, refusedFrom == nil { refusedFrom = start }
        }
        #expect(refusedFrom == (3 / batchSize) * batchSize)
        #expect(throws: StorageError.self) { try strict.finish() }
    }
}
