/// A small, fast, seedable pseudo-random generator (SplitMix64, Steele, Lea and Flood 2014).
///
/// The demo chains must be the same bytes for the same seed on every machine and every Swift version, so they
/// never use `SystemRandomNumberGenerator` nor the standard library's `random(in:)` algorithms (which may
/// change between releases): every draw goes through the helpers here.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    private var state: UInt64

    /// Makes a generator.
    /// - Parameter seed: any 64-bit value; equal seeds give equal sequences.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (bound ≥ 1; the modulo bias is negligible for the bounds used here).
    /// - Parameter bound: the exclusive upper bound.
    /// - Returns: the integer.
    public mutating func int(below bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        return Int(next() % UInt64(bound))
    }

    /// A uniform integer in a closed range.
    /// - Parameter range: the range.
    /// - Returns: the integer.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + int(below: range.count)
    }

    /// A uniform value in `0..<1` with 53 random bits.
    /// - Returns: the value.
    public mutating func unit() -> Double {
        Double(next() >> 11) / 9_007_199_254_740_992.0
    }

    /// True with the given probability.
    /// - Parameter probability: 0...1.
    /// - Returns: the draw.
    public mutating func chance(_ probability: Double) -> Bool {
        probability > 0 && unit() < probability
    }

    /// A uniformly chosen element.
    /// - Parameter elements: a non-empty array.
    /// - Returns: the element.
    public mutating func pick<T>(_ elements: [T]) -> T {
        elements[int(below: elements.count)]
    }

    /// `count` random decimal digits.
    /// - Parameter count: how many.
    /// - Returns: the digits.
    public mutating func digits(_ count: Int) -> String {
        var text = ""
        for _ in 0..<count { text.append(Character(Unicode.Scalar(UInt8(0x30 + int(below: 10))))) }
        return text
    }
}
