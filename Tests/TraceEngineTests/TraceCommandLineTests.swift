import Foundation
import Testing
import TestSupport

/// Runs `suyuan demo`, `trace`, `recall` and `reconcile` the way a user would, on the binary in .build/debug.
@Suite(.enabled(if: SuyuanBinary.canRun))
struct TraceCommandLineTests {

    static func run(_ arguments: [String]) async throws -> (status: Int32, stdout: Data) {
        let output = try await SuyuanBinary.run(arguments)
        return (output.status, output.stdout)
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("suyuan-trace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("demo generate writes the same documents, master data and truth for the same seed")
    func generateIsDeterministic() async throws {
        // Given two output folders
        let first = try Self.temporaryFolder(), second = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: first); try? FileManager.default.removeItem(at: second) }
        // When the same world is generated into both
        for folder in [first, second] {
            let result = try await Self.run(["demo", "generate", "--events", "500", "--seed", "4", "--anomaly-rate", "0.5",
                                       "--events-per-document", "200", "--out", folder.path])
            #expect(result.status == 0)
        }
        // Then every file is byte-identical
        let names = try FileManager.default.contentsOfDirectory(atPath: first.path).sorted()
        #expect(names.contains("masterdata.jsonld") && names.contains("truth.json") && names.contains("events-000001.jsonld"))
        for name in names {
            #expect(try Data(contentsOf: first.appendingPathComponent(name)) == Data(contentsOf: second.appendingPathComponent(name)))
        }
    }

    @Test("demo load, then trace forward, recall and reconcile answer in JSON from the SQLite store")
    func loadTraceReconcile() async throws {
        // Given a demo world loaded into a SQLite file, with its truth
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = "sqlite:" + folder.appendingPathComponent("demo.sqlite").path
        let truthFile = folder.appendingPathComponent("truth.json")
        let load = try await Self.run(["demo", "load", "--events", "600", "--seed", "5", "--anomaly-rate", "0.5", "--store", store,
                                 "--truth", truthFile.path])
        #expect(load.status == 0)
        let truth = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: truthFile)) as? [[String: Any]])

        // When a powder lot (in Digital Link form) is traced forward and recalled, and the store is reconciled
        let powder = "https://id.gs1.org/01/06901234100082/10/L0000019"
        let trace = try await Self.run(["trace", "forward", powder, "--json", "--store", store])
        let recall = try await Self.run(["recall", powder, "--reason", "melamine", "--json", "--store", store])
        let reconcile = try await Self.run(["reconcile", "--json", "--store", store])

        // Then the trace has the promised fields with URNs, the recall lists withdrawals, and the findings match the truth
        let traced = try #require(JSONSerialization.jsonObject(with: trace.stdout) as? [String: Any])
        #expect(traced["root"] as? String == "urn:epc:class:lgtin:6901234.010008.L0000019")
        #expect((traced["identifiers"] as? [String])?.contains { $0.hasPrefix("urn:epc:id:sgtin:") } == true)
        #expect(traced["truncated"] as? Bool == false && traced["elapsedMs"] != nil && traced["parties"] != nil)
        let edges = try #require(traced["edges"] as? [[String: Any]])
        let root = traced["root"] as? String
        #expect(edges.contains { $0["kind"] as? String == "transformed" && $0["from"] as? String == root })
        #expect(edges.allSatisfy { $0["event"] is String && $0["time"] is String && $0["to"] is String })
        #expect((traced["nodes"] as? [[String: Any]])?.contains { $0["kind"] as? String == "container" } == true)
        let holders = try #require(traced["holders"] as? [[String: Any]])
        #expect(!holders.isEmpty && holders.allSatisfy { $0["party"] != nil && $0["uom"] as? String == "EA" })
        let recalled = try #require(JSONSerialization.jsonObject(with: recall.stdout) as? [String: Any])
        #expect((recalled["withdrawals"] as? [[String: Any]])?.count == holders.count && recalled["reason"] as? String == "melamine")
        let reconciled = try #require(JSONSerialization.jsonObject(with: reconcile.stdout) as? [String: Any])
        let findings = try #require(reconciled["findings"] as? [[String: Any]])
        #expect(findings.count == truth.count && !truth.isEmpty)
        // The first run read every event and kept its state as the store's checkpoint
        let events = try #require(reconciled["events"] as? Int)
        #expect(reconciled["eventsRead"] as? Int == events && reconciled["checkpointEvents"] == nil)
        #expect(reconciled["checkpointSaved"] as? Bool == true && reconciled["phasesMs"] is [String: Any])

        // And with a tolerance for every category above the demo's short receipts (4-10 %), no quantity mismatch is
        // left and the other findings stay; a malformed tolerance is refused
        let tolerant = try await Self.run(
            ["reconcile", "--json", "--store", store]
                + ["meat", "vegetables", "dairy", "drugs"].flatMap { ["--tolerance-for", "\($0)=0.2"] })
        let tolerantReport = try #require(JSONSerialization.jsonObject(with: tolerant.stdout) as? [String: Any])
        let kinds = try #require(tolerantReport["findings"] as? [[String: Any]]).compactMap { $0["kind"] as? String }
        let mismatches = truth.filter { $0["kind"] as? String == "quantityMismatch" }.count
        #expect(mismatches > 0 && !kinds.contains("quantityMismatch") && kinds.count == findings.count - mismatches)
        // (that second run went on from the checkpoint: the tolerances apply to a restored state too)
        #expect(tolerantReport["checkpointEvents"] as? Int == events && tolerantReport["eventsRead"] as? Int == 0)
        #expect(tolerantReport["checkpointSaved"] as? Bool == false)
        // And --from-scratch reads every event again, finds the same, and keeps its state
        let scratch = try #require(JSONSerialization.jsonObject(
            with: try await Self.run(["reconcile", "--json", "--from-scratch", "--store", store]).stdout) as? [String: Any])
        #expect(scratch["eventsRead"] as? Int == events && scratch["checkpointSaved"] as? Bool == true)
        #expect((scratch["findings"] as? [[String: Any]])?.count == findings.count)
        let malformed = try await SuyuanBinary.run(["reconcile", "--store", store, "--tolerance-for", "meat"])
        #expect(malformed.status != 0 && String(decoding: malformed.stderr, as: UTF8.self).contains("CATEGORY=FRACTION"))
    }

    @Test("recall records a recall that list, show and ack then read and update")
    func recallIsRecordedAndAcknowledged() async throws {
        // Given a demo world loaded into a SQLite file
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = "sqlite:" + folder.appendingPathComponent("demo.sqlite").path
        #expect(try await Self.run(["demo", "load", "--events", "600", "--seed", "5", "--store", store]).status == 0)
        // When a powder lot is recalled
        let powder = "urn:epc:class:lgtin:6901234.010008.L0000019"
        let issued = try await Self.run(["recall", powder, "--reason", "melamine", "--by", "county regulator", "--json",
                                   "--store", store])
        #expect(issued.status == 0)
        let recall = try #require(JSONSerialization.jsonObject(with: issued.stdout) as? [String: Any])
        let id = try #require(recall["recallID"] as? String)
        let withdrawals = try #require(recall["withdrawals"] as? [[String: Any]])
        let party = try #require(withdrawals.first?["party"] as? String)
        // Then it is listed and shown with every holder pending
        let list = try await Self.run(["recall", "list", "--json", "--store", store])
        let listed = try #require(JSONSerialization.jsonObject(with: list.stdout) as? [String: [[String: Any]]])
        #expect(listed["recalls"]?.map { $0["id"] as? String } == [id])
        let shown = try #require(
            JSONSerialization.jsonObject(with: await Self.run(["recall", "show", id, "--json", "--store", store]).stdout)
                as? [String: Any])
        #expect(shown["initiatedBy"] as? String == "county regulator" && shown["reason"] as? String == "melamine")
        #expect(shown["pending"] as? Int == withdrawals.count)
        #expect((shown["identifiers"] as? [String])?.contains(powder) == true)

        // When the first holder acknowledges, named by its GLN as a Digital Link, and a stranger tries to
        let described = try #require(
            JSONSerialization.jsonObject(with: await Self.run(["id", "describe", party]).stdout) as? [String: Any])
        let link = try #require(described["digitalLink"] as? String)
        #expect(link.hasPrefix("https://id.gs1.org/417/"))
        let ack = try await Self.run(["recall", "ack", id, "--party", link, "--by", "Li",
                                "--note", "3 withdrawn", "--json", "--store", store])
        let stranger = try await Self.run(["recall", "ack", id, "--party", "urn:epc:id:pgln:6901234.99999", "--store", store])
        let unknown = try await Self.run(["recall", "show", "recall-none", "--store", store])

        // Then that holder's rows are acknowledged and the others still pending; the stranger and an unknown recall fail
        #expect(ack.status == 0)
        let acked = try #require(JSONSerialization.jsonObject(with: ack.stdout) as? [String: Any])
        let holders = try #require(acked["holders"] as? [[String: Any]])
        for holder in holders {
            let mine = holder["party"] as? String == party
            #expect(holder["state"] as? String == (mine ? "acknowledged" : "pending"))
            if mine { #expect((holder["acknowledgement"] as? [String: Any])?["note"] as? String == "3 withdrawn") }
        }
        #expect(acked["pending"] as? Int == holders.filter { $0["party"] as? String != party }.count)
        #expect(stranger.status == 1 && unknown.status == 1)
    }
}
