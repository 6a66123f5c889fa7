import Foundation
import Storage

/// What the consumer page shows of a code apart from its scan count, kept for a minute: a code printed on thousands
/// of packs is scanned again and again, and its story changes only when events arrive. A recall empties the cache at
/// once, so that a recalled product's page turns red on the next scan; other news reaches the page within a minute.
actor ConsumerCache {
    struct Entry: Sendable {
        var story: ConsumerStory
        var recalls: [ConsumerPage.Recall]
        var cloneFindings: Int
        /// The rendered page around its scan line, without and with the many-networks warning.
        var pieces: ConsumerPage.Pieces
        var piecesManyNetworks: ConsumerPage.Pieces

        init(story: ConsumerStory, recalls: [ConsumerPage.Recall], cloneFindings: Int, linksetURL: String, qrURL: String) {
            self.story = story
            self.recalls = recalls
            self.cloneFindings = cloneFindings
            let page = ConsumerPage(
                story: story, recalls: recalls, scans: .none, cloneFindings: cloneFindings, linksetURL: linksetURL,
                qrURL: qrURL)
            pieces = page.pieces(manyNetworks: false)
            piecesManyNetworks = story.serial == nil ? pieces : page.pieces(manyNetworks: true)
        }
    }

    private var entries: [String: (entry: Entry, at: ContinuousClock.Instant)] = [:]
    private let lifetime: Duration
    private let capacity: Int

    init(lifetime: Duration = .seconds(60), capacity: Int = 50_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The entry of a code, from the cache or from `compute`.
    func entry(_ key: String, _ compute: @Sendable () async throws -> Entry) async throws -> Entry {
        let now = ContinuousClock.now
        if let cached = entries[key], now - cached.at < lifetime { return cached.entry }
        let fresh = try await compute()
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = (fresh, now)
        return fresh
    }

    /// Forgets everything (a recall was issued).
    func invalidate() { entries.removeAll(keepingCapacity: true) }
}

extension TimedCache where Value == Names {
    /// The display names of parties, locations and products from the master data (cached for 30 seconds; a registry
    /// change through the server empties it at once).
    func names() async throws -> Names { try await value() }
}
