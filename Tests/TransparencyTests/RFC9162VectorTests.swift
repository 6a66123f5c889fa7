import Foundation
import Testing
import Transparency

/// The reference vectors of Certificate Transparency for RFC 6962 / RFC 9162 section 2.1 hashing.
///
/// Source: google/certificate-transparency, cpp/merkletree/merkle_tree_test.cc (`kInputs`, `kSHA256Roots`,
/// `kSHA256Paths`, `kSHA256Proofs`, `kSHA256EmptyTreeHash`). That file counts leaves from 1; here they count
/// from 0, as RFC 9162 does.
@Suite struct RFC9162VectorTests {
    static let inputs: [Data] = [
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
    ].map { hex in
        Data(
            stride(from: 0, to: hex.count, by: 2).map { offset in
                let start = hex.index(hex.startIndex, offsetBy: offset)
                return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16) ?? 0
            })
    }

    static let emptyRoot = MerkleHash(testHex: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")

    /// The root of the tree of the first i + 1 inputs.
    static let roots = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ].map(MerkleHash.init(testHex:))

    /// (leaf index, tree size, path): `kSHA256Paths`, leaf indices shifted to count from 0.
    static let paths: [(UInt64, UInt64, [String])] = [
        (0, 1, []),
        (
            0, 8,
            [
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ]
        ),
        (
            5, 8,
            [
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ]
        ),
        (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
        (
            1, 5,
            [
                "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            ]
        ),
    ]

    /// (first size, second size, proof): `kSHA256Proofs`.
    static let consistencyProofs: [(UInt64, UInt64, [String])] = [
        (1, 1, []),
        (
            1, 8,
            [
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ]
        ),
        (
            6, 8,
            [
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ]
        ),
        (
            2, 5,
            [
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            ]
        ),
    ]

    @Test("the empty tree's root is SHA-256 of nothing")
    func emptyTree() async throws {
        // Given a new log
        let tree = try await makeTree([])
        // Then its root is the hash of the empty string
        let root = await tree.rootHash
        let rootAtZero = try await tree.rootHash(treeSize: 0)
        #expect(RFC9162.emptyRoot == Self.emptyRoot)
        #expect(root == Self.emptyRoot)
        #expect(rootAtZero == Self.emptyRoot)
    }

    @Test("appending the eight reference leaves one by one gives the reference root at every size")
    func rootsWhileGrowing() async throws {
        // Given an empty log
        let tree = try await makeTree([])
        for (index, input) in Self.inputs.enumerated() {
            // When the next reference leaf is appended
            let appended = try await tree.appendLeaves([input])
            // Then the new root and every earlier root are the published ones
            #expect(appended.rootHash == Self.roots[index])
            for size in 1...(index + 1) {
                let root = try await tree.rootHash(treeSize: UInt64(size))
                #expect(root == Self.roots[size - 1])
            }
        }
    }

    @Test("inclusion proofs of the reference tree are the published audit paths and verify")
    func inclusionVectors() async throws {
        // Given the eight-leaf reference tree
        let tree = try await makeTree(Self.inputs)
        for (leafIndex, treeSize, expected) in Self.paths {
            // When the proof is built
            let proof = try await tree.inclusionProof(leafIndex: leafIndex, treeSize: treeSize)
            // Then it is the published path, and it leads to the published root
            #expect(proof.auditPath == expected.map(MerkleHash.init(testHex:)), "leaf \(leafIndex) size \(treeSize)")
            #expect(proof.leafHash == RFC9162.leafHash(Self.inputs[Int(leafIndex)]))
            #expect(
                RFC9162.verifyInclusion(
                    leafIndex: leafIndex,
                    treeSize: treeSize,
                    leafHash: RFC9162.leafHash(Self.inputs[Int(leafIndex)]),
                    auditPath: expected.map(MerkleHash.init(testHex:)),
                    rootHash: Self.roots[Int(treeSize) - 1]
                )
            )
        }
    }

    @Test("consistency proofs of the reference tree are the published ones and verify")
    func consistencyVectors() async throws {
        // Given the eight-leaf reference tree
        let tree = try await makeTree(Self.inputs)
        for (first, second, expected) in Self.consistencyProofs {
            // When the proof is built
            let proof = try await tree.consistencyProof(from: first, to: second)
            // Then it is the published proof, and it verifies against the published roots
            #expect(proof.path == expected.map(MerkleHash.init(testHex:)), "\(first) → \(second)")
            try proof.verify(firstRoot: Self.roots[Int(first) - 1], secondRoot: Self.roots[Int(second) - 1])
        }
    }
}
