/// The canonical pre-hash form of values (CBV 2.0 section 8.9.2: CBV URNs as web URIs, numbers normalised, GS1
/// identifiers as constrained canonical Digital Links), each value worked out once.
///
/// The events of one document name the same locations, parties, classes and vocabulary thousands of times, and
/// their canonical forms cost far more than a look-up (the Digital Link normalisation of an EPC URN, the vocabulary
/// rewrites). A value's canonical form depends on nothing but the value, so a remembered answer is the answer
/// ``EventHasher`` would work out again: hashes are the same with or without a cache.
///
/// Keep one per thread (a planner keeps one per chunk of events) and pass it to
/// ``EventHasher/hashID(for:values:)``; it grows with the distinct values it has seen.
public struct PreHashValueCache {
    private var canonical: [String: String] = [:]
    private let remembers: Bool

    /// An empty cache.
    public init() {
        remembers = true
    }

    private init(remembers: Bool) {
        self.remembers = remembers
    }

    /// A cache that remembers nothing, for hashing one event.
    static var none: PreHashValueCache { PreHashValueCache(remembers: false) }

    /// How many distinct values it holds.
    public var count: Int { canonical.count }

    /// The canonical form of `text` (`HashValueCanonicaliser.canonical`), remembered.
    mutating func canonical(_ text: String) -> String {
        guard remembers else { return HashValueCanonicaliser.canonical(text) }
        if let known = canonical[text] { return known }
        let value = HashValueCanonicaliser.canonical(text)
        canonical[text] = value
        return value
    }
}
