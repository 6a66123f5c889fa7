import EPCIS
import Foundation
import HTTPTypes
import Logging
import ServiceLifecycle
import Storage

/// Works through the accepted capture jobs for as long as the server runs: first the ones the store kept pending
/// across a restart, then each new one, in order. Captures of one store are serialised by its transaction, so one
/// job is written at a time; the next one is read, decoded and its first batch planned (on every core) meanwhile,
/// so that the writer does not wait for planning between jobs. Two jobs in hand at most keep memory bounded.
///
/// A job whose store is unavailable (a database restarting, a full disk) stays pending and is tried again after
/// 1 s, 2 s, 4 s … up to ``longestWait``: capture resumes by itself once the store is back. A job that is refused
/// ends as failed, with its problems, and is logged. On shutdown the job in hand is finished; the others stay
/// pending in the store and run after the next start.
struct CaptureService<Store: PlatformStore>: Service {
    let jobs: CaptureJobs
    let store: Store
    let metrics: PlatformMetrics
    let logger: Logger
    let onCaptured: @Sendable () async -> Void
    /// The longest wait between two tries of a job whose store is unavailable.
    var longestWait: Duration = .seconds(30)

    func run() async throws {
        await withGracefulShutdownHandler {
            await resumePending()
            var writing: Task<Void, Never>?
            for await id in jobs.queue {
                guard !Task.isShuttingDownGracefully else { break }
                // Planned while the job before it is written; written once that one has ended.
                let prepared = await prepare(id)
                await writing?.value
                guard !Task.isShuttingDownGracefully else {
                    prepared?.cancel()
                    break
                }
                writing = Task { await runJob(id, prepared: prepared) }
            }
            await writing?.value
        } onGracefulShutdown: {
            jobs.close()
        }
    }

    /// Queues the jobs the store kept pending (accepted before the last stop), waiting for the store if need be.
    private func resumePending() async {
        var failures = 0
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let ids = try await store.pendingCaptureIDs()
                if !ids.isEmpty {
                    logger.notice("resuming capture jobs accepted before the last stop", metadata: ["jobs": "\(ids.count)"])
                }
                for id in ids { jobs.submit(id) }
                return
            } catch {
                failures += 1
                logger.warning(
                    "the store cannot list pending capture jobs; trying again",
                    metadata: Self.metadata(error, ["tries": "\(failures)"]))
                guard await pause(afterFailures: failures) else { return }
            }
        }
    }

    /// Reads, decodes and starts planning a job (its first batch planned), for ``runJob(_:prepared:)``; nil when
    /// that fails in any way (the job then runs from the store as usual, which meets the same failure and treats it).
    func prepare(_ id: String) async -> CapturePipeline? {
        guard let pending = try? await store.pendingCapture(id: id) else { return nil }
        return try? plan(id, pending)
    }

    private func plan(_ id: String, _ pending: PendingCapture) throws -> CapturePipeline {
        let (document, locations, format) = try EPCISDocumentReader().readLocated(pending.body)
        var context = CaptureContext(errorBehaviour: pending.job.errorBehaviour)
        context.documentFormat = format
        context.jobID = id
        context.eventsValidated = jobs.wasValidated(id)
        return CapturePipeline(planning: document, locations: locations, context: context)
    }

    /// Runs one job until it has ended, or until shutdown while it waits for the store.
    /// - Parameters:
    ///   - id: the job.
    ///   - prepared: the job already planned (``prepare(_:)``), for the first try; later tries read it again.
    func runJob(_ id: String, prepared: CapturePipeline? = nil) async {
        var failures = 0
        var prepared = prepared
        while true {
            do {
                let pipeline: CapturePipeline
                if let ready = prepared {
                    pipeline = ready
                    prepared = nil
                } else {
                    guard let pending = try await store.pendingCapture(id: id) else {
                        jobs.ended(id)
                        return
                    }
                    pipeline = try plan(id, pending)
                }
                let receipt = try await store.capture(planned: pipeline)
                jobs.ended(id)
                metrics.count("events_captured", "events captured", by: receipt.eventIDs.count)
                if failures > 0 { logger.notice("capture job stored after waiting for the store", metadata: ["job": "\(id)"]) }
                await onCaptured()
                return
            } catch let error as StorageError where error.isTransient {
                failures += 1
                metrics.count("capture_retries", "capture job tries that found the store unavailable")
                jobs.setWaiting(id, "waiting for the store: \(error.message); tried \(failures) time(s), trying again")
                logger.warning(
                    "capture job waits for the store",
                    metadata: Self.metadata(error, ["job": "\(id)", "tries": "\(failures)"]))
                guard await pause(afterFailures: failures) else { return }
            } catch let error as StorageError where error.code == .notFound {
                // The job ended meanwhile (another process of the same store ran it).
                jobs.ended(id)
                return
            } catch {
                let problem = Problem.from(error)
                let level: Logger.Level = problem.status.code >= 500 ? .error : .notice
                logger.log(
                    level: level, "capture job refused; nothing of it was stored",
                    metadata: Self.metadata(error, ["job": "\(id)", "status": "\(problem.status.code)"]))
                metrics.count("captures_failed", "capture jobs that stored nothing")
                do {
                    let errors = problem.errors.map {
                        CaptureJobError(pointer: $0.pointer, detail: $0.detail, type: problem.type)
                    }
                    let detail = problem.detail ?? problem.title
                    let whole = CaptureJobError(pointer: "", detail: detail, type: problem.type)
                    try await store.failCapture(
                        id: id, errors: errors.isEmpty ? [whole] : errors, detail: detail, at: Date())
                    jobs.ended(id)
                    return
                } catch where error.isTransient {
                    failures += 1
                    guard await pause(afterFailures: failures) else { return }
                } catch {
                    jobs.ended(id)
                    logger.error("a refused capture job cannot be ended", metadata: Self.metadata(error, ["job": "\(id)"]))
                    return
                }
            }
        }
    }

    /// Waits before the next try; false when the server is shutting down instead.
    private func pause(afterFailures failures: Int) async -> Bool {
        let delay = min(RetrySchedule.delay(afterFailures: failures), longestWait)
        try? await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) }
        return !Task.isShuttingDownGracefully && !Task.isCancelled
    }

    /// What the log says of an error: its text and, for a store error, the database's own (never sent to a client).
    static func metadata(_ error: any Error, _ fields: Logger.Metadata) -> Logger.Metadata {
        var fields = fields
        fields["error"] = "\(error)"
        if let underlying = (error as? StorageError)?.underlying { fields["underlying"] = "\(String(reflecting: underlying))" }
        return fields
    }
}
