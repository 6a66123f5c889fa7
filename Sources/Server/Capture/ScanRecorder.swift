import Foundation
import ServiceLifecycle
import Storage

/// Collects consumer scans in memory and writes them in batches, so that a scan page never waits for a write
/// transaction; counts shown on pages add the scans not yet written.
actor ScanRecorder<Store: PlatformStateStore> {
    private let store: Store
    private var pending: [ScanRecord] = []
    private var pendingByKey: [String: [ScanRecord]] = [:]

    init(store: Store) { self.store = store }

    /// Records a scan and returns the summary including it.
    func record(_ scan: ScanRecord) async throws -> ScanSummary {
        pending.append(scan)
        pendingByKey[scan.key, default: []].append(scan)
        let stored = try await store.scanSummary(key: scan.key)
        let mine = pendingByKey[scan.key] ?? []
        let origins = Set(stored.origins + mine.compactMap(\.origin)).sorted()
        let times = mine.map(\.at) + [stored.first, stored.last].compactMap { $0 }
        return ScanSummary(count: stored.count + mine.count, first: times.min(), last: times.max(), origins: origins)
    }

    /// Writes what is pending.
    func flush() async throws {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        pendingByKey.removeAll(keepingCapacity: true)
        do {
            try await store.recordScans(batch)
        } catch {
            pending.insert(contentsOf: batch, at: 0)
            for scan in batch { pendingByKey[scan.key, default: []].append(scan) }
            throw error
        }
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
