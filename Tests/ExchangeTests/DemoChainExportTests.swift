import DemoChains
import EPCIS
import Exchange
import Foundation
import Storage
import Testing

/// Each export against its required fields on the demo chains (EPC URNs, class-level lots in kilograms, serialised
/// drugs in cases on pallets), which the hand-written chains of the other suites do not look like.
@Suite struct DemoChainExportTests {
    /// The demo world with about 1,500 events and no anomalies, in a memory store.
    static func demo() async throws -> (InMemoryEventStore, DemoGenerator) {
        let store = InMemoryEventStore()
        var generator = DemoGenerator(DemoConfiguration(seed: 19, targetEvents: 1_500, anomalyRate: 0))
        _ = try await store.capture(generator.masterDataDocument, context: CaptureContext())
        while let document = generator.nextDocument() {
            _ = try await store.capture(document, context: CaptureContext())
        }
        return (store, generator)
    }

    static func all(_ store: InMemoryEventStore) async throws -> [EPCISEvent] {
        try await store.events(matching: EPCISQuery(), page: PageRequest(size: 100_000)).events.map(\.event)
    }

    /// The cells of a row that are empty among the named columns.
    static func empty(_ sheet: ExportSheet, _ row: Int, _ columns: [String]) -> [String] {
        let values = Dictionary(uniqueKeysWithValues: zip(sheet.header, sheet.rows[row].map(\.text)))
        return columns.filter { (values[$0] ?? "").isEmpty }
    }

    @Test("FSMA 204 for a demo vegetable lot: every row has the KDEs its CTE requires")
    func fsma204() async throws {
        let (store, generator) = try await Self.demo()
        let vegetables = ["cabbage", "bokchoy", "tomato"].compactMap { generator.world.products[$0] }
        let events = try await Self.all(store)
        // The first vegetable lot harvested
        let harvest = try #require(
            events.first { event in
                event.action == .add
                    && event.quantityList.contains { element in
                        vegetables.contains { element.epcClass.text.hasPrefix("urn:epc:class:lgtin:\($0.stem).") }
                    }
            })
        let lot = try #require(harvest.quantityList.first).epcClass.text
        let sheet = try await Exporter(store: store).workbook(.fsma204, ExportRequest(lot: lot)).sheets[0]
        let ctes = sheet.column("Critical Tracking Event (CTE)")
        #expect(ctes.first == "Initial Packing" || ctes.first == "Harvesting")
        #expect(ctes.filter { $0 == "Shipping" }.count == 3 && ctes.filter { $0 == "Receiving" }.count == 3)
        let common = [
            "Event ID", "Traceability Lot Code (TLC)", "TLC GTIN", "TLC Batch/Lot", "Product Description",
            "Quantity", "Unit of Measure", "Event Date", "Event Date/Time (UTC)", "Location Description",
            "Location Identifier (GLN)", "Traceability Lot Code Source", "Traceability Lot Code Source Reference",
        ]
        for (row, cte) in ctes.enumerated() {
            var required = common
            if cte == "Shipping" {
                required += [
                    "Immediate Subsequent Recipient", "Immediate Subsequent Recipient Identifier",
                    "Reference Document Type", "Reference Document Number",
                ]
            }
            if cte == "Receiving" {
                required += [
                    "Immediate Previous Source", "Immediate Previous Source Identifier",
                    "Reference Document Type", "Reference Document Number",
                ]
            }
            #expect(Self.empty(sheet, row, required) == [], "row \(row + 2), \(cte)")
        }
        // The harvest's quantity and the product's name come through
        let product = try #require(vegetables.first { lot.contains($0.stem) })
        #expect(sheet.column("Product Description").allSatisfy { $0 == product.name })
        #expect(sheet.column("Quantity").first.flatMap(Double.init) == harvest.quantityList.first?.quantity)
        #expect(sheet.column("Unit of Measure").allSatisfy { $0 == "KGM" })
        #expect(sheet.column("Reference Document Type").contains("Advance Shipping Notice"))
    }

    @Test("EU 178/2002 for a demo lot at the market: (a)–(h) filled, one step back and one step forward")
    func eu178() async throws {
        let (store, generator) = try await Self.demo()
        let events = try await Self.all(store)
        let markets = generator.world.parties.filter { $0.role == .wholesaleMarket }.map(\.pgln)
        // A lot a market received by a receiving event
        let receipt = try #require(
            events.first { event in
                event.bizStep?.standardTerm == "receiving" && !event.quantityList.isEmpty
                    && event.destinationList.contains { markets.contains($0.id.text) }
            })
        let lot = try #require(receipt.quantityList.first).epcClass.text
        let market = try #require(receipt.destinationList.first { markets.contains($0.id.text) }).id.text
        let sheet = try await Exporter(store: store).workbook(.eu178, ExportRequest(lot: lot, party: market)).sheets[0]
        let directions = Set(sheet.column("Direction"))
        #expect(directions == ["one step back (supplier)", "one step forward (customer)"])
        let required = [
            "(a) Description of the food", "(b) Volume or quantity", "Unit", "(c) Name of the FBO dispatching",
            "(c) Address of the FBO dispatching", "(e) Name of the FBO receiving", "(e) Address of the FBO receiving",
            "(g) Lot, batch or consignment reference", "(h) Date of dispatch",
        ]
        for row in sheet.rows.indices {
            #expect(Self.empty(sheet, row, required) == [], "row \(row + 2)")
        }
        let name = try #require(generator.world.parties.first { $0.pgln == market }).name
        let back = try #require(sheet.rows.indices.first { sheet.rows[$0][0].text == "one step back (supplier)" })
        #expect(Self.row(sheet, back)["(e) Name of the FBO receiving"] == name)
    }

    static func row(_ sheet: ExportSheet, _ index: Int) -> [String: String] {
        Dictionary(uniqueKeysWithValues: zip(sheet.header, sheet.rows[index].map(\.text)))
    }

    @Test("DSCSA for a demo drug case: TI, TH back to the manufacturer and TS all filled")
    func dscsa() async throws {
        let (store, generator) = try await Self.demo()
        let events = try await Self.all(store)
        let outlets = generator.world.parties.filter { $0.role == .pharmacy || $0.role == .hospital }.map(\.pgln)
        // A case shipped from the distributor to a pharmacy or a hospital
        let shipment = try #require(
            events.first { event in
                event.bizStep?.standardTerm == "shipping"
                    && event.epcList.first?.text.hasPrefix("urn:epc:id:sscc:") == true
                    && event.destinationList.contains { outlets.contains($0.id.text) }
            })
        let box = try #require(shipment.epcList.first).text
        let workbook = try await Exporter(store: store).workbook(.dscsa, ExportRequest(lot: box))
        let information = workbook.sheets[0]
        #expect(information.rows.count >= 1)
        let required = [
            "Transaction", "Proprietary or Established Name", "National Drug Code (NDC/GTIN)",
            "Number of Containers", "Lot Number", "Transaction Date", "Shipment Date", "Seller Business Name",
            "Seller Business Address", "Buyer Business Name", "Buyer Business Address", "Expiration Date",
            "Shipped Identifiers", "Business Document",
        ]
        for row in information.rows.indices {
            #expect(Self.empty(information, row, required) == [], "TI row \(row + 2)")
        }
        #expect(information.column("Expiration Date").allSatisfy { $0 == "2028-03-31" })
        // The history reaches the manufacturer's sale
        let makers = Set(generator.world.parties.filter { $0.role == .drugManufacturer }.map(\.name))
        #expect(workbook.sheets[1].column("Seller Business Name").contains { makers.contains($0) })
        #expect(workbook.sheets[2].rows.count >= 2)
    }

    @Test("GB/T 38156 for a demo market and month: every record names both parties, product, lot and document")
    func gbt38156() async throws {
        let (store, generator) = try await Self.demo()
        let market = try #require(generator.world.parties.first { $0.role == .wholesaleMarket && $0.isLicensed })
        let workbook = try await Exporter(store: store).workbook(.gbt38156, ExportRequest(party: market.pgln))
        let records = workbook.sheets[0]
        #expect(!records.rows.isEmpty)
        let required = [
            "交易主体名称 / party name", "交易主体代码 / party code", "产品名称 / product name",
            "商品代码 / GTIN", "批号 / lot", "数量 / quantity", "单位 / unit", "交易类型 / transaction type",
            "交易时间 / time", "交易地点 / place",
        ]
        for row in records.rows.indices {
            var columns = required
            let type = Self.row(records, row)["交易类型 / transaction type"] ?? ""
            if type.hasPrefix("购进") || type.hasPrefix("销售") {
                columns += ["交易对方名称 / counterparty name", "交易对方代码 / counterparty code", "单据号 / document number"]
            }
            #expect(Self.empty(records, row, columns) == [], "row \(row + 2)")
        }
        #expect(records.column("交易主体名称 / party name").allSatisfy { $0 == market.name })
        // The monthly flow balances: opening + in − out = closing, for every product and month
        let flow = workbook.sheets[1]
        for row in flow.rows.indices {
            let values = Self.row(flow, row)
            let numbers = ["期初库存 / opening stock", "购进 / in", "销出 / out", "期末库存 / closing stock"].map {
                Double(values[$0] ?? "") ?? .nan
            }
            #expect(abs(numbers[0] + numbers[1] - numbers[2] - numbers[3]) < 0.01, "flow row \(row + 2)")
        }
    }
}
