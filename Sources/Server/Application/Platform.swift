import AsyncHTTPClient
import Federation
import Synchronization
import Foundation
import Logging
import Storage
import TraceEngine

/// The parts every controller shares: the store, the settings, the capture queue, the metrics, the registry cache,
/// the scan recorder and the subscription signal.
struct Platform<Store: PlatformStore>: Sendable {
    let store: Store
    let configuration: ServerConfiguration
    let jobs: CaptureJobs
    let metrics: PlatformMetrics
    let registry: TimedCache<PartyRegistry>
    let scans: ScanRecorder<Store>
    /// Signalled when events were captured, a subscription made, or a recall issued or acknowledged: wakes the
    /// subscription deliverers and the federation service.
    let captured: WakeSignal
    let findings: FindingsCache
    let consumer: ConsumerCache
    /// Digital Link paths already read, to their canonical keys.
    let linkKeys = LinkKeyCache()
    let names: TimedCache<Names>
    /// The sector rules with the store's master data, for consumer pages (reading every vocabulary for each page
    /// made a cold page on a ten-million-event store take hundreds of milliseconds).
    let sectorRules: TimedCache<SectorRules>
    /// The fields a pesticide was sprayed on, for the pre-harvest status of consumer pages (30 s, as names).
    let sprayedFields: TimedCache<Set<String>>
    let logger: Logger
    /// The other platforms of the federation (none when this platform stands alone).
    let peers: PeerClient
    /// The directory now: the peers file's, refreshed from hubs.
    let directoryBook: DirectoryBook

    init(
        store: Store, configuration: ServerConfiguration, metrics: PlatformMetrics, logger: Logger, client: HTTPClient
    ) {
        self.store = store
        self.configuration = configuration
        self.metrics = metrics
        self.logger = logger
        directoryBook = DirectoryBook(configuration.federation.directory)
        peers = PeerClient(client: client, directory: directoryBook, timeout: configuration.federation.peerTimeout)
        jobs = CaptureJobs()
        registry = TimedCache(lifetime: .seconds(5)) { try await store.partyRegistry() }
        scans = ScanRecorder(store: store)
        captured = WakeSignal()
        findings = FindingsCache()
        consumer = ConsumerCache(
            lifetime: configuration.consumerCacheLifetime, quietLifetime: configuration.consumerCacheQuietLifetime)
        names = TimedCache(lifetime: .seconds(30)) { try await Names.load(store) }
        sectorRules = TimedCache(lifetime: .seconds(30)) { [configuration] in
            SectorRules(
                configuration: configuration.sectorRules,
                masterData: SectorMasterData(masterData: try await store.sectorMasterData()))
        }
        sprayedFields = TimedCache(lifetime: .seconds(30)) { [sectorRules] in
            try await sectorRules.value().treatedPlaces(in: store)
        }
    }

    /// The reconciliation findings: the cached full run, or a run from `since` on.
    func reconcile(since: Date? = nil) async throws -> FindingsCache.Snapshot {
        let compute: @Sendable () async throws -> FindingsCache.Snapshot = { [store, configuration] in
            let started = Date()
            var settings = configuration.reconciliation
            settings.since = since
            let reconciler = Reconciler(configuration: settings, registry: try await store.partyRegistry())
            // The sector rules read other rows than the food and drug rules: both run at once.
            async let sectorFindings = SectorRules.reconcile(
                store, configuration: configuration.sectorRules, now: Date(), since: since)
            let report = try await reconciler.reconcile(store)
            let sectors = try await sectorFindings
            // Consumers' reports are findings of their own kind beside what reconciliation finds.
            let reports = try await store.consumerReports(since: since, limit: 10_000)
            return FindingsCache.Snapshot(
                findings: report.findings + sectors + ConsumerReports<Store>.findings(reports), events: report.events,
                at: Date(),
                elapsedMilliseconds: Date().timeIntervalSince(started) * 1_000)
        }
        return since == nil ? try await findings.snapshot(compute) : try await compute()
    }

    /// The directory now (which platform is home to what).
    var directory: PlatformDirectory { directoryBook.current }

    /// Who may see what: the cached registry and this platform's directory.
    func visibility() async throws -> Visibility {
        try await registry.visibility(directory: directory)
    }

    /// Fails unless the caller has one of the roles.
    func require(_ principal: Principal, _ roles: Principal.Role..., to action: String) throws(Problem) {
        guard let role = principal.role else {
            throw Problem.unauthenticated("\(action) needs an API key (Authorization: Bearer KEY)")
        }
        guard roles.contains(role) else {
            throw Problem.forbidden(
                "\(action) needs a \(roles.map(\.rawValue).joined(separator: " or ")) key; this is a \(role.rawValue) key")
        }
    }
}

/// The canonical keys of Digital Link paths already read: a code printed on many packs is scanned again and again,
/// and reading its Digital Link (check digits, AI rules, the EPC identity) is most of what a cached page costs.
/// Bounded: it starts over when it holds `capacity` paths.
final class LinkKeyCache: Sendable {
    private let keys = Mutex<[String: String]>([:])
    private let capacity: Int

    init(capacity: Int = 100_000) { self.capacity = capacity }

    /// The key of `path`, read once by `read` (whose errors are not cached).
    func key(_ path: String, _ read: () throws -> String) rethrows -> String {
        if let key = keys.withLock({ $0[path] }) { return key }
        let key = try read()
        keys.withLock { keys in
            if keys.count >= capacity { keys.removeAll(keepingCapacity: true) }
            keys[path] = key
        }
        return key
    }
}
