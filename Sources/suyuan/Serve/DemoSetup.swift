import DemoChains
import EPCIS
import Foundation
import Server
import Storage
import TraceEngine

/// What `suyuan serve --demo` does before serving: load the demo chains into an empty store, recall one milk powder
/// lot, create a regulator key, and print where to look.
enum DemoSetup {
    static func prepare<Store: CommandStore>(_ store: Store, events: Int, baseURL: String) async throws {
        let empty = try await store.events(matching: EPCISQuery(), page: PageRequest(size: 1, token: nil)).events.isEmpty
        let configuration = DemoConfiguration(seed: 7, targetEvents: events, anomalyRate: 0.05)
        if empty {
            FileHandle.standardError.write(Data("loading \(events) demo events…\n".utf8))
            _ = try await DemoLoadCommand.load(configuration, into: store, showProgress: true)
        }
        let world = DemoGenerator(configuration).world
        guard let powder = world.products["powder"], let formula = world.products["formula"] else { return }
        // The milk powder lots, oldest first, and the cans made from each.
        let query = try EPCISQuery(parameters: [("eventType", "TransformationEvent"), ("EQ_bizStep", "commissioning"),
                                                ("orderBy", "eventTime"), ("orderDirection", "ASC")])
        let made = try await store.events(matching: query, page: PageRequest(size: 1_000, token: nil)).events
        let lots = made.flatMap { $0.event.outputQuantityList.map(\.epcClass.text) }
            .filter { $0.hasPrefix("urn:epc:class:lgtin:\(powder.stem).") }
        guard lots.count >= 2 else {
            FileHandle.standardError.write(Data("the demo store has fewer than two milk powder lots; load more events\n".utf8))
            return
        }
        let engine = TraceEngine(source: StoreTraceSource(store: store))
        func can(of lot: String) async throws -> String? {
            let trace = try await engine.forward(from: IdentifierURI(lot).canonicalKey)
            return trace.identifiers.first { $0.hasPrefix("urn:epc:id:sgtin:\(formula.stem).") }
        }
        let recalledLot = lots[1]
        if try await store.recallIDs(reaching: IdentifierURI(recalledLot).canonicalKey).isEmpty {
            _ = try await RecallIssuer.issue(
                IdentifierURI(recalledLot).canonicalKey, reason: "melamine 3.1 mg/kg", by: "demo county regulator",
                in: store)
        }
        let (_, secret) = try await AccessKeys.create(role: .regulator, party: nil, label: "demo", in: store)
        func page(_ urn: String?) -> String {
            guard let urn, let link = try? IdentifierKeys.resolve(urn), let url = URL(string: link) else { return "-" }
            return baseURL + url.path
        }
        // Written at once (not through print's buffer): the server runs for a long time after it.
        FileHandle.standardOutput.write(Data("""
            Suyuan demo on \(baseURL)
              consumer page (a can of infant formula):  \(page(try await can(of: lots[0])))
              recalled product (melamine):               \(page(try await can(of: recalledLot)))
              recalled lot in the console:               \(baseURL)/console/trace?id=\(
                  IdentifierURI(recalledLot).canonicalKey.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
              regulator console:                         \(baseURL)/console  (sign in with the key below)
              regulator API key:                         \(secret)
              EPCIS 2.0 API:                             \(baseURL)/events  (Authorization: Bearer KEY)

            """.utf8))
    }
}
