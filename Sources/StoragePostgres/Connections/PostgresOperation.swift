import Foundation
import Logging
import PostgresNIO
import Storage
import Synchronization

/// Runs one store operation on a pooled connection so that it always ends: with its result, or with
/// `.unavailable` when no connection can be had within ``leaseTimeout`` (the database is down or restarting) or
/// when the connection closes under it (the database restarted).
///
/// The operation runs in a task of its own, and the caller awaits a continuation that the first of three things
/// resumes: the operation ends, its connection closes, or the lease deadline passes without a connection. This is
/// the one place the store uses unstructured tasks, on purpose (docs/decisions/0012-store-faults.md): a query that
/// PostgresNIO never answers cannot be cancelled, and a task group would wait for it forever. The abandoned task
/// ends when its connection's resources do, or stays parked on that promise; either way the caller, the capture
/// queue behind it and the server's shutdown go on.
enum PostgresOperation {
    /// How long an operation waits for a connection before the store says it is unavailable: long enough for a busy
    /// pool on a loaded machine, short enough that a capture waiting on a database that is down tries again.
    static let leaseTimeout: Duration = .seconds(60)

    static func run<T: Sendable>(
        client: PostgresClient, watch: PostgresConnectionWatch, leaseTimeout: Duration = leaseTimeout,
        _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        let outcome = Outcome<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                outcome.arm(continuation)
                let work = Task {
                    do {
                        let value = try await client.withConnection { connection in
                            outcome.leased()
                            guard
                                let token = watch.attach(connection, onClose: {
                                    outcome.resume(.failure(Closed()))
                                })
                            else { throw Closed() }
                            defer { watch.detach(connection, token: token) }
                            return try await body(connection)
                        }
                        outcome.resume(.success(value))
                    } catch {
                        outcome.resume(.failure(error))
                    }
                }
                let deadline = Task {
                    try await Task.sleep(for: leaseTimeout)
                    if !outcome.hasLeased {
                        outcome.resume(.failure(NoConnection(waited: leaseTimeout)))
                        work.cancel()
                    }
                }
                outcome.hold(work: work, deadline: deadline)
            }
        } onCancel: {
            outcome.resume(.failure(CancellationError()))
            outcome.cancelWork()
        }
    }

    /// The connection closed while the operation held it.
    struct Closed: Error {}

    /// No connection within the lease deadline.
    struct NoConnection: Error {
        var waited: Duration
    }

    /// Where the first of the operation's endings goes; later ones are dropped.
    private final class Outcome<T: Sendable>: Sendable {
        private struct State {
            var continuation: CheckedContinuation<T, any Error>?
            var pending: Result<T, any Error>?
            var leased = false
            var work: Task<Void, Never>?
            var deadline: Task<Void, any Error>?
        }

        private let state = Mutex(State())

        func arm(_ continuation: CheckedContinuation<T, any Error>) {
            let early = state.withLock { state -> Result<T, any Error>? in
                if let pending = state.pending { return pending }
                state.continuation = continuation
                return nil
            }
            if let early { continuation.resume(with: early) }
        }

        func leased() { state.withLock { $0.leased = true } }

        var hasLeased: Bool { state.withLock { $0.leased } }

        func hold(work: Task<Void, Never>, deadline: Task<Void, any Error>) {
            let finished = state.withLock { state -> Bool in
                state.work = work
                state.deadline = deadline
                return state.continuation == nil && state.pending != nil
            }
            if finished { deadline.cancel() }
        }

        func resume(_ result: Result<T, any Error>) {
            let (continuation, deadline) = state.withLock { state -> (CheckedContinuation<T, any Error>?, Task<Void, any Error>?) in
                guard state.pending == nil else { return (nil, nil) }
                state.pending = result
                defer { state.continuation = nil }
                return (state.continuation, state.deadline)
            }
            deadline?.cancel()
            continuation?.resume(with: result)
        }

        func cancelWork() { state.withLock { $0.work }?.cancel() }
    }
}
