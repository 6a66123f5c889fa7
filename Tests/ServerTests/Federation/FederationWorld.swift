import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import TestSupport

/// Three Suyuan platforms on loopback — `sh` (SQLite), `bj` (PostgreSQL) and the hub `hub` (SQLite) — and a plain
/// EPCIS 2.0 repository `acme` (a Python stand-in over the standard binding), each with its own store, keys and
/// peers file, started as `suyuan serve` processes the way an operator starts them.
final class FederationWorld: @unchecked Sendable {
    /// One platform of the world.
    final class Node: @unchecked Sendable {
        let id: String
        let port: Int
        let store: String
        let admin: String
        /// The keys the other platforms call this one with, by caller.
        var peerKeys: [String: String] = [:]
        var peersFile: URL?
        var server: ServerProcess?

        init(id: String, port: Int, store: String, admin: String) {
            self.id = id
            self.port = port
            self.store = store
            self.admin = admin
        }

        var url: String { "http://127.0.0.1:\(port)" }
    }

    let folder: URL
    let nodes: [String: Node]
    let acmePort = FreePort.next()
    let acmeKey = "acme-" + UUID().uuidString
    var acme: Process?
    let client = HTTPClient.shared

    static let prefixes = ["sh": "6901234", "bj": "6902345", "hub": "6903456", "acme": "6904567"]

    /// Makes the stores, keys and peers files, and starts every server.
    init(postgresURL: String) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("suyuan-federation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let schema = "fed_" + UUID().uuidString.prefix(8).lowercased()
        let stores = [
            "sh": "sqlite:" + folder.appendingPathComponent("sh.sqlite").path,
            "bj": postgresURL + "?schema=\(schema)&ledgerKey=\(folder.appendingPathComponent("bj.ledger-key.pem").path)",
            "hub": "sqlite:" + folder.appendingPathComponent("hub.sqlite").path,
        ]
        var nodes: [String: Node] = [:]
        for (id, store) in stores {
            if store.hasPrefix("postgres") { _ = try await Self.suyuan(["migrate", "--store", store]) }
            let admin = try await Self.suyuan(["key", "create", "--role", "admin", "--store", store])
            nodes[id] = Node(id: id, port: FreePort.next(), store: store, admin: admin)
        }
        self.nodes = nodes
        for (id, node) in nodes {
            for caller in nodes.keys where caller != id {
                node.peerKeys[caller] = try await Self.suyuan(
                    ["key", "create", "--role", "peer", "--peer", caller, "--store", node.store])
            }
        }
        for (id, node) in nodes {
            var platforms: [[String: Any]] = [["id": id, "prefixes": [Self.prefixes[id] ?? ""]]]
            for (other, peer) in nodes where other != id {
                var entry: [String: Any] = [
                    "id": other, "url": peer.url, "key": peer.peerKeys[id] ?? "", "prefixes": [Self.prefixes[other] ?? ""],
                    "trustRegulators": true,
                ]
                // bj learns the hub's prefixes from the hub's own directory, as a platform joining late would.
                if id == "bj" && other == "hub" {
                    entry["prefixes"] = []
                    entry["directory"] = true
                }
                platforms.append(entry)
            }
            if id == "sh" {
                platforms.append([
                    "id": "acme", "url": "http://127.0.0.1:\(acmePort)", "key": acmeKey, "kind": "epcis",
                    "prefixes": [Self.prefixes["acme"] ?? ""],
                ])
            }
            let file = folder.appendingPathComponent("\(id).peers.json")
            try JSONSerialization.data(withJSONObject: ["platforms": platforms]).write(to: file)
            node.peersFile = file
        }
        try await startAcme()
        for id in nodes.keys.sorted() { try await start(id) }
    }

    /// Starts (or starts again) a platform's server on its port.
    func start(_ id: String) async throws {
        guard let node = nodes[id], let peers = node.peersFile else { return }
        node.server = try await ServerProcess.start(
            ["--store", node.store, "--port", String(node.port), "--platform", id, "--peers", peers.path,
             "--peer-timeout", "2"])
    }

    /// The stand-in repository, loaded with the importer's events.
    private func startAcme() async throws {
        let seed = folder.appendingPathComponent("acme.jsonld")
        try Data(FederationDocuments.acme.utf8).write(to: seed)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3",
            TestPaths.repository.appendingPathComponent("Tests/ServerTests/Federation/epcis_standin.py").path,
            String(acmePort), acmeKey, seed.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        acme = process
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if LoopbackPort(port: acmePort).isListening { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ServerProcessError(message: "the EPCIS stand-in did not listen on \(acmePort)")
    }

    deinit {
        for node in nodes.values { node.server?.stop(timeout: 10) }
        acme?.terminate()
        try? FileManager.default.removeItem(at: folder)
    }

    // MARK: HTTP

    /// A request with a platform's admin key; JSON back.
    func json(_ id: String, _ method: HTTPMethod, _ path: String, body: String? = nil, key: String? = nil,
              contentType: String = "application/json") async throws -> (status: Int, json: [String: Any]) {
        guard let node = nodes[id] else { throw ServerProcessError(message: "no platform \(id)") }
        var request = HTTPClientRequest(url: node.url + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(key ?? node.admin)")
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await client.execute(request, timeout: .seconds(30))
        let data = try await response.body.collect(upTo: 64 << 20)
        let object = (try? JSONSerialization.jsonObject(with: Data(buffer: data))) as? [String: Any] ?? [:]
        return (Int(response.status.code), object)
    }

    /// A page of a platform's console, with its admin key.
    func page(_ id: String, _ path: String, language: String = "en") async throws -> String {
        guard let node = nodes[id] else { throw ServerProcessError(message: "no platform \(id)") }
        var request = HTTPClientRequest(url: node.url + path)
        request.headers.add(name: "Authorization", value: "Bearer \(node.admin)")
        request.headers.add(name: "Accept", value: "text/html")
        request.headers.add(name: "Accept-Language", value: language)
        let response = try await client.execute(request, timeout: .seconds(30))
        return String(buffer: try await response.body.collect(upTo: 16 << 20))
    }

    /// Captures a document on a platform and waits for its job to end.
    func capture(_ id: String, _ document: String) async throws -> [String: Any] {
        let accepted = try await json(id, .POST, "/capture", body: document, contentType: "application/ld+json")
        guard accepted.status == 202, let capture = accepted.json["captureID"] as? String else {
            throw ServerProcessError(message: "capture on \(id) answered \(accepted.status): \(accepted.json)")
        }
        for _ in 0..<200 {
            let job = try await json(id, .GET, "/capture/\(capture)").json
            if job["running"] as? Bool == false { return job }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ServerProcessError(message: "capture job \(capture) on \(id) did not end")
    }

    /// Polls until `condition` holds or `seconds` pass.
    func eventually(_ seconds: Double = 30, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(200))
        }
        return try await condition()
    }

    static func suyuan(_ arguments: [String]) async throws -> String {
        let output = try await SuyuanBinary.run(arguments)
        guard output.status == 0 else {
            throw ServerProcessError(message: "suyuan \(arguments.joined(separator: " ")): \(output.errorText)")
        }
        return output.text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Whether something listens on a loopback port (a TCP connect).
struct LoopbackPort {
    let port: Int

    var isListening: Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        return result == 0
    }
}
