import Synchronization

/// Wakes the services that wait for something to happen (a capture, a new subscription, a consumer scan to write),
/// so that they sleep until then instead of polling: an idle server stays idle.
///
/// Each signal moves a generation counter on; ``wait(after:until:)`` returns at once when the counter has moved since
/// the caller read it, so that a signal between the read and the wait is never missed.
final class WakeSignal: Sendable {
    private struct State {
        var generation = 0
        var nextWaiter: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    /// How many signals there have been (a cache compares it to tell whether anything happened since it computed
    /// an entry).
    var generation: Int { state.withLock { $0.generation } }

    /// Says that something happened; wakes every waiter.
    func signal() {
        let waiters = state.withLock { state in
            state.generation += 1
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Waits until a signal comes after `generation`, until `deadline` (forever when nil), or until the task is
    /// cancelled, whichever is first.
    func wait(after generation: Int, until deadline: ContinuousClock.Instant?) async {
        guard let deadline else {
            await waitForSignal(after: generation)
            return
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.waitForSignal(after: generation) }
            group.addTask { try? await Task.sleep(until: deadline, clock: .continuous) }
            await group.next()
            group.cancelAll()
        }
    }

    private func waitForSignal(after generation: Int) async {
        let id = state.withLock { state -> UInt64 in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.generation != generation || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume()
        }
    }
}
