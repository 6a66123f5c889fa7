import Foundation
public import Hummingbird
import Prometheus

/// The server's Prometheus metrics, in a registry of its own (no process-wide bootstrap, so that tests can build
/// many applications): requests by route and status, their latency, captures, scans and subscription deliveries.
public final class PlatformMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()

    /// Makes an empty registry.
    public init() {}

    /// The exposition text (`text/plain; version=0.0.4`).
    public func exposition() -> String { registry.emitToString() }

    func countRequest(method: String, route: String, status: Int, duration: Duration) {
        let labels = [("method", method), ("route", route), ("status", String(status))]
        registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "suyuan", metricName: "http_requests", unitName: "total", helpText: "HTTP requests served"),
            labels: labels
        ).increment()
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "suyuan", metricName: "http_request_duration", unitName: "seconds",
                helpText: "HTTP request latency"),
            labels: [("route", route)],
            buckets: [.microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
                      .milliseconds(20), .milliseconds(50), .milliseconds(100), .milliseconds(500), .seconds(2)]
        ).record(duration)
    }

    func count(_ name: String, _ help: String, by amount: Int = 1, labels: [(String, String)] = []) {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(namespace: "suyuan", metricName: name, unitName: "total", helpText: help),
            labels: labels
        ).increment(by: Int64(amount))
    }
}

/// Records every request in ``PlatformMetrics`` by its route pattern (never the raw path, which would make a
/// series per identifier).
public struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: PlatformMetrics

    /// Makes the middleware.
    public init(metrics: PlatformMetrics) { self.metrics = metrics }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let clock = ContinuousClock()
        let start = clock.now
        let response = try await next(request, context)
        let route = context.endpointPath ?? "unmatched"
        metrics.countRequest(
            method: request.method.rawValue, route: route, status: Int(response.status.code),
            duration: clock.now - start)
        return response
    }
}
