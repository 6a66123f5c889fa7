import EPCIS
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Storage
import StorageSQLite
import Testing

/// A recall of a lot whose units are serialised lists, for each holder, exactly the packs it still holds, paged; the
/// verification service answers a till or a pharmacist for one pack (GS1 lightweight verification messaging).
@Suite("Serial-level recalls and the verification service")
struct SerialRecallTests {
    static let maker = "urn:epc:id:sgln:6901234.00010.0"
    static let makerParty = "urn:epc:id:pgln:6901234.00010"
    static let pharmacyA = "urn:epc:id:sgln:6901234.00011.0"
    static let pharmacyAParty = "urn:epc:id:pgln:6901234.00011"
    static let pharmacyB = "urn:epc:id:sgln:6901234.00012.0"
    static let pharmacyBParty = "urn:epc:id:pgln:6901234.00012"
    static let bulk = "https://id.gs1.org/01/06901234000061/10/BULK7"
    static let gtin = "06901234000054"

    static func pack(_ serial: Int) -> String { "urn:epc:id:sgtin:6901234.000005.\(serial)" }
    static func packs(_ serials: ClosedRange<Int>) -> String { serials.map { "\"\(pack($0))\"" }.joined(separator: ",") }

    /// Written by hand: a bulk capsule lot packed into six serialised packs (lot AMX-2612, expiry 2027-06-30),
    /// four shipped to pharmacy A and two to pharmacy B, pack 101 sold at A. Fields in an unusual order, no event IDs.
    static let document = """
        {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument",
         "schemaVersion":"2.0","creationDate":"2026-06-05T08:00:00+08:00","epcisBody":{"eventList":[
          {"type":"ObjectEvent","action":"ADD","bizStep":"commissioning","eventTime":"2026-06-01T08:00:00+08:00",
           "eventTimeZoneOffset":"+08:00","quantityList":[{"epcClass":"\(bulk)","quantity":10,"uom":"KGM"}],
           "bizLocation":{"id":"\(maker)"}},
          {"type":"TransformationEvent","eventTime":"2026-06-01T10:00:00+08:00","eventTimeZoneOffset":"+08:00",
           "inputQuantityList":[{"epcClass":"\(bulk)","quantity":10,"uom":"KGM"}],
           "outputEPCList":[\(packs(101...106))],"bizStep":"commissioning","bizLocation":{"id":"\(maker)"},
           "ilmd":{"cbvmda:lotNumber":"AMX-2612","cbvmda:itemExpirationDate":"2027-06-30"}},
          {"eventTimeZoneOffset":"+08:00","type":"ObjectEvent","eventTime":"2026-06-02T09:00:00+08:00",
           "epcList":[\(packs(101...104))],"action":"OBSERVE","bizStep":"shipping","bizLocation":{"id":"\(maker)"},
           "sourceList":[{"type":"owning_party","source":"\(makerParty)"}],
           "destinationList":[{"type":"owning_party","destination":"\(pharmacyAParty)"},
                              {"type":"location","destination":"\(pharmacyA)"}]},
          {"type":"ObjectEvent","eventTime":"2026-06-02T09:05:00+08:00","eventTimeZoneOffset":"+08:00",
           "epcList":[\(packs(105...106))],"action":"OBSERVE","bizStep":"shipping","bizLocation":{"id":"\(maker)"},
           "sourceList":[{"type":"owning_party","source":"\(makerParty)"}],
           "destinationList":[{"type":"owning_party","destination":"\(pharmacyBParty)"},
                              {"type":"location","destination":"\(pharmacyB)"}]},
          {"type":"ObjectEvent","eventTime":"2026-06-03T09:00:00+08:00","eventTimeZoneOffset":"+08:00",
           "epcList":[\(packs(101...104))],"action":"OBSERVE","bizStep":"receiving","bizLocation":{"id":"\(pharmacyA)"}},
          {"type":"ObjectEvent","eventTime":"2026-06-03T10:00:00+08:00","eventTimeZoneOffset":"+08:00",
           "epcList":[\(packs(105...106))],"action":"OBSERVE","bizStep":"receiving","bizLocation":{"id":"\(pharmacyB)"}},
          {"type":"ObjectEvent","eventTime":"2026-06-04T15:30:00+08:00","eventTimeZoneOffset":"+08:00",
           "epcList":["\(pack(101))"],"action":"OBSERVE","bizStep":"retail_selling","bizLocation":{"id":"\(pharmacyA)"}}
        ]}}
        """

    static let masterData = """
        {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument",
         "schemaVersion":"2.0","creationDate":"2026-06-05T08:00:00+08:00",
         "epcisHeader":{"epcisMasterData":{"vocabularyList":[
          {"type":"urn:epcglobal:epcis:vtype:BusinessLocation","vocabularyElementList":[
           {"id":"\(pharmacyA)","attributes":[{"id":"urn:epcglobal:cbv:mda#name","attribute":"仁和药房"},
             {"id":"urn:epcglobal:cbv:owning_party","attribute":"\(pharmacyAParty)"}]},
           {"id":"\(pharmacyB)","attributes":[{"id":"urn:epcglobal:cbv:mda#name","attribute":"同济药房"}]}]}]}},
         "epcisBody":{"eventList":[]}}
        """

    static func verify(_ client: some TestClientProtocol, _ path: String) async throws -> [String: Any] {
        let response = try await client.send(.get, path + (path.contains("?") ? "&" : "?") + "linkType=gs1:verificationService")
        #expect(response.status == .ok, "\(path): \(response.text)")
        return try response.json()["data"] as? [String: Any] ?? [:]
    }

    @Test("a recall of a serialised lot lists each holder's own packs, pages them, and the till is told which are recalled")
    func serialisedRecall() async throws {
        let server = try await TestServer.make()
        for text in [Self.masterData, Self.document] {
            _ = try await server.store.capture(try EPCISDocumentReader().read(Data(text.utf8)), context: CaptureContext())
        }
        let pharmacyAKey = try await server.partyKey(Self.pharmacyAParty)
        try await server.app.test(.router) { client in
            // Before the recall, the verification service knows each pack
            let unit = "/01/\(Self.gtin)/21/"
            #expect(try await Self.verify(client, unit + "102")["status"] as? String == "known")
            #expect(try await Self.verify(client, unit + "102")["verified"] as? Bool == true)
            let sold = try await Self.verify(client, unit + "101")
            #expect(sold["status"] as? String == "sold")
            #expect(sold["soldAt"] as? String == "2026-06-04T15:30+08:00")
            let unknown = try await Self.verify(client, unit + "999")
            #expect(unknown["verified"] as? Bool == false)
            #expect(unknown["verificationFailureReason"] as? String == "No_Match_GTIN_Serial")
            let wrongLot = try await Self.verify(client, "/01/\(Self.gtin)/10/AMX-9999/21/103")
            #expect(wrongLot["verificationFailureReason"] as? String == "No_Match_GTIN_Serial_Lot")
            #expect(try await Self.verify(client, "/01/\(Self.gtin)/10/AMX-2612/21/103?17=270630")["verified"] as? Bool == true)
            let wrongExpiry = try await Self.verify(client, "/01/\(Self.gtin)/10/AMX-2612/21/103?17=270101")
            #expect(wrongExpiry["verificationFailureReason"] as? String == "No_Match_GTIN_Serial_Expiry")
            let badExpiry = try await client.send(.get, unit + "103?linkType=gs1:verificationService&17=2027-06")
            #expect(badExpiry.status == .badRequest)
            #expect(badExpiry.text.contains("YYMMDD"))
            let lotLevel = try await client.send(.get, "/01/06901234000061/10/BULK7?linkType=gs1:verificationService")
            #expect(lotLevel.status == .badRequest)
            // and a pack's linkset advertises the service; a lot's does not
            let linkset = try await client.send(.get, unit + "102?linkType=all").json()
            let links = (linkset["linkset"] as? [[String: Any]])?.first ?? [:]
            #expect(links["https://gs1.org/voc/verificationService"] != nil)
            let lotLinks = try await client.send(.get, "/01/06901234000061/10/BULK7?linkType=all").json()
            #expect(((lotLinks["linkset"] as? [[String: Any]])?.first ?? [:])["https://gs1.org/voc/verificationService"] == nil)

            // When the bulk lot is recalled
            let created = try await client.send(
                .post, "/recalls", key: server.regulator, body: #"{"id":"\#(Self.bulk)","reason":"dissolution failure"}"#,
                headers: [.contentType: "application/json"])
            #expect(created.status == .created, "\(created.text)")
            let recall = try created.json()
            let id = try #require(recall["id"] as? String)
            // Then each pharmacy is told exactly the packs it still holds: A the three unsold, B its two
            let holders = recall["holders"] as? [[String: Any]] ?? []
            let byLocation = Dictionary(holders.map { ($0["location"] as? String ?? "", $0) }) { first, _ in first }
            let atA = try #require(byLocation[Self.pharmacyA])
            #expect(atA["serials"] as? [String] == [Self.pack(102), Self.pack(103), Self.pack(104)])
            #expect(atA["quantity"] as? Double == 3)
            let atB = try #require(byLocation[Self.pharmacyB])
            #expect(atB["serials"] as? [String] == [Self.pack(105), Self.pack(106)])
            #expect(holders.allSatisfy { ($0["serials"] as? [String])?.contains(Self.pack(101)) != true })
            // and the same serials come back from the store, a page at a time
            let positionA = try #require(holders.firstIndex { $0["location"] as? String == Self.pharmacyA })
            let firstPage = try await client.send(
                .get, "/recalls/\(id)/holders/\(positionA)/serials?limit=2", key: server.regulator)
            let page = try firstPage.json()
            #expect(page["count"] as? Int == 3)
            #expect(page["serials"] as? [String] == [Self.pack(102), Self.pack(103)])
            let next = try #require(page["next"] as? String)
            #expect(firstPage.headers[HTTPField.Name("Link")!]?.contains("rel=\"next\"") == true)
            let second = try await client.send(.get, next.replacingOccurrences(of: "limit=1000", with: "limit=2"),
                                              key: server.regulator).json()
            #expect(second["serials"] as? [String] == [Self.pack(104)])
            #expect(second["next"] == nil)
            let badLimit = try await client.send(
                .get, "/recalls/\(id)/holders/\(positionA)/serials?limit=0", key: server.regulator)
            #expect(badLimit.status == .badRequest)
            // and a pharmacy reads its own packs, not another's
            let positionB = try #require(holders.firstIndex { $0["location"] as? String == Self.pharmacyB })
            let own = try await client.send(.get, "/recalls/\(id)/holders/\(positionA)/serials", key: pharmacyAKey)
            #expect(own.status == .ok, "\(own.text)")
            let other = try await client.send(.get, "/recalls/\(id)/holders/\(positionB)/serials", key: pharmacyAKey)
            #expect(other.status == .forbidden)
            // and the till of either pharmacy is told a held pack is recalled
            let recalled = try await Self.verify(client, unit + "105")
            #expect(recalled["status"] as? String == "recalled")
            #expect(recalled["recalls"] as? [String] == [id])
        }
    }
}
