public import EPCIS
import Foundation
public import Storage
import Testing

/// The scenarios every ``EventStore`` backend must pass, written once (ARCHITECTURE.md: StorageTesting).
///
/// A backend's test target makes a `StorageConformance` with a factory of empty stores and calls each scenario
/// from its own `@Test` functions, so that a failure names the backend and the scenario.
public struct StorageConformance: Sendable {
    /// Makes an empty store.
    public let makeStore: @Sendable () async throws -> any EventStore

    /// - Parameter makeStore: a factory of empty stores of the backend under test.
    public init(makeStore: @escaping @Sendable () async throws -> any EventStore) {
        self.makeStore = makeStore
    }

    /// Capture stores every event of a document with its event hash and record time, and they can be read back
    /// by ID.
    public func captureStoresEveryEvent() async throws {
        // Given
        let store = try await makeStore()
        let document = Self.document(events: [Self.shipping(serial: "1"), Self.shipping(serial: "2")])
        // When
        let receipt = try await store.capture(document, context: Self.context)
        // Then
        #expect(receipt.eventIDs.count == 2)
        #expect(receipt.eventIDs.allSatisfy { $0.hasPrefix("ni:///sha-256;") })
        let stored = try await store.events(withID: receipt.eventIDs[0])
        #expect(stored.count == 1)
        #expect(stored.first?.event.recordTime == Self.context.recordTime)
        #expect(stored.first?.event.epcList == document.events[0].epcList)
    }

    /// A document with one invalid event stores nothing and names the problem's place.
    public func invalidDocumentStoresNothing() async throws {
        // Given a valid event and one with a GTIN whose check digit is wrong
        let store = try await makeStore()
        var bad = Self.shipping(serial: "3")
        bad.epcList = ["https://id.gs1.org/01/09506000134353/21/1"]
        // When
        let error = await #expect(throws: StorageError.self) {
            try await store.capture(Self.document(events: [Self.shipping(serial: "4"), bad]), context: Self.context)
        }
        // Then
        #expect(error?.code == .invalidDocument)
        #expect(error?.diagnostics.contains { $0.location.hasPrefix("/epcisBody/eventList/1") } == true)
        let page = try await store.events(matching: EPCISQuery(), page: PageRequest())
        #expect(page.events.isEmpty)
    }

    /// A re-sent document is refused as a duplicate and nothing is stored twice.
    public func resentDocumentIsRefused() async throws {
        // Given
        let store = try await makeStore()
        let document = Self.document(events: [Self.shipping(serial: "5")])
        _ = try await store.capture(document, context: Self.context)
        // When
        let error = await #expect(throws: StorageError.self) {
            try await store.capture(document, context: Self.context)
        }
        // Then
        #expect(error?.code == .duplicateEvent)
        let page = try await store.events(matching: EPCISQuery(), page: PageRequest())
        #expect(page.events.count == 1)
        // and the refusal says by which rule: an event without an eventID is known by its hash alone
        #expect(error?.diagnostics.map(\.message) == [
            "already stored: an event with the same event hash (the same what, when, where and why)",
        ])
    }

    /// The same what, when, where and why under a new eventID is the same event (CBV 2.0's event hash): it is
    /// refused, and the refusal names the eventID and the hash it met.
    public func sameEventUnderAnotherIDIsRefused() async throws {
        // Given an event stored with one eventID
        let store = try await makeStore()
        var first = Self.shipping(serial: "same-1")
        first.eventID = "urn:uuid:1c0b7a52-8e3f-4d21-9a6b-5f4e3d2c1b0a"
        _ = try await store.capture(Self.document(events: [first]), context: Self.context)
        // When the same event is sent with another eventID
        var again = first
        again.eventID = "urn:uuid:2d1c8b63-9f40-4e32-8b7c-6a5f4e3d2c1b"
        let error = await #expect(throws: StorageError.self) {
            try await store.capture(Self.document(events: [again]), context: Self.context)
        }
        // Then it is refused, nothing more is stored, and the diagnostic names the ID and the event hash
        #expect(error?.code == .duplicateEvent)
        #expect(try await Self.storedCount(store) == 1)
        let diagnostic = try #require(error?.diagnostics.first)
        #expect(diagnostic.location == again.eventID)
        #expect(diagnostic.message.hasPrefix(
            "already stored: an event with this eventID, or with the same event hash ni:///sha-256;"))
    }

    /// With `proceed`, the new events of a partly re-sent document are stored and the duplicates reported.
    public func proceedStoresTheRest() async throws {
        // Given
        let store = try await makeStore()
        _ = try await store.capture(Self.document(events: [Self.shipping(serial: "6")]), context: Self.context)
        var context = Self.context
        context.errorBehaviour = .proceed
        // When
        let receipt = try await store.capture(
            Self.document(events: [Self.shipping(serial: "6"), Self.shipping(serial: "7")]), context: context)
        // Then
        #expect(receipt.eventIDs.count == 1)
        #expect(receipt.rejected.count == 1)
    }

    /// An error declaration carries the eventID of the event it corrects, and is stored beside it.
    public func errorDeclarationKeepsTheEventID() async throws {
        // Given an event captured with a supplied eventID
        let store = try await makeStore()
        var original = Self.shipping(serial: "8")
        original.eventID = "urn:uuid:5a2e1b32-6c1f-4a2b-9d7e-0c1d2e3f4a5b"
        _ = try await store.capture(Self.document(events: [original]), context: Self.context)
        // When its error declaration arrives with the same eventID
        var declaration = original
        declaration.errorDeclaration = ErrorDeclaration(
            declarationTime: Self.time("2026-03-02T09:00:00Z"), reason: CBVValue("did_not_occur", in: .errorReason))
        _ = try await store.capture(Self.document(events: [declaration]), context: Self.context)
        // Then both are kept under that ID, and a plain re-send of the original is still refused
        #expect(try await store.events(withID: original.eventID ?? "").count == 2)
        await #expect(throws: StorageError.self) {
            var again = original
            again.bizStep = CBVValue("receiving", in: .bizStep)
            try await store.capture(Self.document(events: [again]), context: Self.context)
        }
    }

    /// A document larger than a capture batch (``CapturePipeline/batchSize``) is stored all or nothing too: a
    /// stored duplicate or an invalid event in its last batch refuses it after the earlier batches were written,
    /// and none of them stays; with `proceed` every other event is stored, in document order.
    public func largeDocumentIsAllOrNothing() async throws {
        // Given a stored event, and a document of more than two batches that ends with it
        let store = try await makeStore()
        let count = CapturePipeline.batchSize * 2 + 10
        let last = Self.shipping(serial: "last")
        _ = try await store.capture(Self.document(events: [last]), context: Self.context)
        let fresh = (0..<count - 1).map { Self.shipping(serial: "batch-\($0)") }
        // When it is captured (rollback), then the duplicate refuses it and nothing of it is stored
        let duplicate = await #expect(throws: StorageError.self) {
            try await store.capture(Self.document(events: fresh + [last]), context: Self.context)
        }
        #expect(duplicate?.code == .duplicateEvent)
        #expect(duplicate?.eventIDs.count == 1)
        #expect(try await Self.storedCount(store) == 1)
        // When its last event is invalid instead, then it is refused as invalid, naming that event
        var bad = Self.shipping(serial: "bad")
        bad.epcList = ["https://id.gs1.org/01/09506000134353/21/1"]
        let invalid = await #expect(throws: StorageError.self) {
            try await store.capture(Self.document(events: fresh + [bad]), context: Self.context)
        }
        #expect(invalid?.code == .invalidDocument)
        let places = invalid?.diagnostics.map(\.location) ?? []
        #expect(!places.isEmpty && places.allSatisfy { $0.hasPrefix("/epcisBody/eventList/\(count - 1)") })
        #expect(try await Self.storedCount(store) == 1)
        // When it is captured with proceed, then all but the duplicate are stored, in order
        var proceed = Self.context
        proceed.errorBehaviour = .proceed
        let receipt = try await store.capture(Self.document(events: fresh + [last]), context: proceed)
        #expect(receipt.eventIDs.count == count - 1)
        #expect(receipt.rejected.count == 1)
        #expect(try await Self.storedCount(store) == count)
        let page = try await store.events(matching: EPCISQuery(), page: PageRequest(size: 3))
        #expect(page.events.map(\.event.epcList) == [last.epcList, fresh[0].epcList, fresh[1].epcList])
    }

    /// Two different events of one document may not carry the same eventID; an error declaration of an event in
    /// the same document may.
    public func eventIDTwiceInADocumentIsRefused() async throws {
        // Given two different events with one supplied eventID
        let store = try await makeStore()
        var first = Self.shipping(serial: "id-1")
        first.eventID = "urn:uuid:0b6f2a1c-3d4e-4f50-8a61-7b8c9d0e1f2a"
        var second = Self.shipping(serial: "id-2")
        second.eventID = first.eventID
        // When the document is captured (rollback), then it is refused as holding a duplicate
        let error = await #expect(throws: StorageError.self) {
            try await store.capture(Self.document(events: [first, second]), context: Self.context)
        }
        #expect(error?.code == .duplicateEvent)
        #expect(try await Self.storedCount(store) == 0)
        // When it is captured with proceed, then the first is stored and the second reported at its place
        var proceed = Self.context
        proceed.errorBehaviour = .proceed
        let receipt = try await store.capture(Self.document(events: [first, second]), context: proceed)
        #expect(receipt.eventIDs == [first.eventID ?? ""])
        #expect(receipt.rejected.map(\.location) == ["/epcisBody/eventList/1"])
        // And an error declaration of the first, in one document with a new event, is stored beside it
        var declaration = first
        declaration.errorDeclaration = ErrorDeclaration(
            declarationTime: Self.time("2026-03-02T09:00:00Z"), reason: CBVValue("did_not_occur", in: .errorReason))
        let corrected = try await store.capture(
            Self.document(events: [declaration, Self.shipping(serial: "id-3")]), context: Self.context)
        #expect(corrected.eventIDs.count == 2)
        #expect(try await store.events(withID: first.eventID ?? "").count == 2)
    }

    static func storedCount(_ store: any EventStore) async throws -> Int {
        var count = 0
        var page = try await store.events(matching: EPCISQuery(), page: PageRequest(size: 10_000))
        count += page.events.count
        while let token = page.nextPageToken {
            page = try await store.events(matching: EPCISQuery(), page: PageRequest(size: 10_000, token: token))
            count += page.events.count
        }
        return count
    }

    /// Queries page through results with tokens that belong to the query.
    public func queriesPageWithTokens() async throws {
        // Given five events
        let store = try await makeStore()
        let events = (10..<15).map { Self.shipping(serial: String($0)) }
        _ = try await store.capture(Self.document(events: events), context: Self.context)
        let query = try EPCISQuery(parameters: [("EQ_bizStep", "shipping")])
        // When
        let first = try await store.events(matching: query, page: PageRequest(size: 2))
        let second = try await store.events(matching: query, page: PageRequest(size: 2, token: first.nextPageToken))
        let third = try await store.events(matching: query, page: PageRequest(size: 2, token: second.nextPageToken))
        // Then
        #expect(first.events.count == 2 && second.events.count == 2 && third.events.count == 1)
        #expect(third.nextPageToken == nil)
        #expect(Set((first.events + second.events + third.events).map(\.id)).count == 5)
        let other = try EPCISQuery(parameters: [("EQ_bizStep", "receiving")])
        await #expect(throws: StorageError.self) {
            try await store.events(matching: other, page: PageRequest(size: 2, token: first.nextPageToken))
        }
    }

    /// A query by identifier finds the events of that item in either spelling.
    public func queryByIdentifier() async throws {
        let store = try await makeStore()
        _ = try await store.capture(
            Self.document(events: [Self.shipping(serial: "20"), Self.shipping(serial: "21")]), context: Self.context)
        let query = try EPCISQuery(parameters: [("MATCH_epc", "https://id.gs1.org/01/10614141073464/21/21")])
        let page = try await store.events(matching: query, page: PageRequest())
        #expect(page.events.map { $0.event.epcList } == [["urn:epc:id:sgtin:0614141.107346.21"]])
    }

    // MARK: Fixtures

    static let context = CaptureContext(recordTime: time("2026-03-01T12:00:00Z"))

    static func time(_ text: String) -> EPCISDateTime {
        guard let time = EPCISDateTime(text) else { preconditionFailure("bad fixture time \(text)") }
        return time
    }

    static func shipping(serial: String) -> EPCISEvent {
        var event = EPCISEvent(
            type: .objectEvent, eventTime: time("2026-03-01T10:00:00+08:00"), eventTimeZoneOffset: "+08:00")
        event.action = .observe
        event.bizStep = CBVValue("shipping", in: .bizStep)
        event.disposition = CBVValue("in_transit", in: .disposition)
        event.epcList = [IdentifierURI("urn:epc:id:sgtin:0614141.107346.\(serial)")]
        event.readPoint = LocationReference(id: "urn:epc:id:sgln:0614141.07346.1234")
        return event
    }

    static func document(events: [EPCISEvent]) -> EPCISDocument {
        EPCISDocument(kind: .document, events: events)
    }
}
