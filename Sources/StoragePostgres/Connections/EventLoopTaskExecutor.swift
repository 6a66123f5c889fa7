import NIOCore

/// A task executor that runs jobs on one NIO event loop: code under `withTaskExecutorPreference(_:)` of it runs on
/// that loop's thread, so that PostgresNIO's calls which act at once when made on their connection's loop
/// (``PostgresConnection/copyBinary(into:columns:_:logger:)`` relies on it) do so, between the loop's own events.
final class EventLoopTaskExecutor: TaskExecutor, @unchecked Sendable {
    // @unchecked: the one stored property is a constant EventLoop, which is thread-safe by contract.
    private let loop: any EventLoop

    /// An executor on `loop`.
    init(_ loop: any EventLoop) { self.loop = loop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
