import EPCIS
import Foundation
import Storage
import Testing

/// The master data, party registry and consumer scan scenarios of ``PlatformStateConformance``.
///
/// Element and child IDs are compared by their canonical key: the SQL stores keep master data by canonical key
/// only (the `vocabulary_element` rows of a capture), so they give an element back under that spelling, while
/// the in-memory store keeps the spelling captured.
extension PlatformStateConformance {
    /// Captured master data of a type reads back by element key, each attribute value as its text.
    public func capturedMasterDataReadsBackAsText() async throws {
        // Given
        let store = try await makeStore()
        let address = ExtensionValue.object([
            ExtensionElement(name: Self.name("street"), value: .string("1 Wenyi Road")),
            ExtensionElement(name: Self.name("city"), value: .string("Hangzhou")),
        ])
        let retailer = VocabularyElement(
            id: Self.retailer,
            attributes: [
                VocabularyAttribute(id: Self.mda("name"), value: .string("Green Mart")),
                VocabularyAttribute(id: Self.mda("employees"), value: .number("42")),
                VocabularyAttribute(id: Self.mda("organic"), value: .bool(true)),
                VocabularyAttribute(id: Self.mda("address"), value: address),
                VocabularyAttribute(id: Self.mda("tags"), value: .array([.string("dairy"), .number("7")])),
            ])
        let farm = VocabularyElement(id: Self.farmURN, attributes: [Self.attribute("name", "Sunny Farm")])
        let site = VocabularyElement(
            id: "urn:epc:id:sgln:6901234.00001.0", attributes: [Self.attribute("name", "Barn")])
        // When
        try await capture([Self.partyType: [retailer, farm], Self.locationType: [site]], in: store, serial: "1")
        let parties = try await store.vocabularyElements(type: Self.partyType)
        // Then
        #expect(parties.map(\.id).map(Self.key) == [Self.key(Self.farmURN), Self.key(Self.retailer)])
        #expect(parties.last?.attributes.map(\.value) == [
            .string("Green Mart"), .string("42"), .string("true"), .string("1 Wenyi Road Hangzhou"),
            .string("dairy 7"),
        ])
        #expect(parties.last?.attributes.map(\.id) == retailer.attributes.map(\.id))
        #expect(parties.first?.attributes == [Self.attribute("name", "Sunny Farm")])
        let sites = try await store.vocabularyElements(type: Self.locationType)
        #expect(sites.map(\.id).map(Self.key) == [Self.key(site.id)])
        #expect(try await store.vocabularyElements(type: "urn:epcglobal:epcis:vtype:ReadPoint").isEmpty)
    }

    /// A later capture of the same element, in any spelling, replaces its attributes and adds its children.
    public func latestCaptureOfMasterDataWins() async throws {
        // Given
        let store = try await makeStore()
        let first = VocabularyElement(
            id: Self.retailer, attributes: [Self.attribute("name", "Old Mart"), Self.attribute("status", "active")],
            children: ["urn:epc:id:sgln:6901234.00003.1"])
        try await capture([Self.partyType: [first]], in: store, serial: "2")
        // When the same party arrives again as a Digital Link
        let second = VocabularyElement(
            id: Self.key(Self.retailer), attributes: [Self.attribute("name", "Green Mart")],
            children: ["urn:epc:id:sgln:6901234.00003.2"])
        try await capture([Self.partyType: [second]], in: store, serial: "3")
        // Then
        let parties = try await store.vocabularyElements(type: Self.partyType)
        #expect(parties.count == 1)
        #expect(parties.first?.attributes == [Self.attribute("name", "Green Mart")])
        #expect(parties.first?.children.map(Self.key) == (first.children + second.children).map(Self.key))
    }

    /// Updating a party replaces its attributes (or adds the party) and records the changes.
    public func updatePartyReplacesAttributesAndRecordsChanges() async throws {
        // Given
        let store = try await makeStore()
        let before = VocabularyElement(
            id: Self.retailer, attributes: [Self.attribute("name", "Green Mart"), Self.attribute("status", "active")])
        try await capture([Self.partyType: [before]], in: store, serial: "4")
        let after = VocabularyElement(
            id: Self.retailer,
            attributes: [
                Self.attribute("name", "Green Mart"), Self.attribute("status", "suspended"),
                Self.attribute("blacklisted", "true"),
            ])
        let changes = [
            PartyChange(
                party: Self.key(Self.retailer), attribute: Self.mda("status"), oldValue: "active",
                newValue: "suspended", changedBy: "key-regulator", changedAt: Self.at(60.0005),
                reason: "licence expired"),
            PartyChange(
                party: Self.key(Self.retailer), attribute: Self.mda("blacklisted"), oldValue: nil, newValue: "true",
                changedBy: "key-regulator", changedAt: Self.at(61)),
        ]
        // When
        try await store.updateParty(after, changes: changes)
        try await store.updateParty(
            VocabularyElement(id: Self.farmURN, attributes: [Self.attribute("name", "Sunny Farm")]), changes: [])
        // Then
        let parties = try await store.vocabularyElements(type: Self.partyType)
        #expect(parties.map(\.id).map(Self.key) == [Self.key(Self.farmURN), Self.key(Self.retailer)])
        #expect(parties.last?.attributes == after.attributes)
        #expect(try await store.partyChanges(party: Self.key(Self.retailer), limit: 10) == changes.reversed())
    }

    /// Registry changes list newest first (the later of two at the same time first), by party, up to the limit.
    public func partyChangesListNewestFirst() async throws {
        // Given
        let store = try await makeStore()
        let farm = Self.key(Self.farmURN)
        let retailer = Self.key(Self.retailer)
        let c1 = Self.change(farm, "a", at: 10)
        let c2 = Self.change(farm, "b", at: 30)
        let c3 = Self.change(retailer, "c", at: 20)
        let c4 = Self.change(retailer, "d", at: 30)
        // When
        try await store.updateParty(VocabularyElement(id: Self.farmURN), changes: [c1, c2])
        try await store.updateParty(VocabularyElement(id: Self.retailer), changes: [c3, c4])
        // Then
        #expect(try await store.partyChanges(party: nil, limit: 10) == [c4, c2, c3, c1])
        #expect(try await store.partyChanges(party: farm, limit: 10) == [c2, c1])
        #expect(try await store.partyChanges(party: nil, limit: 2) == [c4, c2])
        #expect(try await store.partyChanges(party: nil, limit: 0).isEmpty)
        #expect(try await store.partyChanges(party: "https://id.gs1.org/417/6901234999990", limit: 10).isEmpty)
    }

    /// Scans are counted per code, with the first and last time and the distinct origins, sorted.
    public func scansAreSummarised() async throws {
        // Given
        let store = try await makeStore()
        let code = "https://id.gs1.org/01/06901234000023/21/7"
        // When
        try await store.recordScans([
            ScanRecord(key: code, at: Self.at(5), origin: "Hangzhou"),
            ScanRecord(key: code, at: Self.at(1.0004)),
            ScanRecord(key: "https://id.gs1.org/01/06901234000023/21/8", at: Self.at(3), origin: "Beijing"),
            ScanRecord(key: code, at: Self.at(9), origin: "Beijing"),
        ])
        try await store.recordScans([ScanRecord(key: code, at: Self.at(2), origin: "Hangzhou")])
        try await store.recordScans([])
        let many = (0..<1_234).map { ScanRecord(key: "many", at: Self.at(Double($0)), origin: "city-\($0 % 3)") }
        try await store.recordScans(many)
        // Then
        #expect(try await store.scanSummary(key: code) == ScanSummary(
            count: 4, first: RecallRecord.milliseconds(Self.at(1)), last: RecallRecord.milliseconds(Self.at(9)),
            origins: ["Beijing", "Hangzhou"]))
        #expect(try await store.scanSummary(key: "many") == ScanSummary(
            count: 1_234, first: RecallRecord.milliseconds(Self.at(0)), last: RecallRecord.milliseconds(Self.at(1_233)),
            origins: ["city-0", "city-1", "city-2"]))
        #expect(try await store.scanSummary(key: "https://id.gs1.org/01/06901234000023/21/9") == .none)
    }

    // MARK: Fixtures

    static let partyType = "urn:epcglobal:epcis:vtype:Party"
    static let locationType = "urn:epcglobal:epcis:vtype:BusinessLocation"
    static let retailer = "urn:epc:id:pgln:6901234.00003"
    static let farmURN = "urn:epc:id:pgln:6901234.00001"

    static func key(_ id: String) -> String { IdentifierURI(id).canonicalKey }

    static func mda(_ name: String) -> String { "https://ns.suyuan.org/mda#\(name)" }

    static func name(_ local: String) -> QualifiedName {
        QualifiedName(namespace: "https://ns.suyuan.org/mda#", localName: local)
    }

    static func attribute(_ name: String, _ value: String) -> VocabularyAttribute {
        VocabularyAttribute(id: mda(name), value: .string(value))
    }

    static func change(_ party: String, _ value: String, at offset: TimeInterval) -> PartyChange {
        PartyChange(
            party: party, attribute: mda("status"), oldValue: nil, newValue: value, changedBy: "key-admin",
            changedAt: at(offset))
    }

    /// Captures master data through the store's normal capture, with one event (serial `serial`) beside it.
    func capture(_ vocabularies: KeyValuePairs<String, [VocabularyElement]>, in store: any EventStore, serial: String)
        async throws
    {
        var document = StorageConformance.document(events: [StorageConformance.shipping(serial: "9\(serial)")])
        document.masterData = vocabularies.map { Vocabulary(type: $0.key, elements: $0.value) }
        _ = try await store.capture(document, context: StorageConformance.context)
    }
}
