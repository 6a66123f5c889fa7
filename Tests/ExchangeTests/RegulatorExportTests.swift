import EPCIS
import Exchange
import Foundation
import Storage
import Testing

@Suite struct RegulatorExportTests {
    static func row(_ sheet: ExportSheet, _ index: Int) -> [String: String] {
        Dictionary(uniqueKeysWithValues: zip(sheet.header, sheet.rows[index].map(\.text)))
    }

    @Test("FSMA 204: one row per CTE and lot, the rule's KDEs, in the template's column order")
    func fsma204ForALot() async throws {
        // Given the hand-written cabbage chain
        let store = try await Chain.store()
        // When the FDA asks for the cabbage lot
        let workbook = try await Exporter(store: store).workbook(.fsma204, ExportRequest(lot: Chain.lot))
        let sheet = workbook.sheets[0]
        // Then every CTE of the lot is a row, the transformation one row per input and output
        #expect(sheet.header == FSMA204Export.columns)
        #expect(
            sheet.column("Critical Tracking Event (CTE)") == [
                "Harvesting", "Shipping", "Receiving", "Transformation",
                "Transformation",
            ])
        #expect(sheet.column("Transformation Input or Output") == ["", "", "", "Input", "Output"])
        #expect(
            sheet.column("Traceability Lot Code (TLC)").prefix(4).allSatisfy { $0 == "(01)06901234100013(10)C2611" })
        #expect(sheet.column("Product Description")[0] == "Chinese cabbage")
        #expect(sheet.column("Quantity") == ["1000", "800", "798", "500", "450"])
        #expect(sheet.column("Unit of Measure").allSatisfy { $0 == "KGM" })
        #expect(sheet.column("Event Date") == ["2026-10-01", "2026-10-01", "2026-10-01", "2026-10-02", "2026-10-02"])
        let shipping = Self.row(sheet, 1)
        #expect(shipping["Immediate Subsequent Recipient"]?.hasPrefix("Xinfadi Wholesale Market") == true)
        #expect(shipping["Immediate Subsequent Recipient Identifier"] == Chain.market)
        #expect(shipping["Location Identifier (GLN)"] == Chain.farm)
        #expect(shipping["Reference Document Type"] == "Advance Shipping Notice")
        #expect(shipping["Reference Document Number"] == "FH-001")
        let receiving = Self.row(sheet, 2)
        #expect(receiving["Immediate Previous Source"]?.hasPrefix("Green Field Co-operative") == true)
        // The TLC source is where the lot was assigned: the farm for the cabbage, the market for the salad
        #expect(
            sheet.column("Traceability Lot Code Source Reference") == [
                Chain.farm, Chain.farm, Chain.farm, Chain.farm,
                Chain.market,
            ])
        #expect(Self.row(sheet, 0)["Field or Growing Area Name"] == "东三号地块")
        #expect(workbook.sheets[1].name == "Glossary")
        // And the CSV's header row is the template's column names
        let csv = String(decoding: workbook.csv(), as: UTF8.self)
        #expect(csv.hasPrefix("\u{FEFF}Event ID,Critical Tracking Event (CTE),Traceability Lot Code (TLC),"))
        #expect(csv.split(separator: "\r\n").count == 6)
    }

    @Test("FSMA 204 for a party and a date range names lots assigned elsewhere by their source")
    func fsma204ForAPartyAndPeriod() async throws {
        let store = try await Chain.store()
        let request = ExportRequest(
            party: Chain.shop, from: EPCISDateTime("2026-10-03T00:00:00+08:00")?.date,
            to: EPCISDateTime("2026-10-04T00:00:00+08:00")?.date)
        let sheet = try await Exporter(store: store).workbook(.fsma204, request).sheets[0]
        #expect(sheet.column("Critical Tracking Event (CTE)") == ["Shipping"])
        #expect(sheet.column("Traceability Lot Code Source Reference") == [Chain.market])
    }

    @Test("EU 178/2002: one step back and one step forward of a lot, with 931/2011 (a)–(h)")
    func eu178() async throws {
        let store = try await Chain.store()
        let back = try await Exporter(store: store).workbook(.eu178, ExportRequest(lot: Chain.lot, party: Chain.market))
        let supplier = Self.row(back.sheets[0], 0)
        #expect(back.sheets[0].rows.count == 1)
        #expect(supplier["Direction"] == "one step back (supplier)")
        #expect(supplier["(a) Description of the food"] == "Chinese cabbage")
        #expect(supplier["(b) Volume or quantity"] == "800" && supplier["Quantity received"] == "798")
        #expect(supplier["(c) Name of the FBO dispatching"] == "Green Field Co-operative")
        #expect(supplier["(c) Address of the FBO dispatching"] == "1 Market Road, Shouguang, CN")
        #expect(supplier["(e) Name of the FBO receiving"] == "Xinfadi Wholesale Market")
        #expect(supplier["(g) Lot, batch or consignment reference"] == "(01)06901234100013(10)C2611")
        #expect(supplier["(h) Date of dispatch"] == "2026-10-01" && supplier["Date received"] == "2026-10-01")

        let forward = try await Exporter(store: store).workbook(
            .eu178, ExportRequest(lot: Chain.saladLot, party: Chain.market))
        let customer = Self.row(forward.sheets[0], 0)
        #expect(customer["Direction"] == "one step forward (customer)")
        #expect(customer["(e) Name of the FBO receiving"] == "Harbour Supermarket")
        #expect(customer["(b) Volume or quantity"] == "200")
    }

    @Test("GB/T 38156: a party's transactions and its monthly in/out/stock per product")
    func gbt38156() async throws {
        let store = try await Chain.store()
        let request = ExportRequest(
            party: Chain.market, from: EPCISDateTime("2026-10-01T00:00:00+08:00")?.date,
            to: EPCISDateTime("2026-11-01T00:00:00+08:00")?.date)
        let workbook = try await Exporter(store: store).workbook(.gbt38156, request)
        let records = workbook.sheets[0]
        #expect(
            records.column("交易类型 / transaction type") == [
                "购进 / purchase", "投料 / used in production",
                "生产 / production", "销售 / sale",
            ])
        #expect(records.column("交易主体名称 / party name").allSatisfy { $0 == "Xinfadi Wholesale Market" })
        #expect(
            records.column("交易对方名称 / counterparty name") == [
                "Green Field Co-operative", "", "",
                "Harbour Supermarket",
            ])
        #expect(records.column("单据号 / document number") == ["FH-001", "JG-01", "JG-01", "FH-002"])
        let flow = workbook.sheets[1]
        #expect(flow.column("商品代码 / GTIN") == [Chain.cabbage, Chain.salad])
        #expect(flow.column("购进 / in") == ["798", "450"])
        #expect(flow.column("销出 / out") == ["500", "200"])
        #expect(flow.column("期末库存 / closing stock") == ["298", "250"])
    }

    @Test("DSCSA: transaction information of a shipment, its history to the manufacturer, each seller's statement")
    func dscsa() async throws {
        // Given a drug shipment: made and packed by a manufacturer, sold to a wholesaler, then to a pharmacy
        let store = InMemoryEventStore()
        _ = try await store.capture(DrugChain.masterData, context: CaptureContext())
        _ = try await store.capture(DrugChain.document, context: CaptureContext())
        // When the pharmacy's inspector asks for the case
        let workbook = try await Exporter(store: store).workbook(.dscsa, ExportRequest(lot: DrugChain.case))
        // Then the TI is the wholesaler's sale of two packs of one lot
        let information = workbook.sheets[0]
        #expect(information.rows.count == 1)
        let ti = Self.row(information, 0)
        #expect(ti["Proprietary or Established Name"] == "Amoxicillin 250 mg capsules")
        #expect(ti["Strength and Dosage Form"] == "250 mg, capsule")
        #expect(ti["National Drug Code (NDC/GTIN)"] == DrugChain.gtin)
        #expect(ti["Number of Containers"] == "2" && ti["Lot Number"] == "A77" && ti["Expiration Date"] == "2028-03-31")
        #expect(ti["Seller Business Name"] == "Wholesale Pharma" && ti["Buyer Business Name"] == "Corner Pharmacy")
        #expect(ti["Buyer Business Address"] == "5 High Street, Springfield, US")
        // And the history goes back to the manufacturer, and each seller attests
        #expect(workbook.sheets[1].column("Seller Business Name") == ["Acme Pharma", "Wholesale Pharma"])
        #expect(Set(workbook.sheets[2].column("Seller")) == ["Acme Pharma", "Wholesale Pharma"])
        #expect(workbook.sheets[2].rows.count == 14)
    }

    @Test("an export for a lot nobody recorded is not found")
    func unknownLot() async throws {
        let store = try await Chain.store()
        let error = await #expect(throws: ExchangeError.self) {
            try await Exporter(store: store).workbook(
                .fsma204, ExportRequest(lot: "https://id.gs1.org/01/06901234100013/10/NONE"))
        }
        #expect(error?.code == .notFound)
    }
}

/// A serialised drug chain written by hand: two packs made (lot A77), packed in a case, shipped from the
/// manufacturer to a wholesaler and from the wholesaler to a pharmacy.
enum DrugChain {
    static let gtin = "06901234100037"
    static let packs = ["urn:epc:id:sgtin:6901234.010003.1001", "urn:epc:id:sgtin:6901234.010003.1002"]
    static let `case` = "urn:epc:id:sscc:6901234.0000000001"
    static let maker = "https://id.gs1.org/417/6901234000047"
    static let wholesaler = "https://id.gs1.org/417/6901234000054"
    static let pharmacy = "https://id.gs1.org/417/6901234000061"
    static func site(_ party: String) -> String { party.replacingOccurrences(of: "/417/", with: "/414/") }

    static var document: EPCISDocument {
        func event(_ type: EventType, _ time: String) -> EPCISEvent {
            EPCISEvent(type: type, eventTime: EPCISDateTime(time)!, eventTimeZoneOffset: "-05:00")
        }
        // Commissioned by an ObjectEvent ADD (the demo chains make their packs by a TransformationEvent)
        var made = event(.objectEvent, "2026-09-01T08:00:00-05:00")
        made.action = .add
        made.epcList = packs.map { IdentifierURI($0) }
        made.bizStep = CBVValue("commissioning", in: .bizStep)
        made.bizLocation = LocationReference(id: IdentifierURI(site(maker)))
        made.ilmd = [
            ExtensionElement(
                name: QualifiedName(namespace: "urn:epcglobal:cbv:mda:", localName: "lotNumber"),
                value: .string("A77")),
            ExtensionElement(
                name: QualifiedName(namespace: "urn:epcglobal:cbv:mda:", localName: "itemExpirationDate"),
                value: .string("2028-03-31")),
        ]
        var packed = event(.aggregationEvent, "2026-09-01T09:00:00-05:00")
        packed.action = .add
        packed.parentID = IdentifierURI(`case`)
        packed.childEPCs = packs.map { IdentifierURI($0) }
        packed.bizStep = CBVValue("packing", in: .bizStep)
        packed.bizLocation = LocationReference(id: IdentifierURI(site(maker)))
        func ship(_ from: String, _ to: String, _ time: String, _ number: String) -> EPCISEvent {
            var shipped = event(.objectEvent, time)
            shipped.action = .observe
            shipped.epcList = [IdentifierURI(`case`)]
            shipped.bizStep = CBVValue("shipping", in: .bizStep)
            shipped.readPoint = LocationReference(id: IdentifierURI(site(from)))
            shipped.bizTransactionList = [
                BizTransaction(
                    type: CBVValue("desadv", in: .bizTransactionType),
                    id: IdentifierURI("urn:epcglobal:cbv:bt:6901234000047:\(number)"))
            ]
            shipped.sourceList = [
                SourceDestination(type: CBVValue("owning_party", in: .sourceDestType)!, id: IdentifierURI(from)),
                SourceDestination(type: CBVValue("location", in: .sourceDestType)!, id: IdentifierURI(site(from))),
            ]
            shipped.destinationList = [
                SourceDestination(type: CBVValue("owning_party", in: .sourceDestType)!, id: IdentifierURI(to)),
                SourceDestination(type: CBVValue("location", in: .sourceDestType)!, id: IdentifierURI(site(to))),
            ]
            return shipped
        }
        return EPCISDocument(events: [
            made, packed, ship(maker, wholesaler, "2026-09-02T08:00:00-05:00", "ASN-1"),
            ship(wholesaler, pharmacy, "2026-09-05T08:00:00-05:00", "ASN-2"),
        ])
    }

    static var masterData: EPCISDocument {
        let mda = "urn:epcglobal:cbv:mda#"
        func attribute(_ id: String, _ value: String) -> VocabularyAttribute {
            VocabularyAttribute(id: id, value: .string(value))
        }
        let parties = [
            (maker, "Acme Pharma", "1 Lab Way"), (wholesaler, "Wholesale Pharma", "9 Depot Road"),
            (pharmacy, "Corner Pharmacy", "5 High Street"),
        ]
        var document = EPCISDocument()
        document.masterData = [
            Vocabulary(
                type: "urn:epcglobal:epcis:vtype:Party",
                elements: parties.map {
                    VocabularyElement(id: $0.0, attributes: [attribute(mda + "name", $0.1)])
                }),
            Vocabulary(
                type: "urn:epcglobal:epcis:vtype:BusinessLocation",
                elements: parties.map {
                    VocabularyElement(
                        id: site($0.0),
                        attributes: [
                            attribute(mda + "name", $0.1), attribute(mda + "streetAddressOne", $0.2),
                            attribute(mda + "city", "Springfield"), attribute(mda + "countryCode", "US"),
                            attribute("https://ns.suyuan.org/mda#owner", $0.0),
                        ])
                }),
            Vocabulary(
                type: "urn:epcglobal:epcis:vtype:EPCClass",
                elements: [
                    VocabularyElement(
                        id: "https://id.gs1.org/01/\(gtin)",
                        attributes: [
                            attribute(mda + "descriptionShort", "Amoxicillin 250 mg capsules"),
                            attribute(mda + "strengthDescription", "250 mg"),
                            attribute(mda + "dosageFormType", "capsule"),
                            attribute(mda + "netContent", "24"), attribute(mda + "netContentUom", "H87"),
                        ])
                ]),
        ]
        return document
    }
}
