import DemoChains
import EPCIS
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOFoundationCompat
public import Server
import Storage
public import StorageSQLite
import Testing
import TestSupport
import TraceEngine

extension SQLiteEventStore: PlatformStore {}

/// A server over a fresh SQLite store in a temporary folder, with keys of every role.
struct TestServer {
    let store: SQLiteEventStore
    let folder: URL
    let admin: String
    let regulator: String
    let configuration: ServerConfiguration

    static let farmParty = "urn:epc:id:pgln:0614141.00888"
    static let farm = "urn:epc:id:sgln:0614141.00888.0"
    static let plantParty = "urn:epc:id:pgln:0614141.00777"
    static let plant = "urn:epc:id:sgln:0614141.00777.0"

    static func make(configuration: ServerConfiguration = ServerConfiguration(port: 0)) async throws -> TestServer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("suyuan-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try SQLiteEventStore(path: folder.appendingPathComponent("store.sqlite").path)
        let admin = try await AccessKeys.create(role: .admin, party: nil, label: "test", in: store).secret
        let regulator = try await AccessKeys.create(role: .regulator, party: nil, label: "test", in: store).secret
        return TestServer(store: store, folder: folder, admin: admin, regulator: regulator, configuration: configuration)
    }

    var app: some ApplicationProtocol { buildApplication(store: store, configuration: configuration) }

    func partyKey(_ party: String) async throws -> String {
        try await AccessKeys.create(role: .party, party: party, label: "test", in: store).secret
    }

    /// Master data: the farm and the plant with their locations.
    func registerParties() async throws {
        let document = try EPCISDocumentReader().read(Data(Self.masterData.utf8))
        _ = try await store.capture(document, context: CaptureContext())
    }

    /// A small demo chain (every kind of chain, with anomalies) loaded into the store.
    @discardableResult
    func loadDemo(events: Int = 2_500, seed: UInt64 = 7) async throws -> DemoGenerator {
        var generator = DemoGenerator(DemoConfiguration(seed: seed, targetEvents: events, anomalyRate: 0.05))
        _ = try await store.capture(generator.masterDataDocument, context: CaptureContext())
        while let document = generator.nextDocument() {
            _ = try await store.capture(document, context: CaptureContext())
        }
        return generator
    }

    static let masterData = """
        {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
          {"suyuan":"https://ns.suyuan.org/mda#"}],
         "type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-03-01T00:00:00Z",
         "epcisHeader":{"epcisMasterData":{"vocabularyList":[
           {"type":"urn:epcglobal:epcis:vtype:Party","vocabularyElementList":[
             {"id":"\(farmParty)","attributes":[{"id":"urn:epcglobal:cbv:mda#name","attribute":"Green Farm"},
               {"id":"https://ns.suyuan.org/mda#licenceStatus","attribute":"active"}]},
             {"id":"\(plantParty)","attributes":[{"id":"urn:epcglobal:cbv:mda#name","attribute":"Plant"},
               {"id":"https://ns.suyuan.org/mda#licenceStatus","attribute":"active"}]}]},
           {"type":"urn:epcglobal:epcis:vtype:BusinessLocation","vocabularyElementList":[
             {"id":"\(farm)","attributes":[{"id":"https://ns.suyuan.org/mda#owner","attribute":"\(farmParty)"}]},
             {"id":"\(plant)","attributes":[{"id":"https://ns.suyuan.org/mda#owner","attribute":"\(plantParty)"}]}]}
         ]}},
         "epcisBody":{"eventList":[]}}
        """

    /// One ObjectEvent at a place, as a JSON-LD document.
    static func document(serial: Int, at place: String, step: String = "commissioning", action: String = "ADD") -> String {
        """
        {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
         "type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-03-01T00:00:00Z",
         "epcisBody":{"eventList":[{"type":"ObjectEvent","eventTime":"2026-03-01T10:00:00+08:00",
           "eventTimeZoneOffset":"+08:00","epcList":["urn:epc:id:sgtin:0614141.107346.\(serial)"],
           "action":"\(action)","bizStep":"\(step)","bizLocation":{"id":"\(place)"},"readPoint":{"id":"\(place)"}}]}}
        """
    }
}

/// Request helpers.
extension TestClientProtocol {
    func send(
        _ method: HTTPRequest.Method, _ uri: String, key: String? = nil, body: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        if let key { headers[.authorization] = "Bearer \(key)" }
        if body != nil, headers[.contentType] == nil { headers[.contentType] = "application/ld+json" }
        return try await execute(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func json() throws -> [String: Any] {
        (try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]) ?? [:]
    }
}

/// The official EPCIS 2.0 examples beside the repository (env SUYUAN_CONFORMANCE_DIR, as scripts/test sets it).
enum Conformance {
    static var epcisDirectory: URL { TestPaths.epcisConformance }

    static func text(_ relativePath: String) throws -> String {
        String(decoding: try Data(contentsOf: epcisDirectory.appendingPathComponent(relativePath)), as: UTF8.self)
    }
}

/// Waits for a condition, polling (capture jobs and deliveries are asynchronous).
func eventually(_ timeout: Duration = .seconds(20), _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(50))
    }
    return false
}
