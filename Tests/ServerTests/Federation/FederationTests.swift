import Foundation
import NIOHTTP1
import TestSupport
import Testing

/// Three `suyuan serve` processes on loopback (a hub and two provincial platforms, one on PostgreSQL) and a plain
/// EPCIS 2.0 repository, with a pork chain that crosses all of them: one trace, one recall, one reconciliation
/// across the federation, while each platform keeps its own data (docs/decisions/0013-federation.md).
@Suite(
    "Federated platforms", .serialized,
    .enabled(
        if: SuyuanBinary.canRun && ProcessInfo.processInfo.environment["SUYUAN_TEST_POSTGRES_URL"] != nil,
        "needs the built binary and a PostgreSQL (scripts/test starts one)"))
struct FederationTests {
    typealias Docs = FederationDocuments

    static func world() async throws -> FederationWorld {
        let url = try #require(ProcessInfo.processInfo.environment["SUYUAN_TEST_POSTGRES_URL"])
        let world = try await FederationWorld(postgresURL: url)
        // Each platform captures its own parties' events
        for (id, document) in [("sh", Docs.shanghai), ("hub", Docs.hubDocument), ("bj", Docs.beijing)] {
            let job = try await world.capture(id, document)
            #expect(job["success"] as? Bool == true, "\(id): \(job)")
        }
        return world
    }

    static func eventCount(_ world: FederationWorld, _ id: String, _ query: String, key: String? = nil) async throws -> Int {
        let answer = try await world.json(id, .GET, "/events?\(query)&perPage=1000", key: key)
        let results = (answer.json["epcisBody"] as? [String: Any])?["queryResults"] as? [String: Any]
        return ((results?["resultsBody"] as? [String: Any])?["eventList"] as? [Any])?.count ?? 0
    }

    @Test("a chain across three platforms and an EPCIS repository: trace, reconcile, recall, a peer's limits, restarts")
    func acrossThePlatforms() async throws {
        let world = try await Self.world()

        // MARK: bj, whose peers file gives no prefixes for the hub, learns them from the hub's directory
        #expect(try await world.eventually {
            let listed = try await world.json("bj", .GET, "/federation/directory").json["platforms"] as? [[String: Any]] ?? []
            return listed.contains { $0["id"] as? String == "hub" && $0["prefixes"] as? [String] == ["6903456"] }
        })

        // MARK: events that cross are pushed to the platform on the other side
        // Then bj holds sh's shipment to its market and hub's; sh holds bj's and hub's receipts of its lot
        #expect(try await world.eventually { try await Self.eventCount(world, "bj", "EQ_bizStep=shipping") == 2 })
        #expect(try await world.eventually { try await Self.eventCount(world, "sh", "EQ_bizStep=receiving") == 3 })
        #expect(try await world.eventually { try await Self.eventCount(world, "hub", "EQ_bizStep=shipping") == 2 })
        // and nothing that did not cross: bj never gets sh's commissioning or its import from acme
        #expect(try await Self.eventCount(world, "bj", "EQ_bizStep=commissioning") == 0)

        // MARK: a forward trace on sh follows the lot into hub's sausage and bj's market
        let trace = try await world.json("sh", .GET, "/trace/forward?id=\(Docs.l1)")
        #expect(trace.status == 200)
        let identifiers = trace.json["identifiers"] as? [String] ?? []
        #expect(identifiers.contains(Docs.l2), "\(identifiers)")
        let platforms = (trace.json["platforms"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(platforms == ["bj", "hub", "sh"], "\(trace.json["platforms"] ?? "-")")
        let shares = trace.json["platforms"] as? [[String: Any]] ?? []
        for share in shares where share["id"] as? String != "sh" {
            #expect(share["verified"] as? Int == share["events"] as? Int, "not all verified: \(share)")
            #expect(share["failed"] as? Int == 0)
        }
        #expect(trace.json["partial"] as? Bool == false)
        let holders = trace.json["holders"] as? [[String: Any]] ?? []
        let bjHolding = holders.filter { $0["platform"] as? String == "bj" }
        #expect(
            Set(bjHolding.compactMap { $0["identifier"] as? String }).isSuperset(of: [Docs.l1, Docs.l2]),
            "holders: \(holders)")

        // MARK: the quantity mismatch across the boundary shows on both sides
        for id in ["bj", "sh"] {
            let findings = try await world.json(id, .GET, "/reconcile").json["findings"] as? [[String: Any]] ?? []
            let mismatch = findings.first { $0["kind"] as? String == "quantityMismatch" && ($0["identifier"] as? String ?? "").contains("L1") }
            #expect(mismatch?["expected"] as? Double == 60, "\(id): \(findings)")
            #expect(mismatch?["actual"] as? Double == 55, "\(id): \(findings)")
        }

        // MARK: a backward trace on sh goes through the importer's plain EPCIS repository (unsigned)
        let back = try await world.json("sh", .GET, "/trace/back?id=\(Docs.l3)")
        let backShares = back.json["platforms"] as? [[String: Any]] ?? []
        let acme = backShares.first { $0["id"] as? String == "acme" }
        #expect((acme?["events"] as? Int ?? 0) >= 2, "\(back.json)")
        #expect(acme?["unsigned"] as? Int == acme?["events"] as? Int)
        #expect((back.json["origins"] as? [String] ?? []).contains { $0.contains("6904567") }, "\(back.json["origins"] ?? "-")")

        // MARK: a recall on sh reaches the holders on bj and hub; bj's acknowledgement comes back
        let recall = try await world.json(
            "sh", .POST, "/recalls", body: #"{"id":"\#(Docs.l1)","reason":"Salmonella in a sample of lot L1"}"#)
        #expect(recall.status == 201, "\(recall.json)")
        let recallID = try #require(recall.json["id"] as? String)
        let recallHolders = recall.json["holders"] as? [[String: Any]] ?? []
        #expect(Set(recallHolders.compactMap { $0["platform"] as? String }) == ["bj", "hub"], "\(recallHolders)")
        #expect(recallHolders.contains { $0["platform"] == nil }, "sh's own holding: \(recallHolders)")
        #expect(try await world.eventually {
            try await world.json("bj", .GET, "/recalls/\(recallID)").json["origin"] as? String == "sh"
        })
        let bjParty = "https://id.gs1.org/417/6902345000018"
        let ack = try await world.json(
            "bj", .POST, "/recalls/\(recallID)/ack",
            body: #"{"party":"\#(bjParty)","by":"market manager","note":"55 kg and 20 kg pulled"}"#)
        #expect(ack.status == 200, "\(ack.json)")
        #expect(try await world.eventually {
            let holders = try await world.json("sh", .GET, "/recalls/\(recallID)").json["holders"] as? [[String: Any]] ?? []
            return holders.contains { $0["platform"] as? String == "bj" && $0["state"] as? String == "acknowledged" }
        })
        // and the console of sh shows every holder with its platform, relayed and acknowledged
        let console = try await world.page("sh", "/console/recalls/\(recallID)?lang=en")
        #expect(console.contains("bj <span class=\"pill good\">relayed</span>"), "\(console.prefix(3_000))")
        #expect(console.contains("hub <span class=\"pill good\">relayed</span>"))
        #expect(console.contains("market manager"))
        // and bj notified its market through its own event stream
        #expect(try await Self.eventCount(world, "bj", "EQ_disposition=recalled") >= 1)

        // MARK: a consumer scanning on bj the hub's sausage gets the hub's page of it, labelled and verified
        let sausage = "/01/06903456000218/10/L2"
        let foreign = try await world.page("bj", sausage)
        #expect(foreign.contains("<h1 id=\"product\">Pork sausage</h1>"), "\(foreign.prefix(4_000))")
        #expect(foreign.contains("data of platform hub, where this code is registered; every record was checked"))
        #expect(foreign.contains("Hub meat works"), "the hub's place named by the hub's master data")
        #expect(foreign.contains("made from inputs"))
        #expect(foreign.contains("id=\"recall\""), "the recall of the sausage's source lot")
        #expect(!foreign.contains("id=\"unknown\""))
        let foreignChinese = try await world.page("bj", sausage, language: "zh-CN")
        #expect(foreignChinese.contains("<h1 id=\"product\">猪肉香肠</h1>"))
        #expect(foreignChinese.contains("枢纽肉制品厂"))
        #expect(foreignChinese.contains("登记平台「hub」的数据；每条记录都已与该平台的签名账本核对"))
        let linkset = try await world.json("bj", .GET, sausage + "?linkType=all")
        let links = (linkset.json["linkset"] as? [[String: Any]])?.first
        let epcis = (links?["https://gs1.org/voc/epcis"] as? [[String: Any]])?.first?["href"] as? String
        #expect(epcis?.hasPrefix(try #require(world.nodes["hub"]?.url) + "/events?") == true, "\(linkset.json)")

        // MARK: a peer key reads only what crossed to or from its platform
        let bjKeyAtSh = try #require(world.nodes["sh"]?.peerKeys["bj"])
        let l9Key = "https://id.gs1.org/01/06904567000012/10/L9"
        let l1Key = "https://id.gs1.org/01/06901234000177/10/L1"
        let notCrossed = try await world.json(
            "sh", .POST, "/federation/events", body: #"{"keys":["\#(l9Key)"]}"#, key: bjKeyAtSh)
        #expect(notCrossed.status == 200)
        #expect((notCrossed.json["events"] as? [Any])?.isEmpty == true, "\(notCrossed.json)")
        let crossed = try await world.json(
            "sh", .POST, "/federation/events", body: #"{"keys":["\#(l1Key)"]}"#, key: bjKeyAtSh)
        #expect(((crossed.json["events"] as? [Any])?.count ?? 0) >= 3)
        // (sh's own processing of the import never crossed to bj: bj's key does not see it through the binding either)
        #expect(try await Self.eventCount(world, "sh", "eventType=TransformationEvent", key: bjKeyAtSh) == 0)
        #expect(try await Self.eventCount(world, "sh", "eventType=TransformationEvent") == 1)
        let foreignRecall = try await world.json(
            "sh", .POST, "/federation/recalls",
            body: #"{"id":"r-x","root":"x","reason":"x","initiatedBy":"x","issuedAt":0,"identifiers":[],"holders":[],"origin":"hub"}"#,
            key: bjKeyAtSh)
        #expect(foreignRecall.status == 403)
        let regulatorOnly = try await world.json("sh", .GET, "/trace/forward?id=\(Docs.l1)", key: bjKeyAtSh)
        #expect(regulatorOnly.status == 403)

        // MARK: a shipment pushed while the receiving platform is down arrives after it restarts
        world.nodes["bj"]?.server?.stop(timeout: 20)
        let job = try await world.capture("sh", Docs.secondShipment)
        #expect(job["success"] as? Bool == true)
        try await Task.sleep(for: .seconds(2))
        try await world.start("bj")
        #expect(try await world.eventually(45) { try await Self.eventCount(world, "bj", "EQ_bizStep=shipping") == 3 })

        // MARK: a peer killed mid-trace makes the result partial, not an error
        world.nodes["hub"]?.server?.kill9()
        let partial = try await world.json("sh", .GET, "/trace/forward?id=\(Docs.l1)")
        #expect(partial.status == 200)
        #expect(partial.json["partial"] as? Bool == true)
        #expect(partial.json["unreachable"] as? [String] == ["hub"])
        let stillThere = (partial.json["platforms"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(stillThere.contains("bj"))
        // and a scan on bj of the hub's sausage says plainly that its home platform cannot be reached
        let homeDown = try await world.page("bj", sausage)
        #expect(homeDown.contains("registered on platform hub, which cannot be reached right now"), "\(homeDown.prefix(4_000))")
        #expect(!homeDown.contains("id=\"unknown\""))

        // MARK: a platform that starts while its directory hub is down learns the hub's prefixes once the hub is back
        // (within seconds: a hub that did not answer is asked again after 1, 2, 4 … s, not after the 5-minute interval)
        world.nodes["bj"]?.server?.stop(timeout: 20)
        try await world.start("bj")
        let unknown = try await world.json("bj", .GET, "/federation/directory").json["platforms"] as? [[String: Any]] ?? []
        #expect(!unknown.contains { $0["id"] as? String == "hub" && $0["prefixes"] as? [String] == ["6903456"] })
        try await Task.sleep(for: .seconds(2))
        try await world.start("hub")
        #expect(try await world.eventually(20) {
            let listed = try await world.json("bj", .GET, "/federation/directory").json["platforms"] as? [[String: Any]] ?? []
            return listed.contains { $0["id"] as? String == "hub" && $0["prefixes"] as? [String] == ["6903456"] }
        })
    }
}
