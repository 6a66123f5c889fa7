public import Foundation

/// A self-contained inclusion proof document: one leaf, its audit path and the signed tree head it leads to, so
/// that anyone can check offline, without the store, that the log holds the leaf (`suyuan verify-proof FILE`).
///
/// In JSON (`format` = ``formatIdentifier``):
/// ```json
/// { "format": "suyuan-inclusion-proof/v1", "eventID": "urn:uuid:…", "leafData": "…hex…",
///   "leafHash": "…", "leafIndex": 5, "treeSize": 8, "auditPath": ["…", "…", "…"],
///   "signedTreeHead": { "treeHead": { "treeSize": 8, "rootHash": "…", "timestamp": 1763769600000 },
///                       "signature": "…", "publicKey": "…" } }
/// ```
/// Hashes, keys and signatures are lowercase hexadecimal; `leafHash` is SHA-256(0x00 || leafData) and the path is
/// the RFC 9162 PATH, so any RFC 9162 verifier can check it with the tree head's root.
public struct InclusionProofBundle: Hashable, Sendable {
    /// The value of `format` in the JSON form.
    public static let formatIdentifier = "suyuan-inclusion-proof/v1"

    /// What the leaf stands for, e.g. the event's ID; a label for people, not checked.
    public var eventID: String?
    /// The leaf's entry bytes, when the document carries them; then the verifier checks that they hash to the leaf.
    public var leafData: Data?
    /// The leaf index, tree size, leaf hash and audit path.
    public var proof: InclusionProof
    /// The signed tree head of size ``InclusionProof/treeSize`` whose root the path must reach.
    public var signedTreeHead: SignedTreeHead

    /// Creates a proof document.
    /// - Parameters:
    ///   - proof: The inclusion proof.
    ///   - signedTreeHead: The signed tree head of the same size.
    ///   - leafData: The leaf's entry bytes, if they may be shown.
    ///   - eventID: What the leaf stands for.
    public init(proof: InclusionProof, signedTreeHead: SignedTreeHead, leafData: Data? = nil, eventID: String? = nil) {
        self.proof = proof
        self.signedTreeHead = signedTreeHead
        self.leafData = leafData
        self.eventID = eventID
    }

    /// Checks the whole document, offline: the leaf data (if present) against the leaf hash, the proof's size
    /// against the tree head's, the tree head's signature, and the audit path against the signed root.
    /// - Parameter trustedKey: The log's public key as the verifier knows it; nil to accept the carried key.
    /// - Throws: `TransparencyError` with `leafDataMismatch`, `treeHeadMismatch`, `untrustedKey`,
    ///   `signatureInvalid` or `inclusionProofInvalid`, naming what failed.
    public func verify(trusting trustedKey: LogPublicKey? = nil) throws {
        if let leafData {
            let computed = RFC9162.leafHash(leafData)
            guard computed == proof.leafHash else {
                throw TransparencyError(
                    .leafDataMismatch,
                    "leaf data hashes to \(computed.hex), not to the leaf hash \(proof.leafHash.hex): the leaf's "
                        + "content was changed"
                )
            }
        }
        guard proof.treeSize == signedTreeHead.treeHead.treeSize else {
            throw TransparencyError(
                .treeHeadMismatch,
                "the proof is for a tree of size \(proof.treeSize), the signed tree head for size "
                    + "\(signedTreeHead.treeHead.treeSize)"
            )
        }
        try signedTreeHead.verify(trusting: trustedKey)
        try proof.verify(rootHash: signedTreeHead.treeHead.rootHash)
    }

    /// Reads a proof document from its JSON form.
    /// - Parameter json: The document.
    /// - Returns: The proof document.
    /// - Throws: `TransparencyError.proofDocumentMalformed`, naming the field, when it is not this JSON form.
    public static func decode(json: Data) throws -> InclusionProofBundle {
        do {
            return try JSONDecoder().decode(InclusionProofBundle.self, from: json)
        } catch let error as DecodingError {
            throw TransparencyError(
                .proofDocumentMalformed,
                "not a Suyuan inclusion proof document: \(DecodingErrorText.describe(error))",
                underlying: error
            )
        } catch {
            throw TransparencyError(
                .proofDocumentMalformed,
                "not a Suyuan inclusion proof document",
                underlying: error
            )
        }
    }

    /// The JSON form, with sorted keys and indentation, as `suyuan proof` prints it.
    /// - Returns: UTF-8 JSON.
    /// - Throws: What `JSONEncoder` throws (nothing for these values).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

extension InclusionProofBundle: Codable {
    private enum CodingKeys: String, CodingKey {
        case format, eventID, leafData, leafHash, leafIndex, treeSize, auditPath, signedTreeHead
    }

    /// Reads the JSON form.
    /// - Parameter decoder: The decoder to read from.
    /// - Throws: `DecodingError` when the format is not ``formatIdentifier`` or a field is missing or malformed.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let format = try container.decode(String.self, forKey: .format)
        guard format == Self.formatIdentifier else {
            throw DecodingError.dataCorruptedError(
                forKey: .format,
                in: container,
                debugDescription: "format \"\(format)\" is not \"\(Self.formatIdentifier)\""
            )
        }
        eventID = try container.decodeIfPresent(String.self, forKey: .eventID)
        if let text = try container.decodeIfPresent(String.self, forKey: .leafData) {
            guard let bytes = HexCoding.decode(text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .leafData,
                    in: container,
                    debugDescription: "leaf data is not hexadecimal"
                )
            }
            leafData = Data(bytes)
        }
        proof = InclusionProof(
            leafIndex: try container.decode(UInt64.self, forKey: .leafIndex),
            treeSize: try container.decode(UInt64.self, forKey: .treeSize),
            leafHash: try container.decode(MerkleHash.self, forKey: .leafHash),
            auditPath: try container.decode([MerkleHash].self, forKey: .auditPath)
        )
        signedTreeHead = try container.decode(SignedTreeHead.self, forKey: .signedTreeHead)
    }

    /// Writes the JSON form.
    /// - Parameter encoder: The encoder to write to.
    /// - Throws: What the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.formatIdentifier, forKey: .format)
        try container.encodeIfPresent(eventID, forKey: .eventID)
        try container.encodeIfPresent(leafData.map { HexCoding.encode($0) }, forKey: .leafData)
        try container.encode(proof.leafHash, forKey: .leafHash)
        try container.encode(proof.leafIndex, forKey: .leafIndex)
        try container.encode(proof.treeSize, forKey: .treeSize)
        try container.encode(proof.auditPath, forKey: .auditPath)
        try container.encode(signedTreeHead, forKey: .signedTreeHead)
    }
}
