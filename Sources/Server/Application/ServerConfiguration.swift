public import Federation
import Foundation
public import TraceEngine

/// How `suyuan serve` runs: where it listens, how it names itself in links, and its limits.
public struct ServerConfiguration: Sendable {
    /// The address to bind (`127.0.0.1` by default; `0.0.0.0` for every interface).
    public var host: String
    /// The port (0 picks a free one).
    public var port: Int
    /// The public base URL of this server, used in links, QR codes and Digital Links (`http://HOST:PORT` by
    /// default).
    public var publicBaseURL: String?
    /// The most events one capture may hold (`GS1-EPCIS-Capture-Limit`).
    public var captureEventLimit: Int
    /// The largest capture body in bytes (`GS1-EPCIS-Capture-File-Size-Limit`).
    public var captureByteLimit: Int
    /// The most events one page of a query returns.
    public var maxPageSize: Int
    /// How often stream subscriptions look for new events.
    public var subscriptionPollInterval: Duration
    /// How long consumer scans wait before they are written in one batch.
    public var scanFlushInterval: Duration
    /// How long a consumer page's story is served without a second look (a minute by default).
    public var consumerCacheLifetime: Duration = .seconds(60)
    /// How long it is still served while nothing was captured through this server (ten minutes by default).
    public var consumerCacheQuietLifetime: Duration = .seconds(600)
    /// The reconciler's settings for the console and `/reconcile` (tolerances, receipt horizon); each run sets
    /// its own `since`.
    public var reconciliation = Reconciler.Configuration()
    /// The sector rules' settings (which kinds each product category skips, intervals, tolerances).
    public var sectorRules = SectorRules.Configuration()
    /// The log level: trace, debug, info (default), notice, warning, error or critical.
    public var logLevel: String = "info"
    /// Whether anyone may read the API without a key (the consumer pages are always public). Off by default.
    public var openAccess: Bool
    /// This platform's place in a federation: its ID, its own prefixes and its peers (`--platform`, `--peers`);
    /// alone by default.
    public var federation = FederationSettings()

    /// Makes a configuration.
    public init(
        host: String = "127.0.0.1", port: Int = 8080, publicBaseURL: String? = nil, captureEventLimit: Int = 500_000,
        captureByteLimit: Int = 256 * 1_024 * 1_024, maxPageSize: Int = 10_000,
        subscriptionPollInterval: Duration = .milliseconds(500), scanFlushInterval: Duration = .milliseconds(250),
        openAccess: Bool = false
    ) {
        self.host = host
        self.port = port
        self.publicBaseURL = publicBaseURL
        self.captureEventLimit = captureEventLimit
        self.captureByteLimit = captureByteLimit
        self.maxPageSize = maxPageSize
        self.subscriptionPollInterval = subscriptionPollInterval
        self.scanFlushInterval = scanFlushInterval
        self.openAccess = openAccess
    }

    /// The base URL links are made from, without a trailing slash.
    public var baseURL: String {
        let base = publicBaseURL ?? "http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)"
        return base.hasSuffix("/") ? String(base.dropLast()) : base
    }
}

/// How a platform takes part in a federation (docs/decisions/0013-federation.md).
public struct FederationSettings: Sendable {
    /// This platform's ID, its own prefixes, and its peers.
    public var directory: PlatformDirectory
    /// How long a trace waits for a peer's answer before it goes on without it (the result is then partial).
    public var peerTimeout: Duration
    /// The most events one peer answer may carry.
    public var evidenceLimit: Int

    /// Makes settings.
    public init(
        directory: PlatformDirectory = .alone(), peerTimeout: Duration = .seconds(3), evidenceLimit: Int = 10_000
    ) {
        self.directory = directory
        self.peerTimeout = peerTimeout
        self.evidenceLimit = evidenceLimit
    }
}
