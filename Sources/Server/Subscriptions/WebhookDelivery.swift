import AsyncHTTPClient
import EPCIS
import Foundation
import Logging
import NIOCore
import ServiceLifecycle
import Storage
import Transparency
import NIOHTTP1

/// When a failing webhook is tried again: 1 s after the first failure, doubling up to 5 minutes. Pure, so that the
/// schedule is tested without a network.
struct RetrySchedule: Sendable {
    var failures = 0
    var notBefore: ContinuousClock.Instant?

    static let first: Duration = .seconds(1)
    static let longest: Duration = .seconds(300)

    /// The delay after `failures` consecutive failures.
    static func delay(afterFailures failures: Int) -> Duration {
        guard failures > 0 else { return .zero }
        let exponent = min(failures - 1, 16)
        return min(first * (1 << exponent), longest)
    }

    mutating func failed(at now: ContinuousClock.Instant) {
        failures += 1
        notBefore = now + Self.delay(afterFailures: failures)
    }

    func isDue(at now: ContinuousClock.Instant) -> Bool { notBefore.map { now >= $0 } ?? true }
}

/// Delivers new events of every webhook subscription: an `EPCISQueryDocument` POSTed to `dest`, signed with
/// `GS1-Signature: sha256=HEX` (HMAC-SHA256 of the body with the subscription's `signatureToken`). The cursor moves
/// only after a 2xx answer, so a subscription resumes after a restart from its last acknowledged record time and
/// never re-sends what was acknowledged; a failure is retried with exponential backoff.
struct WebhookDeliveryService<Store: PlatformStore>: Service {
    let platform: Platform<Store>
    let client: HTTPClient

    func run() async throws {
        var schedules: [String: RetrySchedule] = [:]
        let signals = platform.captured.signals
        let interval = platform.configuration.subscriptionPollInterval
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await deliverRound(&schedules)
            // Wait for the next capture or the poll interval, whichever comes first.
            await withTaskGroup(of: Void.self) { group in
                group.addTask { try? await Task.sleep(for: interval) }
                group.addTask {
                    var iterator = signals.makeAsyncIterator()
                    _ = await iterator.next()
                }
                await group.next()
                group.cancelAll()
            }
        }
    }

    /// One pass over every subscription.
    func deliverRound(_ schedules: inout [String: RetrySchedule]) async {
        do {
            let subscriptions = try await platform.store.subscriptions(queryName: nil)
            guard !subscriptions.isEmpty else { return }
            let keys = try await platform.store.accessKeys()
            let visibility = try await platform.registry.visibility()
            for subscription in subscriptions {
                let now = ContinuousClock.now
                guard schedules[subscription.id, default: RetrySchedule()].isDue(at: now) else { continue }
                let principal = owner(of: subscription, keys: keys)
                do {
                    if try await deliver(subscription, visibility: visibility, principal: principal) {
                        schedules[subscription.id] = RetrySchedule()
                    }
                } catch {
                    schedules[subscription.id, default: RetrySchedule()].failed(at: now)
                    platform.metrics.count("webhook_failures", "webhook deliveries that failed")
                    platform.logger.warning(
                        "webhook delivery failed",
                        metadata: ["subscription": "\(subscription.id)", "error": "\(error)"])
                }
            }
        } catch {
            platform.logger.error("subscription round failed", metadata: ["error": "\(error)"])
        }
    }

    /// Delivers one batch; true when something was delivered and acknowledged.
    func deliver(_ subscription: Subscription, visibility: Visibility, principal: Principal) async throws -> Bool {
        guard let query = try await platform.store.namedQuery(name: subscription.queryName) else { return false }
        let feed = SubscriptionFeed(store: platform.store)
        let events = try await feed.next(
            query: query, cursor: subscription.cursor, initial: subscription.initialRecordTime, visibility: visibility,
            principal: principal)
        guard !events.isEmpty else { return false }
        let document = SubscriptionFeed<Store>.document(events, query: query, subscriptionID: subscription.id)
        let body = JSONDocumentEncoder().encode(document)
        var request = HTTPClientRequest(url: subscription.destination)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/ld+json")
        request.headers.add(name: "GS1-EPCIS-Version", value: "2.0.0")
        request.headers.add(name: "GS1-CBV-Version", value: "2.0.0")
        if let secret = subscription.signingSecret {
            let code = MessageAuthentication.hmacSHA256(body, key: Data(secret.utf8))
            request.headers.add(name: "GS1-Signature", value: "sha256=" + code.map { String(format: "%02x", $0) }.joined())
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await client.execute(request, timeout: .seconds(10))
        guard (200..<300).contains(response.status.code) else {
            throw WebhookRefused(status: Int(response.status.code))
        }
        if let cursor = SubscriptionFeed<Store>.advance(subscription.cursor, past: events) {
            try await platform.store.advanceSubscription(id: subscription.id, to: cursor)
        }
        platform.metrics.count("webhook_events_delivered", "events delivered to webhooks", by: events.count)
        return true
    }

    private func owner(of subscription: Subscription, keys: [AccessKey]) -> Principal {
        guard let key = keys.first(where: { $0.id == subscription.owner }), key.isActive else {
            return subscription.owner == nil ? Principal(keyID: nil, role: .admin, party: nil) : .anonymous
        }
        return Principal(keyID: key.id, role: Principal.Role(rawValue: key.role.rawValue), party: key.party)
    }

    struct WebhookRefused: Error, CustomStringConvertible {
        let status: Int
        var description: String { "the webhook answered HTTP \(status)" }
    }
}
