import EPCIS
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import NIOFoundationCompat
import Server
import Storage
import StorageSQLite
import Testing

/// A co-operative, a market and a third party with their places, and three products, written by hand (Chinese and
/// English names, a product named only by its GTIN attribute), for the portal's tests.
enum PortalFixtures {
    static let coop = "urn:epc:id:pgln:6950000.00010"
    static let coopField = "urn:epc:id:sgln:6950000.00011.0"
    static let market = "urn:epc:id:pgln:6950000.00020"
    static let marketDock = "urn:epc:id:sgln:6950000.00021.0"
    static let other = "urn:epc:id:pgln:6950000.00030"
    static let otherShop = "urn:epc:id:sgln:6950000.00031.0"
    static let bokChoy = "06950000000019"
    static let pickles = "06950000000026"
    static let pesticide = "06950000000033"

    static let masterData = """
        {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
          {"suyuan":"https://ns.suyuan.org/mda#"}],
         "type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-12-01T00:00:00Z",
         "epcisHeader":{"epcisMasterData":{"vocabularyList":[
           {"type":"urn:epcglobal:epcis:vtype:Party","vocabularyElementList":[
             {"id":"\(coop)","attributes":[{"id":"urn:epcglobal:cbv:mda#name","attribute":"青山蔬菜合作社"},
               {"id":"https://ns.suyuan.org/mda#licenceStatus","attribute":"active"}]},
             {"id":"\(market)","attributes":[{"id":"urn:epcglobal:cbv:mda#name","attribute":"East Gate Market"},
               {"id":"https://ns.suyuan.org/mda#licenceStatus","attribute":"active"}]},
             {"id":"\(other)","attributes":[{"id":"urn:epcglobal:cbv:mda#name","attribute":"Corner Shop"}]}]},
           {"type":"urn:epcglobal:epcis:vtype:BusinessLocation","vocabularyElementList":[
             {"id":"\(coopField)","attributes":[{"id":"urn:epcglobal:cbv:mda#name","attribute":"三号地块"},
               {"id":"https://ns.suyuan.org/mda#owner","attribute":"\(coop)"}]},
             {"id":"\(marketDock)","attributes":[{"id":"urn:epcglobal:cbv:mda#name","attribute":"Receiving dock"},
               {"id":"https://ns.suyuan.org/mda#owner","attribute":"\(market)"}]},
             {"id":"\(otherShop)","attributes":[{"id":"https://ns.suyuan.org/mda#owner","attribute":"\(other)"}]}]},
           {"type":"urn:epcglobal:epcis:vtype:EPCClass","vocabularyElementList":[
             {"id":"https://id.gs1.org/01/\(bokChoy)","attributes":[
               {"id":"urn:epcglobal:cbv:mda#descriptionShort","attribute":"上海青"}]},
             {"id":"https://id.gs1.org/01/\(pickles)","attributes":[
               {"id":"urn:epcglobal:cbv:mda#descriptionShort","attribute":"Pickled greens"}]},
             {"id":"urn:suyuan:product:pesticide-a","attributes":[
               {"id":"https://ns.suyuan.org/mda#gtin","attribute":"\(pesticide)"}]}]}
         ]}},
         "epcisBody":{"eventList":[]}}
        """

    /// A test server with the master data loaded and a key for each party.
    static func server() async throws -> (server: TestServer, coop: String, market: String, other: String) {
        let server = try await TestServer.make()
        let document = try EPCISDocumentReader().read(Data(masterData.utf8))
        _ = try await server.store.capture(document, context: CaptureContext())
        return (server, try await server.partyKey(coop), try await server.partyKey(market),
                try await server.partyKey(other))
    }

    /// The events of a query through the EPCIS query API (`GET /events`), as JSON objects.
    static func events(
        _ client: some TestClientProtocol, _ query: String, key: String
    ) async throws -> [[String: Any]] {
        let response = try await client.send(.get, "/events?" + query, key: key)
        #expect(response.status == .ok)
        func find(_ value: Any) -> [[String: Any]]? {
            if let object = value as? [String: Any] {
                if let list = object["eventList"] as? [[String: Any]] { return list }
                for (_, child) in object { if let found = find(child) { return found } }
            }
            return nil
        }
        return find(try JSONSerialization.jsonObject(with: Data(buffer: response.body))) ?? []
    }

    /// Where the README's screenshots go.
    static var imagesFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/images")
    }

    /// Keeps a phone screenshot for the README when SUYUAN_SCREENSHOTS is set.
    static func keep(_ png: Data, _ name: String) {
        guard ProcessInfo.processInfo.environment["SUYUAN_SCREENSHOTS"] != nil else { return }
        try? png.write(to: imagesFolder.appendingPathComponent("portal-\(name).png"))
    }
}
