import EPCIS
import Storage
import StoragePostgres
import Testing

/// Capture behaviour beyond the conformance scenarios: concurrent duplicates and large documents.
@Suite(.enabled(if: PostgresTestDatabase.isConfigured, "needs POSTGRES_HOSTNAME (scripts/test starts one)"))
struct PostgresCaptureTests {
    @Test("two concurrent captures of one document store it once; the other is refused as a duplicate")
    func concurrentDuplicates() async throws {
        try await PostgresTestDatabase.withFreshStore { store in
            // Given one document sent twice at the same time
            let document = PostgresFixtures.document
            // When
            let outcomes = await withTaskGroup(of: Result<Int, StorageError>.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        do throws(StorageError) {
                            return .success(
                                try await store.capture(document, context: PostgresFixtures.context).eventIDs.count)
                        } catch {
                            return .failure(error)
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            // Then exactly one stored every event (the unique indexes decide a race the look-ups cannot see)
            let stored = outcomes.compactMap { try? $0.get() }
            let refused = outcomes.compactMap { outcome -> StorageError? in
                if case .failure(let error) = outcome { return error }
                return nil
            }
            #expect(stored == [PostgresFixtures.story.count])
            #expect(refused.map(\.code) == [.duplicateEvent])
            #expect(refused.first?.message.contains("PSQL") == false)
            let all = try await store.events(matching: EPCISQuery(), page: PageRequest(size: 1000)).events
            #expect(all.count == PostgresFixtures.story.count)
        }
    }

    @Test("a document larger than one insert batch keeps its order and every identifier")
    func largeDocument() async throws {
        try await PostgresTestDatabase.withFreshStore { store in
            // Given 6,000 events, more than one batch of 5,000
            let events = (0..<6_000).map { LargeDocumentEvents.shipping(serial: $0) }
            let document = EPCISDocument(events: events)
            // When
            let receipt = try await store.capture(document, context: PostgresFixtures.context)
            // Then the events come back in document order, and the last one is found by its identifier
            var ids: [String] = []
            var token: String?
            repeat {
                let page = try await store.events(
                    matching: EPCISQuery(), page: PageRequest(size: PageRequest.maximumSize, token: token))
                ids += page.events.map(\.id)
                token = page.nextPageToken
            } while token != nil
            #expect(ids == receipt.eventIDs)
            let query = try EPCISQuery(parameters: [("MATCH_epc", "urn:epc:id:sgtin:0614141.107346.5999")])
            let found = try await store.events(matching: query, page: PageRequest())
            #expect(found.events.map(\.id) == [receipt.eventIDs[5_999]])
        }
    }
}

/// Valid shipping events with distinct serials.
enum LargeDocumentEvents {
    static func shipping(serial: Int) -> EPCISEvent {
        var event = EPCISEvent(
            type: .objectEvent, eventTime: PostgresFixtures.time("2026-03-01T10:00:00+08:00"),
            eventTimeZoneOffset: "+08:00")
        event.action = .observe
        event.bizStep = CBVValue("shipping", in: .bizStep)
        event.epcList = [IdentifierURI("urn:epc:id:sgtin:0614141.107346.\(serial)")]
        return event
    }
}
