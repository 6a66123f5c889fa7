public import EPCIS
public import Foundation
public import Storage
import Synchronization
import Testing
public import TraceEngine

/// The sector rules against a store: each class's hand-written world (``SectorDocuments``) with its injected
/// violations gives exactly those findings, and the same world without them gives none.
public struct SectorRulesConformance: Sendable {
    /// The kind of store the suite runs on.
    public typealias Store = any EventStore & SectorEventSource

    /// Makes an empty store.
    public let makeStore: @Sendable () async throws -> Store

    /// Makes the suite.
    /// - Parameter makeStore: makes an empty store for each world.
    public init(makeStore: @escaping @Sendable () async throws -> Store) {
        self.makeStore = makeStore
    }

    /// The canonical key of an identifier as written in a document.
    static func key(_ text: String) -> String { IdentifierURI(text).canonicalKey }

    static func date(_ text: String) throws -> Date { try #require(EPCISDateTime(text)).date }

    /// Captures a document into a fresh store and runs the sector rules.
    func findings(_ text: String, xml: Bool, now: String) async throws -> [Finding] {
        let store = try await makeStore()
        let data = Data(text.utf8)
        let document = xml ? try XMLDocumentDecoder().decode(data) : try JSONDocumentDecoder().decode(data)
        _ = try await store.capture(document, context: CaptureContext())
        return try await SectorRules.reconcile(store, now: try Self.date(now))
    }

    /// Checks a world: the violating document's findings are exactly `expected` (kind and key), the clean one's none.
    func check(
        _ make: (Bool) -> String, xml: Bool, now: String, expected: Set<String>
    ) async throws -> [Finding] {
        let found = try await findings(make(false), xml: xml, now: now)
        #expect(Set(found.map { "\($0.kind.rawValue) \($0.key)" }) == expected)
        #expect(found.count == expected.count, "one finding each: \(found.map { "\($0.kind) \($0.key)" })")
        let clean = try await findings(make(true), xml: xml, now: now)
        #expect(clean.isEmpty, "the clean world: \(clean.map { "\($0.kind) \($0.key) \($0.events)" })")
        return found
    }

    /// How many of the events the rules' selection names under the store's master data, by the selection's own
    /// definition (``TraceEngine/SectorSelection/selects(_:)``), which the store answers from its indexes.
    static func selected(_ events: [EPCISEvent], in store: Store) async throws -> Int {
        let selection = SectorRules(masterData: SectorMasterData(masterData: try await store.sectorMasterData()))
            .selection
        return events.filter { selection.selects(TraceEvent($0)) }.count
    }

    /// The sector pass goes on from the state its last run kept: a second run decodes no selected body, a run after a
    /// capture only the new selected ones, a run after master data changed (or with a damaged state) every selected
    /// one, and each run finds what a run from scratch finds. Events no rule names are never read in bulk: the
    /// slaughter, cutting and packing are reached by following the treated pigs and the sprayed field.
    public func checkpoint() async throws {
        // Given a store with the farm world (hand-written JSON) and the equipment world (XML), with their violations
        let store = try await makeStore()
        let now = try Self.date("2026-04-20T12:00:00+08:00")
        let farm = try JSONDocumentDecoder().decode(Data(SectorDocuments.farmJSON(clean: false).utf8))
        let equipment = try XMLDocumentDecoder().decode(Data(SectorDocuments.equipmentXML(clean: false).utf8))
        _ = try await store.capture(farm, context: CaptureContext())
        _ = try await store.capture(equipment, context: CaptureContext())
        let stored = farm.events + equipment.events
        let selected = try await Self.selected(stored, in: store)
        func scratch() async throws -> [Finding] {
            try await SectorRules.run(store, now: now, checkpoint: .fromScratch).findings
        }

        // When the rules run twice
        let first = try await SectorRules.run(store, now: now)
        let second = try await SectorRules.run(store, now: now)

        // Then the first read every selected body (not every body) and kept its state, and followed the treated goods
        // to the slaughter, the cutting, the harvest and the packing; the second read none, followed nothing anew
        // (the lineage is kept too) and found the same
        #expect(selected > 0 && selected < stored.count)
        #expect(first.eventsRead == selected && first.restoredEvents == nil && first.savedCheckpoint)
        #expect(first.eventsFollowed >= 4)
        #expect(first.findings.count == 4 + 5)
        #expect(second.eventsRead == 0 && second.restoredEvents == selected && !second.savedCheckpoint)
        #expect(second.eventsFollowed == 0)
        #expect(second.findings == first.findings)

        // When three more events are captured (the cut loin sold, the packed cabbage received, the veterinary drug
        // shipped: only the last names master data a rule reads), then only its body is read as selected, the sale of
        // the loin (cut from a treated pig) and the receipt of the cabbage (packed from a sprayed field's harvest) are
        // reached by following, and the findings are a run from scratch's
        let more = #"""
            {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
             "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-04-10T12:00:00+08:00",
             "epcisBody": {"eventList": [
               {"type": "ObjectEvent", "eventTime": "2026-04-10T09:00:00+08:00", "eventTimeZoneOffset": "+08:00",
                "eventID": "https://events.example.cn/shop-sale-loin",
                "quantityList": [{"epcClass": "urn:epc:class:lgtin:6901234.100079.LOIN1", "quantity": 2, "uom": "KGM"}],
                "action": "OBSERVE", "bizStep": "retail_selling", "bizLocation": {"id": "urn:epc:id:sgln:6901234.10009.0"}},
               {"type": "ObjectEvent", "eventTime": "2026-04-10T10:00:00+08:00", "eventTimeZoneOffset": "+08:00",
                "eventID": "https://events.example.cn/shop-receive-cabbage",
                "quantityList": [{"epcClass": "urn:epc:class:lgtin:6901234.110004.CAB1P", "quantity": 5, "uom": "KGM"}],
                "action": "OBSERVE", "bizStep": "receiving", "bizLocation": {"id": "urn:epc:id:sgln:6901234.10009.0"}},
               {"type": "ObjectEvent", "eventTime": "2026-04-10T11:00:00+08:00", "eventTimeZoneOffset": "+08:00",
                "eventID": "https://events.example.cn/vet-ship-amx",
                "quantityList": [{"epcClass": "urn:epc:class:lgtin:6901234.110002.AMX2", "quantity": 1, "uom": "KGM"}],
                "action": "OBSERVE", "bizStep": "shipping", "bizLocation": {"id": "urn:epc:id:sgln:6901234.10008.0"}}
             ]}}
            """#
        _ = try await store.capture(try JSONDocumentDecoder().decode(Data(more.utf8)), context: CaptureContext())
        let third = try await SectorRules.run(store, now: now)
        #expect(third.eventsRead == 1 && third.savedCheckpoint && third.restoredEvents == selected)
        #expect(third.eventsFollowed == 2)
        #expect(third.findings == (try await scratch()))
        #expect(third.findings.count == 4 + 5)

        // When the master data of the veterinary drug changes (withdrawal period 28 → 10 days), then every selected
        // body is read again and the pork is no longer found
        let masterData = #"""
            {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
             "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-04-20T12:00:00+08:00",
             "epcisHeader": {"epcisMasterData": {"vocabularyList": [
               {"type": "urn:epcglobal:epcis:vtype:EPCClass", "vocabularyElementList": [
                 {"id": "https://id.gs1.org/01/16901234100027", "attributes": [
                   {"id": "https://ns.suyuan.org/mda#withdrawalPeriodDays", "attribute": "10"}]}]}]}},
             "epcisBody": {"eventList": []}}
            """#
        _ = try await store.capture(
            try JSONDocumentDecoder().decode(Data(masterData.utf8)), context: CaptureContext())
        let fourth = try await SectorRules.run(store, now: now)
        #expect(fourth.eventsRead == selected + 1 && fourth.restoredEvents == nil)
        #expect(!fourth.findings.contains { $0.kind == .withdrawalPeriod })
        #expect(fourth.findings == (try await scratch()))

        // When the kept state is damaged, then it is set aside, every selected body read, and the findings stay
        try await store.saveSectorCheckpoint([[0x53, 0x59, 0x53]])
        let fifth = try await SectorRules.run(store, now: now)
        #expect(fifth.discardedCheckpoint != nil && fifth.eventsRead == selected + 1)
        #expect(fifth.findings == fourth.findings)
    }

    /// A store hands exactly the events a selection names, whatever the identifier's spelling in the document (EPC
    /// URN, Digital Link, class or lot), with every error declaration, in capture order, after a reference.
    public func selection() async throws {
        // Given the farm, equipment and cold chain worlds and a declared error of an event no selection names
        let store = try await makeStore()
        var events: [EPCISEvent] = []
        for document in [
            try JSONDocumentDecoder().decode(Data(SectorDocuments.farmJSON(clean: false).utf8)),
            try XMLDocumentDecoder().decode(Data(SectorDocuments.equipmentXML(clean: false).utf8)),
            try JSONDocumentDecoder().decode(Data(SectorDocuments.coldChainJSON(clean: false).utf8)),
            try JSONDocumentDecoder().decode(Data(#"""
                {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
                 "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-04-10T12:00:00+08:00",
                 "epcisBody": {"eventList": [
                   {"type": "ObjectEvent", "eventTime": "2026-03-05T09:00:00+08:00", "eventTimeZoneOffset": "+08:00",
                    "eventID": "https://events.example.cn/shop-count-1",
                    "epcList": ["urn:epc:id:sgtin:6901234.000001.900"], "action": "OBSERVE",
                    "bizStep": "cycle_counting",
                    "errorDeclaration": {"declarationTime": "2026-03-06T09:00:00+08:00", "reason": "incorrect_data"}}
                 ]}}
                """#.utf8)),
        ] {
            _ = try await store.capture(document, context: CaptureContext())
            events += document.events
        }
        let selections = [
            // the veterinary drug's class (a GTIN) and the pesticide (a national code) by key
            SectorSelection(keys: [SectorDocuments.pesticide], gtins: ["16901234100027"]),
            // a lot by its URN spelling's key, a business step by its bare CBV term, a custom step, a location
            SectorSelection(
                keys: [Self.key("urn:epc:class:lgtin:6901234.100062.PORK1")],
                bizSteps: ["inspecting", SectorRules.filling],
                locations: [Self.key("urn:epc:id:sgln:6901234.10001.0")]),
            SectorSelection(),
        ]
        for selection in selections {
            // When a store is asked for them
            let handed = Mutex<[String]>([])
            try await store.scanSectorEvents(after: 0, selecting: selection) { page, _ in
                handed.withLock { $0 += page.map(\.id) }
            }
            // Then it hands exactly the events the selection's definition names, in capture order
            let expected = events.filter { $0.errorDeclaration != nil || selection.selects(TraceEvent($0)) }
                .map { $0.eventID ?? "" }
            #expect(handed.withLock { $0 } == expected, "\(selection)")
            #expect(selection.isEmpty || !expected.isEmpty, "the selection names something in the worlds")
        }
    }

    /// withdrawalPeriod and preHarvestInterval, followed through packing and cutting.
    public func farmInputs() async throws {
        let found = try await check(
            SectorDocuments.farmJSON, xml: false, now: "2026-04-06T12:00:00+08:00",
            expected: [
                "preHarvestInterval " + Self.key("urn:epc:class:lgtin:6901234.110004.CAB1"),
                "preHarvestInterval " + Self.key("urn:epc:class:lgtin:6901234.110004.CAB1P"),
                "withdrawalPeriod " + Self.key("urn:epc:class:lgtin:6901234.100062.PORK1"),
                "withdrawalPeriod " + Self.key("urn:epc:class:lgtin:6901234.100079.LOIN1"),
            ])
        let loin = try #require(found.first { $0.key == Self.key("urn:epc:class:lgtin:6901234.100079.LOIN1") })
        #expect(loin.expected == 28 && loin.uom == "DAY")
        #expect((loin.actual ?? 0) > 18.6 && (loin.actual ?? 0) < 18.7)
        #expect(loin.events == [
            "https://events.example.cn/farm-treat-pigs", "https://events.example.cn/farm-slaughter-1",
            "https://events.example.cn/farm-cut-1",
        ])
        let cabbage = try #require(found.first { $0.key == Self.key("urn:epc:class:lgtin:6901234.110004.CAB1") })
        #expect(cabbage.expected == 7 && cabbage.note == SectorDocuments.pesticide)
    }

    /// maintenanceOverdue, inspectionOverdue and unsafeFill.
    public func equipment() async throws {
        let found = try await check(
            SectorDocuments.equipmentXML, xml: true, now: "2026-04-20T12:00:00+08:00",
            expected: [
                "maintenanceOverdue " + Self.key(SectorDocuments.elevator1),
                "inspectionOverdue " + Self.key(SectorDocuments.elevator2),
                "inspectionOverdue " + Self.key(SectorDocuments.cylinder1),
                "unsafeFill " + Self.key(SectorDocuments.cylinder1),
                "unsafeFill " + Self.key(SectorDocuments.cylinder2),
            ])
        let gap = try #require(found.first { $0.kind == .maintenanceOverdue })
        #expect(gap.expected == 15 && gap.actual == 20)
        #expect(gap.events == [
            "https://events.example.cn/equipment/e1-m2", "https://events.example.cn/equipment/e1-m3",
        ])
        let cylinder2 = Self.key(SectorDocuments.cylinder2)
        let scrapped = try #require(found.first { $0.kind == .unsafeFill && $0.key == cylinder2 })
        #expect(scrapped.events == [
            "https://events.example.cn/equipment/c2-scrap", "https://events.example.cn/equipment/c2-f1",
        ])
    }

    /// storageImbalance and unlicensedReceiver.
    public func hazardousGoods() async throws {
        let found = try await check(
            SectorDocuments.hazardousJSON, xml: false, now: "2026-05-05T12:00:00+08:00",
            expected: [
                "storageImbalance " + Self.key(SectorDocuments.chlorine),
                "unlicensedReceiver " + Self.key(SectorDocuments.explosive),
            ])
        let stock = try #require(found.first { $0.kind == .storageImbalance })
        #expect(stock.expected == 7 && stock.actual == 6.5 && stock.uom == "TNE")
        let receiver = try #require(found.first { $0.kind == .unlicensedReceiver })
        #expect(receiver.to == SectorDocuments.waterworks && receiver.note == "explosive")
        #expect(receiver.events == [
            "https://events.example.cn/hazardous/issue-ex", "https://events.example.cn/hazardous/use-ex",
        ])
    }

    /// quotaExceeded and separationImbalance, with a mass in kilograms converted.
    public func rareEarth() async throws {
        let found = try await check(
            SectorDocuments.rareEarthXML, xml: true, now: "2026-06-01T12:00:00+08:00",
            expected: [
                "quotaExceeded " + Self.key(SectorDocuments.mine),
                "quotaExceeded " + Self.key(SectorDocuments.separator),
                "separationImbalance " + Self.key(SectorDocuments.oxide2),
            ])
        let mined = try #require(found.first { $0.key == Self.key(SectorDocuments.mine) })
        #expect(mined.expected == 2000 && mined.actual == 2100 && mined.note == "mining 2026")
        let balance = try #require(found.first { $0.kind == .separationImbalance })
        #expect(balance.expected.map { abs($0 - 40) < 1e-9 } == true && balance.actual == 60)
    }

    /// temperatureExcursion: readings in CEL, FAH and KEL against ranges in CEL and FAH, through a pallet.
    public func coldChain() async throws {
        let found = try await check(
            SectorDocuments.coldChainJSON, xml: false, now: "2026-07-02T12:00:00+08:00",
            expected: [
                "temperatureExcursion " + Self.key(SectorDocuments.milk1),
                "temperatureExcursion " + Self.key(SectorDocuments.vaccine),
            ])
        let milk = try #require(found.first { $0.key == Self.key(SectorDocuments.milk1) })
        #expect(milk.expected == 6 && milk.actual == 10 && milk.uom == "CEL")
        #expect(milk.note?.hasPrefix("2.0 h from 2026-07-01T01:00:00Z at urn:epc:id:sgln:6901234.50001.0") == true)
        #expect(milk.events == [
            "https://events.example.cn/cold/milk1-1", "https://events.example.cn/cold/milk1-2",
            "https://events.example.cn/cold/milk1-3",
        ])
        let vaccine = try #require(found.first { $0.key == Self.key(SectorDocuments.vaccine) })
        #expect(vaccine.expected == 46.4 && vaccine.actual == 50 && vaccine.uom == "FAH")
    }
}
