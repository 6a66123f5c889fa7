import Foundation
import ServiceLifecycle
import Storage

/// Collects consumer scans in memory and writes them in batches, so that a scan page never waits for a write
/// transaction. Each code's summary is read from the store once and then kept up to date in memory, so that the
/// page's count includes the scans not yet written.
actor ScanRecorder<Store: PlatformStateStore> {
    private let store: Store
    private let capacity: Int
    private var pending: [ScanRecord] = []
    private var summaries: [String: ScanSummary] = [:]
    /// Signalled when a scan waits to be written.
    nonisolated let pendingSignal = WakeSignal()

    init(store: Store, capacity: Int = 200_000) {
        self.store = store
        self.capacity = capacity
    }

    /// Records a scan and returns the code's summary including it.
    func record(_ scan: ScanRecord) async throws -> ScanSummary {
        if summaries[scan.key] == nil {
            let stored = try await store.scanSummary(key: scan.key)
            // Another scan of the same code may have been recorded while the store was read.
            if summaries[scan.key] == nil { summaries[scan.key] = stored }
        }
        var summary = summaries[scan.key] ?? .none
        summary.count += 1
        summary.first = min(summary.first ?? scan.at, scan.at)
        summary.last = max(summary.last ?? scan.at, scan.at)
        if let origin = scan.origin, !summary.origins.contains(origin) {
            summary.origins = (summary.origins + [origin]).sorted()
        }
        summaries[scan.key] = summary
        pending.append(scan)
        pendingSignal.signal()
        return summary
    }

    /// Whether scans wait to be written.
    var hasPending: Bool { !pending.isEmpty }

    /// Writes what is pending; forgets the summaries when there are too many (they are read again from the store,
    /// which then holds every scan).
    func flush() async throws {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        do {
            try await store.recordScans(batch)
        } catch {
            pending.insert(contentsOf: batch, at: 0)
            throw error
        }
        if summaries.count > capacity && pending.isEmpty { summaries.removeAll(keepingCapacity: true) }
    }
}

/// Writes the scans that wait, `interval` after the first of a batch came (so that a burst is one write), and once
/// more on shutdown. With nothing to write it sleeps until a scan comes: an idle server stays idle.
struct ScanFlushService<Store: PlatformStateStore>: Service {
    let recorder: ScanRecorder<Store>
    let interval: Duration

    func run() async throws {
        var failures = 0
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let seen = recorder.pendingSignal.generation
            if failures == 0, await !recorder.hasPending {
                try? await cancelWhenGracefulShutdown { await recorder.pendingSignal.wait(after: seen, until: nil) }
            }
            let pause = failures == 0 ? interval : min(RetrySchedule.delay(afterFailures: failures), .seconds(30))
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: pause) }
            do {
                try await recorder.flush()
                failures = 0
            } catch {
                failures += 1
            }
        }
        try await recorder.flush()
    }
}
