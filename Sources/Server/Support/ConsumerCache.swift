import Foundation
import Storage
import Synchronization
import Web

/// What the consumer page shows of a code apart from its scan count. A code printed on thousands of packs is scanned
/// again and again, and its story changes only when events arrive, so an entry is kept:
/// - fresh for a minute;
/// - for up to ten minutes while nothing was captured through this server since it was computed (a capture by the
///   command line into the same file is seen within those ten minutes);
/// - after that, still served while a background task computes its successor, so that a busy code never makes a
///   scan wait for a trace (at most one refresh per code at a time).
/// A recall empties the cache at once, so that a recalled product's page turns red on the next scan; an entry
/// computed before the recall is not stored after it.
actor ConsumerCache {
    struct Entry: Sendable {
        var story: ConsumerStory
        var recalls: [ConsumerPageModel.Recall]
        var context: ConsumerPageModel.Context
        /// The rendered page around its scan line, by language and by whether it warns of many networks: each
        /// rendered the first time it is asked for and kept with the entry (a cold scan renders one page, not four).
        private let rendered = RenderedPieces()

        init(story: ConsumerStory, recalls: [ConsumerPageModel.Recall], context: ConsumerPageModel.Context) {
            self.story = story
            self.recalls = recalls
            self.context = context
        }

        /// The pieces of a language.
        func pieces(_ language: PageLanguage, manyNetworks: Bool) -> Pieces {
            // A story without a serial shows no many-networks warning: both variants are one page.
            let many = manyNetworks && story.serial != nil
            if let kept = rendered.pieces.withLock({ $0[language]?[many] }) { return kept }
            var context = context
            context.manyNetworks = many
            let fresh = Pieces(story: story, recalls: recalls, context: context, language: language)
            rendered.pieces.withLock { $0[language, default: [:]][many] = fresh }
            return fresh
        }
    }

    /// The pieces an entry rendered so far.
    final class RenderedPieces: Sendable {
        let pieces = Mutex<[PageLanguage: [Bool: Pieces]]>([:])
    }

    /// The page around its scan line: everything before it and everything after it. They depend on the scans only
    /// through whether the code was scanned from three networks or more (a warning), so a cached story keeps both
    /// variants and a scan only writes its own line between them.
    struct Pieces: Sendable {
        var head: String
        var tail: String

        init(
            story: ConsumerStory, recalls: [ConsumerPageModel.Recall], context: ConsumerPageModel.Context,
            language: PageLanguage
        ) {
            let page = PageRenderer.shared.render(
                ConsumerPageModel(story: story, recalls: recalls, context: context, language: language))
            let parts = page.components(separatedBy: ConsumerPageModel.scanLineMarker)
            head = parts.first ?? page
            tail = parts.dropFirst().joined()
        }
    }

    private struct Cached {
        var entry: Entry
        var at: ContinuousClock.Instant
        var generation: Int
    }

    private var entries: [String: Cached] = [:]
    private var refreshing: Set<String> = []
    /// Counts the invalidations, so that a computation that started before one is not stored after it.
    private var epoch = 0
    private let lifetime: Duration
    private let quietLifetime: Duration
    private let capacity: Int

    init(lifetime: Duration = .seconds(60), quietLifetime: Duration = .seconds(600), capacity: Int = 50_000) {
        self.lifetime = lifetime
        self.quietLifetime = quietLifetime
        self.capacity = capacity
    }

    /// The entry of a code: from the cache, or computed by `compute`.
    /// - Parameter generation: the capture generation now (``WakeSignal/generation``).
    func entry(_ key: String, generation: Int, _ compute: @escaping @Sendable () async throws -> Entry) async throws
        -> Entry
    {
        let now = ContinuousClock.now
        if let cached = entries[key] {
            let age = now - cached.at
            if age < lifetime || (cached.generation == generation && age < quietLifetime) { return cached.entry }
            if refreshing.insert(key).inserted {
                let started = epoch
                Task { await self.refresh(key, generation: generation, epoch: started, compute) }
            }
            return cached.entry
        }
        let started = epoch
        let fresh = try await compute()
        keep(fresh, for: key, at: now, generation: generation, epoch: started)
        return fresh
    }

    private func refresh(
        _ key: String, generation: Int, epoch started: Int, _ compute: @Sendable () async throws -> Entry
    ) async {
        defer { refreshing.remove(key) }
        let now = ContinuousClock.now
        // A failed refresh keeps the old entry; the next scan after the lifetime tries again.
        guard let fresh = try? await compute() else { return }
        keep(fresh, for: key, at: now, generation: generation, epoch: started)
    }

    private func keep(_ entry: Entry, for key: String, at: ContinuousClock.Instant, generation: Int, epoch started: Int) {
        guard started == epoch else { return }
        if entries.count >= capacity && entries[key] == nil { entries.removeAll(keepingCapacity: true) }
        entries[key] = Cached(entry: entry, at: at, generation: generation)
    }

    /// Forgets everything (a recall was issued).
    func invalidate() {
        epoch += 1
        entries.removeAll(keepingCapacity: true)
    }
}

extension TimedCache where Value == Names {
    /// The display names of parties, locations and products from the master data (cached for 30 seconds; a registry
    /// change through the server empties it at once).
    func names() async throws -> Names { try await value() }
}
