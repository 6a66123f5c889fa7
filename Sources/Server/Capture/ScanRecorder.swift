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
        return summary
    }

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

/// Flushes the scan recorder on an interval, and once more on shutdown.
struct ScanFlushService<Store: PlatformStateStore>: Service {
    let recorder: ScanRecorder<Store>
    let interval: Duration

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await Task.sleep(for: interval)
            try? await recorder.flush()
        }
        try await recorder.flush()
    }
}
