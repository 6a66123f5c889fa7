import NIOCore
import PostgresNIO
import Synchronization

/// Tells the store's operations when the connection they hold closes.
///
/// PostgresNIO 1.33 never answers a query written to a connection that has just closed (the write finds no handler
/// and its promise is dropped): a `pg_ctl restart` under load left a capture awaiting forever, every later capture
/// queued behind it, and shutdown waiting for it (docs/decisions/0012-store-faults.md). An operation attaches a
/// handler for as long as it holds a connection; when the connection's `closeFuture` completes, every attached
/// handler is called, so the operation can give up instead of waiting.
///
/// One `closeFuture` callback is registered per connection, not per operation: a pooled connection serves millions
/// of operations, and NIO keeps a future's callbacks until it completes.
final class PostgresConnectionWatch: Sendable {
    private struct Watched {
        var handlers: [UInt64: @Sendable () -> Void] = [:]
    }

    private struct State {
        var connections: [PostgresConnection.ID: Watched] = [:]
        var nextToken: UInt64 = 0
    }

    private let state = Mutex(State())

    /// Calls `onClose` once if `connection` closes before ``detach(_:token:)``.
    /// - Returns: the token to detach with, or nil when the connection is closed already (`onClose` is not called).
    func attach(_ connection: PostgresConnection, onClose: @escaping @Sendable () -> Void) -> UInt64? {
        guard !connection.isClosed else { return nil }
        let (token, isNew) = state.withLock { state in
            state.nextToken += 1
            let isNew = state.connections[connection.id] == nil
            state.connections[connection.id, default: Watched()].handlers[state.nextToken] = onClose
            return (state.nextToken, isNew)
        }
        if isNew {
            // Registered outside the lock: a future that is already complete runs its callback at once.
            let id = connection.id
            connection.closeFuture.whenComplete { [self] _ in
                let handlers = state.withLock { $0.connections.removeValue(forKey: id)?.handlers.values } ?? [:].values
                for handler in handlers { handler() }
            }
        }
        return token
    }

    /// Forgets a handler (the operation let go of the connection).
    func detach(_ connection: PostgresConnection, token: UInt64) {
        state.withLock { state in
            _ = state.connections[connection.id]?.handlers.removeValue(forKey: token)
        }
    }
}
