public import EPCIS
import Foundation

/// An event store in memory: the reference backend of the conformance suite, and a store for tests and demos.
public actor InMemoryEventStore: EventStore {
    /// The events in capture order (read by InMemoryEventStore+CaptureStatistics.swift).
    private(set) var stored: [StoredEvent] = []
    private var hashes: Set<String> = []
    private var declaredHashes: Set<String> = []
    private var positionsByID: [String: [Int]] = [:]
    var vocabularies: [Vocabulary] = []
    /// Keys, queries, subscriptions, registry changes and scans (InMemoryEventStore+Platform.swift).
    var platformBook = InMemoryPlatformBook()
    /// The recorded recalls (InMemoryEventStore+Recalls.swift).
    var recallBook = InMemoryRecallBook()
    /// Accepted capture jobs (CaptureJobs/InMemoryEventStore+CaptureJobs.swift).
    var captureJobBook = InMemoryCaptureJobBook()
    /// How far the events bound for each peer platform were pushed (Federation/InMemoryEventStore+Federation.swift).
    var pushCursors: [String: SubscriptionCursor] = [:]

    /// Makes an empty store.
    public init() {}

    public func capture(_ document: EPCISDocument, context: CaptureContext) throws(StorageError) -> CaptureReceipt {
        if let job = context.jobID, !captureJobBook.isPending(job) {
            throw StorageError(.notFound, "capture job \(job) is not pending; nothing was stored")
        }
        var plan = try CapturePlan(document, context: context)
        let known = Set(plan.events.map(\.id)).filter { positionsByID[$0] != nil }
        let planned = Set(plan.events.map(\.hashID))
        try plan.resolvingStored(
            hashes: planned.intersection(hashes), declaredHashes: planned.intersection(declaredHashes), ids: known)
        for event in plan.events {
            positionsByID[event.id, default: []].append(stored.count)
            if event.event.errorDeclaration == nil {
                hashes.insert(event.hashID)
            } else {
                declaredHashes.insert(event.hashID)
            }
            stored.append(event)
        }
        vocabularies += plan.masterData
        let receipt = CaptureReceipt(
            eventIDs: plan.events.map(\.id), masterDataElements: plan.masterData.reduce(0) { $0 + $1.elements.count },
            rejected: plan.rejected)
        if let job = context.jobID { captureJobBook.succeed(job, receipt: receipt, at: Date()) }
        return receipt
    }

    public func events(matching query: EPCISQuery, page: PageRequest) throws(StorageError) -> EventPage {
        let fingerprint = String(UInt64(bitPattern: Int64(query.hashValue)), radix: 36)
        var offset = 0
        if let token = page.token {
            let parts = token.split(separator: ".")
            guard parts.count == 2, parts[1] == Substring(fingerprint), let start = Int(parts[0]), start >= 0 else {
                throw StorageError(.invalidPageToken, "the page token does not belong to this query")
            }
            offset = start
        }
        let matcher = EventMatcher(masterData: InMemoryMasterData(vocabularies))
        let matching: [StoredEvent]
        do {
            matching = try matcher.apply(query, to: stored, event: \.event)
        } catch {
            throw StorageError(query: error)
        }
        let window = matching.dropFirst(offset).prefix(page.size)
        let events = Array(window)
        let next = offset + window.count < matching.count ? "\(offset + window.count).\(fingerprint)" : nil
        return EventPage(events: events, nextPageToken: next)
    }

    public func events(withID id: String) -> [StoredEvent] {
        (positionsByID[id] ?? []).map { stored[$0] }
    }
}
