/// An error of the ledger: a proof or signature that does not check, a key file that cannot be used,
/// or a node store that does not hold what the log needs.
///
/// The shape follows NIO's `FileSystemError`: an extensible ``Code``, a message that names what failed, and the
/// underlying error when there is one, so a new code breaks no callers.
public struct TransparencyError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Hashable, Sendable {
            case malformedHash, leafIndexOutOfRange, treeSizeOutOfRange, missingNode, inclusionProofInvalid
            case consistencyProofInvalid, signatureInvalid, untrustedKey, treeHeadMismatch, leafDataMismatch
            case keyFileUnreadable, keyFileMalformed, keyFilePermissions, keyFileExists, proofDocumentMalformed
            case storeFailure, logUnavailable
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// A hash is not 64 hexadecimal digits (32 bytes).
        public static let malformedHash = Code(.malformedHash)
        /// A leaf index is not below the tree size it is asked for.
        public static let leafIndexOutOfRange = Code(.leafIndexOutOfRange)
        /// A tree size is larger than the log, or two sizes are in the wrong order.
        public static let treeSizeOutOfRange = Code(.treeSizeOutOfRange)
        /// The node store lacks a node that a tree of its size must hold.
        public static let missingNode = Code(.missingNode)
        /// An inclusion proof does not lead from the leaf to the root.
        public static let inclusionProofInvalid = Code(.inclusionProofInvalid)
        /// A consistency proof does not show that the first tree is a prefix of the second.
        public static let consistencyProofInvalid = Code(.consistencyProofInvalid)
        /// A tree head signature does not verify with the public key.
        public static let signatureInvalid = Code(.signatureInvalid)
        /// A tree head is signed by a key other than the one the caller trusts.
        public static let untrustedKey = Code(.untrustedKey)
        /// A proof and the tree head it is checked against name different tree sizes.
        public static let treeHeadMismatch = Code(.treeHeadMismatch)
        /// The leaf data in a proof document does not hash to its leaf hash.
        public static let leafDataMismatch = Code(.leafDataMismatch)
        /// The signing key file cannot be read or written.
        public static let keyFileUnreadable = Code(.keyFileUnreadable)
        /// The signing key file holds neither a PEM Ed25519 private key nor 32 raw bytes.
        public static let keyFileMalformed = Code(.keyFileMalformed)
        /// The signing key file can be read by users other than its owner.
        public static let keyFilePermissions = Code(.keyFilePermissions)
        /// A new signing key was asked for where a key file already exists.
        public static let keyFileExists = Code(.keyFileExists)
        /// A proof document is not the JSON form this module writes.
        public static let proofDocumentMalformed = Code(.proofDocumentMalformed)
        /// The node store failed to read or write; the store's error is the underlying error.
        public static let storeFailure = Code(.storeFailure)
        /// An earlier write to the node store failed, so the log refuses work until it is reloaded.
        public static let logUnavailable = Code(.logUnavailable)

        /// The code's name, e.g. `inclusionProofInvalid`.
        public var description: String { value.rawValue }
    }

    /// What kind of failure this is.
    public var code: Code
    /// What failed, in words a person can act on, e.g. `inclusion proof for leaf 5 in tree of size 8 ...`.
    public var message: String
    /// The error that caused this one, such as a store's or the file system's error.
    public var underlying: (any Error)?

    /// Creates an error.
    /// - Parameters:
    ///   - code: What kind of failure this is.
    ///   - message: What failed.
    ///   - underlying: The error that caused this one, if any.
    public init(_ code: Code, _ message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    /// The message.
    public var description: String { message }
}
