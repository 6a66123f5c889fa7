import ArgumentParser
import DemoChains
import EPCIS
import Federation
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Server
import Storage
import StorageSQLite
import TraceEngine

/// `suyuan demo federated`: three platforms in one process — `sh` (where the farms, slaughterhouses and factories
/// report), `bj` (markets, shops, pharmacies, hospitals) and the hub (distributors) — each with its own SQLite store,
/// keys and peers file, the demo chains split between them by where each event happened; then the platforms push to
/// each other what crossed, a regulator on the hub recalls a milk powder lot whose holders are on the other two, and
/// the URLs to look at are printed. Ctrl-C stops all three.
struct DemoFederatedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "federated",
        abstract: "Run a federated demo: a hub and two provincial platforms on loopback, with chains that cross them.")

    @Option(help: "How many demo events to load in all.")
    var events = 6_000

    @Option(help: "The folder for the three stores, their keys and peers files (kept between runs).")
    var dir = "demo-federation"

    @Option(help: "The hub's port; sh listens on the next one, bj on the one after.")
    var basePort = 8080

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    /// Which platform reports for which role.
    static let platformOfRole: [DemoRole: String] = [
        .pigFarm: "sh", .slaughterhouse: "sh", .vegetableFarm: "sh", .dairyFarm: "sh", .formulaFactory: "sh",
        .drugManufacturer: "sh", .wholesaleMarket: "bj", .supermarket: "bj", .foodMarket: "bj", .pharmacy: "bj",
        .hospital: "bj", .dairyDistributor: "hub", .drugDistributor: "hub",
    ]

    func run() async throws {
        let folder = URL(fileURLWithPath: dir, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let ids = ["hub", "sh", "bj"]
        let ports = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, basePort + $0) })
        for (id, port) in ports.sorted(by: { $0.value < $1.value }) where !Self.isFree(port, host: host) {
            throw ValidationError("port \(port) (for \(id)) is in use: pass --base-port with three free ports after it")
        }
        let configuration = DemoConfiguration(seed: 7, targetEvents: events, anomalyRate: 0.05)
        let world = DemoGenerator(configuration).world
        // Each platform is home to its parties' company prefixes; the brand owner's (the products') is sh's.
        var prefixes: [String: [String]] = ["sh": ["6901234"]]
        for party in world.parties { prefixes[Self.platformOfRole[party.role] ?? "hub", default: []].append(party.companyPrefix) }
        var stores: [String: SQLiteEventStore] = [:]
        for id in ids { stores[id] = try SQLiteEventStore(path: folder.appendingPathComponent("\(id).sqlite").path) }
        // Peer keys: each platform's key for each other one, kept in the peers files (made once).
        let peersFiles = Dictionary(uniqueKeysWithValues: ids.map { ($0, folder.appendingPathComponent("\($0).peers.json")) })
        if !ids.allSatisfy({ FileManager.default.fileExists(atPath: peersFiles[$0]?.path ?? "") }) {
            var keys: [String: [String: String]] = [:]
            for id in ids {
                for caller in ids where caller != id {
                    let store = try Self.store(stores, id)
                    keys[id, default: [:]][caller] = try await AccessKeys.create(
                        role: .peer, party: nil, peer: caller, label: "demo peer \(caller)", in: store
                    ).secret
                }
            }
            for id in ids {
                var directory = PlatformDirectory(selfID: id, ownPrefixes: prefixes[id] ?? [])
                for other in ids where other != id {
                    directory.peers[other] = PeerPlatform(
                        id: other, url: "http://\(host):\(ports[other] ?? 0)", key: keys[other]?[id],
                        prefixes: prefixes[other] ?? [], trustsRegulators: true, servesDirectory: other == "hub")
                }
                try PeersFile.write(directory).write(to: try Self.path(peersFiles, id))
            }
        }
        var directories: [String: PlatformDirectory] = [:]
        for id in ids {
            directories[id] = try PeersFile.read(try Data(contentsOf: try Self.path(peersFiles, id)), selfID: id)
        }
        try await load(configuration, into: stores, directory: try Self.value(directories, "hub"))

        var applications: [any ApplicationProtocolBox] = []
        var regulatorKeys: [String: String] = [:]
        for id in ids {
            let store = try Self.store(stores, id)
            var settings = ServerConfiguration(host: host, port: ports[id] ?? 0)
            settings.federation = FederationSettings(directory: try Self.value(directories, id))
            settings.logLevel = "warning"
            regulatorKeys[id] = try await AccessKeys.create(
                role: .regulator, party: nil, label: "demo regulator", in: store).secret
            applications.append(ServerBox(store: store, configuration: settings))
        }
        FileHandle.standardOutput.write(Data(try await summary(
            stores: stores, ports: ports, keys: regulatorKeys, world: world).utf8))
        let hubPort = ports["hub"] ?? basePort
        let hubKey = regulatorKeys["hub"] ?? ""
        let command = self
        let sh = try Self.store(stores, "sh")
        let hub = try Self.store(stores, "hub")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for application in applications { group.addTask { try await application.run() } }
            group.addTask {
                // Once the servers listen: the hub's regulator recalls a milk powder lot made on sh and sold on bj.
                try await Task.sleep(for: .seconds(2))
                try await command.recall(on: hubPort, key: hubKey, world: world, sh: sh, hub: hub)
            }
            try await group.waitForAll()
        }
    }

    /// Splits the demo chains between the platforms by where each event happened, and captures each platform's
    /// part into its store (the master data into every store).
    func load(_ configuration: DemoConfiguration, into stores: [String: SQLiteEventStore], directory: PlatformDirectory)
        async throws
    {
        let empty = try await stores.values.asyncAllSatisfy {
            try await $0.events(matching: EPCISQuery(), page: PageRequest(size: 1, token: nil)).events.isEmpty
        }
        guard empty else { return }
        FileHandle.standardError.write(Data("loading \(configuration.targetEvents) demo events into three platforms…\n".utf8))
        var generator = DemoGenerator(configuration)
        for store in stores.values { _ = try await store.capture(generator.masterDataDocument, context: CaptureContext()) }
        while let document = generator.nextDocument() {
            var parts: [String: [EPCISEvent]] = [:]
            for event in document.events {
                let place = event.bizLocation?.id.text ?? event.readPoint?.id.text ?? event.sourceList.first?.id.text
                parts[place.flatMap { directory.home(of: $0) } ?? "hub", default: []].append(event)
            }
            for (id, events) in parts {
                var part = document
                part.events = events
                _ = try await Self.store(stores, id).capture(part, context: CaptureContext())
            }
        }
    }

    /// The hub's regulator recalls the second milk powder lot through the hub's API, as a user would.
    func recall(on port: Int, key: String, world: DemoWorld, sh: SQLiteEventStore, hub: SQLiteEventStore) async throws {
        guard let lot = try await Self.powderLots(world: world, store: sh).dropFirst().first,
            try await hub.recallIDs(reaching: IdentifierURI(lot).canonicalKey).isEmpty
        else { return }
        var request = URLRequest(url: URL(string: "http://\(host):\(port)/recalls")!)
        request.httpMethod = "POST"
        request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONSerialization.data(withJSONObject: [
            "id": lot, "reason": "melamine 3.1 mg/kg", "initiatedBy": "demo national regulator",
        ])
        _ = try? await URLSession.shared.data(for: request)
    }

    static func powderLots(world: DemoWorld, store: SQLiteEventStore) async throws -> [String] {
        guard let powder = world.products["powder"] else { return [] }
        let query = try EPCISQuery(parameters: [("eventType", "TransformationEvent"), ("EQ_bizStep", "commissioning"),
                                                ("orderBy", "eventTime"), ("orderDirection", "ASC")])
        let made = try await store.events(matching: query, page: PageRequest(size: 1_000, token: nil)).events
        return made.flatMap { $0.event.outputQuantityList.map(\.epcClass.text) }
            .filter { $0.hasPrefix("urn:epc:class:lgtin:\(powder.stem).") }
    }

    func summary(stores: [String: SQLiteEventStore], ports: [String: Int], keys: [String: String], world: DemoWorld)
        async throws -> String
    {
        func base(_ id: String) -> String { "http://\(host):\(ports[id] ?? 0)" }
        let lot = try await Self.powderLots(world: world, store: try Self.store(stores, "sh")).dropFirst().first ?? ""
        let lotKey = IdentifierURI(lot).canonicalKey
        let encoded = lotKey.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? lotKey
        var lines = ["Suyuan federated demo: three platforms, each with its own store (\(dir)/)"]
        for id in ["hub", "sh", "bj"] {
            lines.append("  \(id.padding(toLength: 4, withPad: " ", startingAt: 0)) \(base(id))  console \(base(id))/console  regulator key \(keys[id] ?? "")")
        }
        lines += [
            "  the recalled milk powder lot, traced from the hub across sh and bj:",
            "    \(base("hub"))/trace/forward?id=\(encoded)   (Authorization: Bearer the hub's key)",
            "    \(base("hub"))/console/trace?id=\(encoded)",
            "  the recall and its holders on every platform: \(base("hub"))/recalls",
            "  who each platform is: \(base("sh"))/federation/platform   the directory: \(base("hub"))/federation/directory",
            "",
        ]
        return lines.joined(separator: "\n")
    }

    /// Whether nothing listens on a port (a bind that succeeds and is let go at once).
    static func isFree(_ port: Int, host: String) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr(host == "0.0.0.0" ? "0.0.0.0" : host)
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    static func store(_ stores: [String: SQLiteEventStore], _ id: String) throws -> SQLiteEventStore {
        try value(stores, id)
    }

    static func path(_ files: [String: URL], _ id: String) throws -> URL { try value(files, id) }

    static func value<T>(_ values: [String: T], _ id: String) throws -> T {
        guard let value = values[id] else { throw ValidationError("no platform \(id)") }
        return value
    }
}

/// One server of the demo, run until SIGINT or SIGTERM.
private protocol ApplicationProtocolBox: Sendable {
    func run() async throws
}

private struct ServerBox: ApplicationProtocolBox {
    let store: SQLiteEventStore
    let configuration: ServerConfiguration

    func run() async throws {
        try await runServer(
            store: store, configuration: configuration, storeName: configuration.federation.directory.selfID)
    }
}

extension Sequence {
    fileprivate func asyncAllSatisfy(_ condition: (Element) async throws -> Bool) async rethrows -> Bool {
        for element in self where try await !condition(element) { return false }
        return true
    }
}
