import EPCIS
import Foundation
import ServiceLifecycle
import Storage

/// One capture job of the EPCIS 2.0 REST binding (`POST /capture` → `GET /capture/{id}`).
struct CaptureJob: Sendable {
    /// The job's state (EPCIS 2.0 OpenAPI, `CaptureJob`): running and success as the binding's table defines them.
    enum State: String, Sendable {
        case queued, running, succeeded, failed
    }

    let id: String
    let createdAt: Date
    let errorBehaviour: CaptureContext.ErrorBehaviour
    let eventCount: Int
    let capturedBy: String
    var state: State = .queued
    var finishedAt: Date?
    var eventIDs: [String] = []
    var errors: [Problem.Entry] = []
    var detail: String?

    /// The job as the binding shows it.
    var document: Document {
        Document(
            captureID: id, createdAt: createdAt, finishedAt: finishedAt,
            running: state == .queued || state == .running, success: state != .failed && errors.isEmpty,
            captureErrorBehaviour: errorBehaviour.rawValue, eventCount: eventCount, capturedEventCount: eventIDs.count,
            errors: errors, detail: detail)
    }

    struct Document: Encodable, Sendable {
        var captureID: String
        var createdAt: Date
        var finishedAt: Date?
        var running: Bool
        var success: Bool
        var captureErrorBehaviour: String
        var eventCount: Int
        var capturedEventCount: Int
        var errors: [Problem.Entry]
        var detail: String?
    }
}

/// The capture jobs of a running server and the queue the ``CaptureService`` works through, one document at a time
/// (captures of one store are serialised by its transaction anyway; one at a time keeps memory bounded).
///
/// Jobs live in memory; the last `retained` finished jobs are kept for `GET /capture/{id}`.
actor CaptureJobs {
    struct Work: Sendable {
        let id: String
        let document: EPCISDocument
        let locations: [EventLocation]?
        let context: CaptureContext
    }

    private var jobs: [String: CaptureJob] = [:]
    private var order: [String] = []
    private let retained: Int
    nonisolated let queue: AsyncStream<Work>
    private nonisolated let continuation: AsyncStream<Work>.Continuation

    init(retained: Int = 10_000) {
        self.retained = retained
        (queue, continuation) = AsyncStream.makeStream(of: Work.self)
    }

    /// Queues a document and returns its job's ID.
    func enqueue(
        _ document: EPCISDocument, locations: [EventLocation]?, context: CaptureContext, by principal: Principal
    ) -> String {
        let id = UUID().uuidString.lowercased()
        jobs[id] = CaptureJob(
            id: id, createdAt: Date(), errorBehaviour: context.errorBehaviour, eventCount: document.events.count,
            capturedBy: principal.name)
        order.append(id)
        trim()
        continuation.yield(Work(id: id, document: document, locations: locations, context: context))
        return id
    }

    func job(_ id: String) -> CaptureJob? { jobs[id] }

    /// The newest jobs first.
    func latest(_ limit: Int) -> [CaptureJob] { order.suffix(limit).reversed().compactMap { jobs[$0] } }

    func markRunning(_ id: String) { jobs[id]?.state = .running }

    func finish(_ id: String, receipt: CaptureReceipt) {
        jobs[id]?.state = .succeeded
        jobs[id]?.finishedAt = Date()
        jobs[id]?.eventIDs = receipt.eventIDs
        jobs[id]?.errors = receipt.rejected.map { Problem.Entry(pointer: $0.location, detail: $0.message) }
    }

    func fail(_ id: String, problem: Problem) {
        jobs[id]?.state = .failed
        jobs[id]?.finishedAt = Date()
        jobs[id]?.detail = problem.detail
        jobs[id]?.errors = problem.errors.isEmpty ? [Problem.Entry(pointer: "", detail: problem.detail ?? problem.title)]
            : problem.errors
    }

    /// Ends the queue: the service finishes the work in hand and stops.
    nonisolated func close() { continuation.finish() }

    private func trim() {
        while order.count > retained, let first = order.first, jobs[first]?.finishedAt != nil {
            jobs[first] = nil
            order.removeFirst()
        }
    }
}

/// Works through the capture queue for as long as the server runs; on shutdown it finishes the job in hand.
struct CaptureService<Store: PlatformStore>: Service {
    let jobs: CaptureJobs
    let store: Store
    let metrics: PlatformMetrics
    let onCaptured: @Sendable () async -> Void

    func run() async throws {
        await withGracefulShutdownHandler {
            for await work in jobs.queue {
                await jobs.markRunning(work.id)
                do {
                    let receipt = try await store.capture(work.document, locations: work.locations, context: work.context)
                    await jobs.finish(work.id, receipt: receipt)
                    metrics.count("events_captured", "events captured", by: receipt.eventIDs.count)
                    await onCaptured()
                } catch {
                    await jobs.fail(work.id, problem: Problem.from(error))
                    metrics.count("captures_failed", "capture jobs that stored nothing")
                }
            }
        } onGracefulShutdown: {
            jobs.close()
        }
    }
}
