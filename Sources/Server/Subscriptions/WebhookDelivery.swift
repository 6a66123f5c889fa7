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
/// `GS1-Signature: sha256=HEX` (HMAC-SHA256 of the body with the subscription's `signatureToken`). A stream
/// subscription gets each new batch as it is captured; a scheduled one gets, at each time of its schedule, everything
/// recorded since its last run (an empty document too when it asked for `reportIfEmpty`). The cursor moves only
/// after a 2xx answer, so a subscription resumes after a restart from its last acknowledged record time and never
/// re-sends what was acknowledged; a failure is retried with exponential backoff. A schedule time missed while the
/// server was down is made up once, not once per missed time.
struct WebhookDeliveryService<Store: PlatformStore>: Service {
    let platform: Platform<Store>
    let client: HTTPClient

    /// What the service remembers between rounds: retry backoff per subscription and when each scheduled
    /// subscription last ran (a run that had nothing to send records nothing in the store).
    struct Rounds {
        var retries: [String: RetrySchedule] = [:]
        var lastRun: [String: Date] = [:]
    }

    func run() async throws {
        var rounds = Rounds()
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let seen = platform.captured.generation
            let next = await deliverRound(&rounds)
            // Sleep until a capture or a new subscription, or until the next thing falls due; with no subscription
            // there is nothing to wait for but a signal.
            try? await cancelWhenGracefulShutdown { await platform.captured.wait(after: seen, until: next) }
        }
    }

    /// One pass over every subscription, at `now` (wall-clock time, which schedules are read in).
    /// - Returns: when the next pass is due without a signal: the next retry or scheduled time, or the poll interval
    ///   when there are stream subscriptions (another process may capture into the same store); nil when nothing is.
    @discardableResult
    func deliverRound(_ rounds: inout Rounds, now: Date = Date()) async -> ContinuousClock.Instant? {
        let start = ContinuousClock.now
        var next: ContinuousClock.Instant?
        func due(_ instant: ContinuousClock.Instant) { next = min(next ?? instant, instant) }
        do {
            let subscriptions = try await platform.store.subscriptions(queryName: nil)
            guard !subscriptions.isEmpty else { return nil }
            let keys = try await platform.store.accessKeys()
            let visibility = try await platform.visibility()
            for subscription in subscriptions {
                let instant = ContinuousClock.now
                let retry = rounds.retries[subscription.id, default: RetrySchedule()]
                guard retry.isDue(at: instant) else {
                    if let notBefore = retry.notBefore { due(notBefore) }
                    continue
                }
                if let schedule = subscription.schedule {
                    let last = rounds.lastRun[subscription.id] ?? subscription.lastNotifiedAt ?? subscription.createdAt
                    guard let time = schedule.next(after: last) else { continue }
                    guard time <= now else {
                        due(start + .milliseconds(Int64(time.timeIntervalSince(now) * 1_000)))
                        continue
                    }
                } else {
                    due(start + platform.configuration.subscriptionPollInterval)
                }
                let principal = owner(of: subscription, keys: keys)
                do {
                    if let schedule = subscription.schedule {
                        try await runScheduled(subscription, visibility: visibility, principal: principal, now: now)
                        rounds.lastRun[subscription.id] = now
                        rounds.retries[subscription.id] = RetrySchedule()
                        if let time = schedule.next(after: now) {
                            due(start + .milliseconds(Int64(time.timeIntervalSince(now) * 1_000)))
                        }
                    } else if try await deliver(subscription, visibility: visibility, principal: principal) != nil {
                        rounds.retries[subscription.id] = RetrySchedule()
                    }
                } catch {
                    rounds.retries[subscription.id, default: RetrySchedule()].failed(at: instant)
                    if let notBefore = rounds.retries[subscription.id]?.notBefore { due(notBefore) }
                    platform.metrics.count("webhook_failures", "webhook deliveries that failed")
                    platform.logger.warning(
                        "webhook delivery failed",
                        metadata: ["subscription": "\(subscription.id)", "error": "\(error)"])
                }
            }
        } catch {
            platform.logger.error("subscription round failed", metadata: ["error": "\(error)"])
            due(start + .seconds(5))
        }
        return next
    }

    /// One scheduled run: every batch recorded since the last acknowledged delivery, or an empty document when
    /// there is none and the subscription asked for `reportIfEmpty`.
    func runScheduled(_ subscription: Subscription, visibility: Visibility, principal: Principal, now: Date)
        async throws
    {
        var current = subscription
        var sent = 0
        while let cursor = try await deliver(current, visibility: visibility, principal: principal) {
            current.cursor = cursor
            sent += 1
        }
        if sent == 0 && subscription.reportIfEmpty {
            _ = try await deliver(current, visibility: visibility, principal: principal, evenIfEmpty: true)
        }
    }

    /// Delivers one batch; the cursor after it when something was delivered and acknowledged, else nil.
    func deliver(
        _ subscription: Subscription, visibility: Visibility, principal: Principal, evenIfEmpty: Bool = false
    ) async throws -> SubscriptionCursor? {
        guard let query = try await platform.store.namedQuery(name: subscription.queryName) else { return nil }
        let feed = SubscriptionFeed(store: platform.store)
        let events = try await feed.next(
            query: query, cursor: subscription.cursor, initial: subscription.initialRecordTime, visibility: visibility,
            principal: principal)
        guard !events.isEmpty || evenIfEmpty else { return nil }
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
        let cursor = SubscriptionFeed<Store>.advance(subscription.cursor, past: events)
        try await platform.store.advanceSubscription(
            id: subscription.id, to: events.isEmpty ? nil : cursor, notifiedAt: Date())
        platform.metrics.count("webhook_events_delivered", "events delivered to webhooks", by: events.count)
        return events.isEmpty ? subscription.cursor : cursor
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
