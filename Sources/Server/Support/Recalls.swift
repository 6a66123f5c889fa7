public import EPCIS
import Federation
import Foundation
public import Storage
public import TraceEngine

/// Issuing a recall: trace forward, record it with every holder and quantity, and notify the holders through the
/// event stream itself. Each holder gets an ObjectEvent (OBSERVE, bizStep `holding`, disposition `recalled`) at its
/// location with the quantity to withdraw and the recall's ID, so that its webhook and WebSocket subscriptions
/// deliver the notice like any other event, and the identifier's current state shows `recalled`. The server, the
/// console, `suyuan recall` and `suyuan serve --demo` all issue recalls here.
public enum RecallIssuer {
    /// The namespace of the platform's event extensions.
    public static var namespace: String { "https://ns.suyuan.org/epcis#" }

    /// Traces forward, records the recall, and captures the holders' notice events.
    /// - Parameters:
    ///   - key: the recalled identifier's canonical key.
    ///   - reason: why.
    ///   - initiator: who.
    ///   - store: the store.
    ///   - budget: the trace's budget.
    /// - Returns: the recorded recall and the trace behind it.
    /// - Throws: ``StorageError`` or a trace error; nothing is recorded then.
    public static func issue<Store: PlatformStore>(
        _ key: String, reason: String, by initiator: String, in store: Store, budget: TraceBudget = TraceBudget()
    ) async throws -> (RecallRecord, RecallResult) {
        try await issue(key, reason: reason, by: initiator, in: store, tracing: store, budget: budget)
    }

    /// Traces forward over `source` (this store, or the federation), records the recall with each holder's
    /// platform, and captures the notice events of the holders homed here; the holders on other platforms get
    /// theirs from their own platform once the recall is relayed there.
    /// - Parameters:
    ///   - key: the recalled identifier's canonical key.
    ///   - reason: why.
    ///   - initiator: who.
    ///   - store: the store.
    ///   - source: the event graph to trace.
    ///   - platformOf: the platform a holder is homed on when it is another one.
    ///   - budget: the trace's budget.
    /// - Returns: the recorded recall and the trace behind it.
    /// - Throws: ``StorageError`` or a trace error; nothing is recorded then.
    public static func issue<Store: PlatformStore, Source: TraceGraphSource>(
        _ key: String, reason: String, by initiator: String, in store: Store, tracing source: Source,
        platformOf: (Holder) -> String? = { _ in nil }, budget: TraceBudget = TraceBudget()
    ) async throws -> (RecallRecord, RecallResult) {
        let engine = TraceEngine(source: source)
        let recall = try await engine.recall(key, reason: reason, budget: budget)
        guard !recall.trace.events.isEmpty else {
            throw StorageError(.notFound, "no event names \(key): there is nothing to recall; nothing was recorded")
        }
        let record = try await store.record(
            RecallRecord(
                root: recall.trace.root, reason: reason, initiatedBy: initiator, issuedAt: recall.issuedAt,
                identifiers: recall.trace.identifiers, parties: recall.trace.parties,
                eventCount: recall.trace.events.count, depth: recall.trace.depth, truncated: recall.trace.truncated,
                holders: recall.withdrawals.map {
                    RecallHolder(party: $0.party, location: $0.location, identifier: $0.identifier,
                                 quantity: $0.quantity, uom: $0.uom, platform: platformOf($0), serials: $0.serials)
                }))
        let notices = Self.notices(for: record, holders: record.holders.filter { $0.platform == nil })
        if !notices.events.isEmpty {
            _ = try await store.capture(notices, locations: nil, context: CaptureContext())
        }
        return (record, recall)
    }

    /// The notice events of a recall, one per holder (of the holders given, else of all).
    public static func notices(for record: RecallRecord, holders: [RecallHolder]? = nil) -> EPCISDocument {
        let now = EPCISDateTime(Date())
        var events: [EPCISEvent] = []
        for holder in holders ?? record.holders {
            var event = EPCISEvent(type: .objectEvent, eventTime: now, eventTimeZoneOffset: "+00:00")
            event.action = .observe
            event.bizStep = CBVValue("holding", in: .bizStep)
            event.disposition = CBVValue("recalled", in: .disposition)
            let unit = holder.uom == "EA" ? nil : holder.uom
            event.quantityList = [
                QuantityElement(
                    epcClass: IdentifierURI(holder.identifier), quantity: holder.quantity > 0 ? holder.quantity : nil,
                    uom: holder.quantity > 0 ? unit : nil)
            ]
            event.bizLocation = LocationReference(id: IdentifierURI(holder.location))
            if let party = holder.party, let type = CBVValue("owning_party", in: .sourceDestType) {
                event.destinationList = [SourceDestination(type: type, id: IdentifierURI(party))]
            }
            event.extensions = [
                ExtensionElement(
                    name: QualifiedName(namespace: namespace, localName: "recallID", prefix: "suyuan"),
                    value: .string(record.id)),
                ExtensionElement(
                    name: QualifiedName(namespace: namespace, localName: "recallReason", prefix: "suyuan"),
                    value: .string(record.reason)),
            ]
            events.append(event)
        }
        var document = EPCISDocument(kind: .document, events: events)
        document.creationDate = now
        document.namespaces = [NamespaceDeclaration(prefix: "suyuan", namespace: namespace)]
        return document
    }
}

/// The server's recalls: issued through ``RecallIssuer``, then the subscription deliverers are woken.
struct Recalls<Store: PlatformStore> {
    let platform: Platform<Store>

    func issue(
        _ key: String, reason: String, by initiator: String, principal: Principal? = nil,
        budget: TraceBudget = TraceBudget()
    ) async throws -> (RecallRecord, RecallResult) {
        let issued: (RecallRecord, RecallResult)
        if platform.directory.isFederated {
            // Traced across the federation on the regulator's behalf; the holders on other platforms are relayed
            // the recall by the federation service (woken by the signal below).
            let source = FederatedTraceSource(local: platform.store, peers: platform.peers, onBehalfOf: "regulator")
            issued = try await RecallIssuer.issue(
                key, reason: reason, by: initiator, in: platform.store, tracing: source,
                platformOf: { [platform] in platform.foreignHome(of: $0.party) ?? platform.foreignHome(of: $0.location) },
                budget: budget)
        } else {
            issued = try await RecallIssuer.issue(key, reason: reason, by: initiator, in: platform.store, budget: budget)
        }
        platform.captured.signal()
        await platform.consumer.invalidate()
        platform.metrics.count("recalls_issued", "recalls issued")
        return issued
    }
}
