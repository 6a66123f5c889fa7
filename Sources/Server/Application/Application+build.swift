import AsyncHTTPClient
import Foundation
public import Hummingbird
import HummingbirdWebSocket
public import Logging
import ServiceLifecycle
import Storage
import HTTPTypes

/// Builds the server: every route, the middleware (metrics → problem+json → auth), the WebSocket upgrade, and
/// the services that run beside it (capture queue, webhook delivery, scan batching). Tests drive the same
/// application through `app.test(.router)` or `.live`.
/// - Parameters:
///   - store: the event store (SQLite or PostgreSQL).
///   - configuration: host, port, limits.
///   - logger: the server's logger.
/// - Returns: the application, to run or to test.
public func buildApplication<Store: PlatformStore>(
    store: Store, configuration: ServerConfiguration = ServerConfiguration(), logger: Logger = Logger(label: "suyuan")
) -> some ApplicationProtocol {
    let metrics = PlatformMetrics()
    let client = HTTPClient(eventLoopGroupProvider: .singleton)
    let platform = Platform(
        store: store, configuration: configuration, metrics: metrics, logger: logger, client: client)
    let router = buildRouter(platform)
    let webSocketRouter = Router(context: AppRequestContext.self)
    webSocketRouter.add(middleware: ProblemMiddleware(baseURL: configuration.baseURL))
    webSocketRouter.add(middleware: AuthMiddleware(store: store, openAccess: configuration.openAccess))
    SubscriptionSockets(platform: platform).register(on: webSocketRouter)
    return Application(
        router: router,
        server: .guardedHTTP1WebSocketUpgrade(
            webSocketRouter: webSocketRouter, isSocketPath: { SubscriptionSockets<Store>.isSocketPath($0) }),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "suyuan"),
        services: [
            CaptureService(
                jobs: platform.jobs, store: store, metrics: metrics, logger: logger,
                onCaptured: { platform.captured.signal() }),
            WebhookDeliveryService(platform: platform, client: client),
            FederationService(platform: platform),
            DirectoryRefreshService(platform: platform),
            ScanFlushService(recorder: platform.scans, interval: configuration.scanFlushInterval),
            HTTPClientService(client: client),
        ],
        logger: logger)
}

/// Builds the server and runs it until SIGINT or SIGTERM, then shuts down gracefully (the capture in hand is
/// finished, pending scans are written).
/// - Parameters:
///   - store: the event store.
///   - configuration: host, port, limits, log level.
///   - storeName: how to name the store in the log.
/// - Throws: when the server cannot start (the port is taken…) or a service fails.
public func runServer<Store: PlatformStore>(
    store: Store, configuration: ServerConfiguration, storeName: String
) async throws {
    var logger = Logger(label: "suyuan")
    logger.logLevel = Logger.Level(rawValue: configuration.logLevel) ?? .info
    logger.info("serving", metadata: ["url": "\(configuration.baseURL)", "store": "\(storeName)"])
    try await buildApplication(store: store, configuration: configuration, logger: logger).runService()
}

/// The router with every route and middleware (no sockets: what `app.test(.router)` drives).
func buildRouter<Store: PlatformStore>(_ platform: Platform<Store>) -> Router<AppRequestContext> {
    // HEAD answers as GET would, without the body (the EPCIS 2.0 binding: every resource supports HEAD).
    let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: MetricsMiddleware(metrics: platform.metrics))
    router.add(middleware: ProblemMiddleware(baseURL: platform.configuration.baseURL))
    router.add(middleware: OptionsMiddleware(configuration: platform.configuration))
    router.add(middleware: AuthMiddleware(store: platform.store, openAccess: platform.configuration.openAccess))
    // 200 when the store answers within 3 s; 503 with Retry-After when it does not (a database down or restarting).
    router.get("health") { _, _ in
        try await platform.store.checkHealth(within: .seconds(3))
        return try Responses.json(["status": "ok"])
    }
    router.get("metrics") { _, _ in
        Responses.bytes(Data(platform.metrics.exposition().utf8), contentType: "text/plain; version=0.0.4")
    }
    router.get("openapi.json") { _, _ in
        Responses.bytes(Data(OpenAPIDocument.json(baseURL: platform.configuration.baseURL).utf8),
                        contentType: "application/json")
    }
    let events = EventsController(platform: platform)
    events.register(on: router)
    let capture = CaptureController(platform: platform)
    capture.register(on: router)
    QueriesController(platform: platform, events: events).register(on: router)
    RegulatorController(platform: platform).register(on: router)
    ResolverController(platform: platform).register(on: router)
    ConsoleController(platform: platform).register(on: router)
    PortalController(platform: platform).register(on: router)
    FederationController(platform: platform).register(on: router)
    ExchangeController(platform: platform).register(on: router)
    return router
}

/// Shuts the webhook client down with the server.
struct HTTPClientService: Service {
    let client: HTTPClient

    func run() async throws {
        try? await gracefulShutdown()
        try await client.shutdown()
    }
}

/// `OPTIONS` on any resource: the methods, the EPCIS and CBV versions this server speaks, and its capture limits
/// (EPCIS 2.0 REST binding, section 12.3).
struct OptionsMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let configuration: ServerConfiguration

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.method == .options else { return try await next(request, context) }
        var headers = Responses.gs1Headers()
        headers[.allow] = "GET, HEAD, POST, DELETE, OPTIONS"
        for (name, value) in [
            ("GS1-EPCIS-Min", "2.0.0"), ("GS1-EPCIS-Max", "2.0.0"), ("GS1-CBV-Min", "2.0.0"), ("GS1-CBV-Max", "2.0.0"),
            ("GS1-Vendor-Version", "suyuan 0.1.0"),
            ("GS1-EPCIS-Capture-Limit", String(configuration.captureEventLimit)),
            ("GS1-EPCIS-Capture-File-Size-Limit", String(configuration.captureByteLimit)),
        ] {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        return Response(status: .noContent, headers: headers)
    }
}
