public import Foundation

/// The capture jobs of an ``InMemoryEventStore``, in acceptance order.
struct InMemoryCaptureJobBook: Sendable {
    var jobs: [CaptureJobRecord] = []
    var bodies: [String: Data] = [:]

    /// Ends a pending job as succeeded (the capture's part, under the actor's isolation like the capture itself).
    mutating func succeed(_ id: String, receipt: CaptureReceipt, at date: Date) {
        guard let index = jobs.firstIndex(where: { $0.id == id && $0.state == .pending }) else { return }
        jobs[index].state = .succeeded
        jobs[index].finishedAt = RecallRecord.milliseconds(date)
        jobs[index].capturedEventCount = receipt.eventIDs.count
        jobs[index].errors = receipt.jobErrors
        bodies[id] = nil
        forgetOld()
    }

    func isPending(_ id: String) -> Bool { jobs.contains { $0.id == id && $0.state == .pending } }

    mutating func forgetOld() {
        let excess = jobs.count - retainedCaptureJobs
        guard excess > 0 else { return }
        let cut = jobs.count - retainedCaptureJobs
        var seen = 0
        jobs.removeAll { job in
            defer { seen += 1 }
            return seen < cut && job.isFinished
        }
    }
}

extension InMemoryEventStore: CaptureJobStore {
    public func enqueueCapture(_ job: CaptureJobRecord, body: Data) throws(StorageError) {
        guard !captureJobBook.jobs.contains(where: { $0.id == job.id }) else {
            throw StorageError(.alreadyExists, "capture job \(job.id) already exists")
        }
        var kept = job
        kept.createdAt = RecallRecord.milliseconds(job.createdAt)
        captureJobBook.jobs.append(kept)
        captureJobBook.bodies[job.id] = body
    }

    public func pendingCaptureIDs() -> [String] {
        captureJobBook.jobs.filter { $0.state == .pending }.map(\.id)
    }

    public func pendingCapture(id: String) -> PendingCapture? {
        guard let job = captureJobBook.jobs.first(where: { $0.id == id && $0.state == .pending }),
            let body = captureJobBook.bodies[id]
        else { return nil }
        return PendingCapture(job: job, body: body)
    }

    public func failCapture(id: String, errors: [CaptureJobError], detail: String, at date: Date)
        throws(StorageError)
    {
        guard let index = captureJobBook.jobs.firstIndex(where: { $0.id == id && $0.state == .pending }) else {
            throw StorageError(.notFound, "no pending capture job \(id)")
        }
        captureJobBook.jobs[index].state = .failed
        captureJobBook.jobs[index].finishedAt = RecallRecord.milliseconds(date)
        captureJobBook.jobs[index].errors = errors
        captureJobBook.jobs[index].detail = detail
        captureJobBook.bodies[id] = nil
        captureJobBook.forgetOld()
    }

    public func captureJob(id: String) -> CaptureJobRecord? { captureJobBook.jobs.first { $0.id == id } }

    public func captureJobs(capturedBy: String?, limit: Int) -> [CaptureJobRecord] {
        Array(captureJobBook.jobs.reversed().filter { capturedBy == nil || $0.capturedBy == capturedBy }.prefix(limit))
    }
}
