/// Why a federation step failed: a peers file, a peer's answer, or its evidence.
public struct FederationError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidPeers, unreachable, refused, invalidAnswer, unverified
        }
        private let base: Base
        /// The peers file breaks a rule.
        public static let invalidPeers = Code(base: .invalidPeers)
        /// The peer did not answer in time, or not at all.
        public static let unreachable = Code(base: .unreachable)
        /// The peer answered with an error status.
        public static let refused = Code(base: .refused)
        /// The answer cannot be read.
        public static let invalidAnswer = Code(base: .invalidAnswer)
        /// The evidence does not verify (signature, key or inclusion proof).
        public static let unverified = Code(base: .unverified)
        public var description: String { base.rawValue }
    }

    /// The kind.
    public var code: Code
    /// What went wrong, naming the place.
    public var message: String

    /// Makes one.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
