import ArgumentParser
import Foundation
import Transparency

/// `suyuan bench ledger`: append throughput of the Merkle log and inclusion proof throughput, in memory, in the tiled
/// layout the stores use (docs/decisions/0024-tiled-ledger.md) or, with `--nodes`, one stored hash per node.
struct BenchLedger: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Time the ledger: append leaves in batches, then build and check inclusion proofs (in memory, tiled)."
    )

    @Option(help: "Leaves to append (each a 32-byte entry, like an event hash).")
    var leaves: Int = 1_000_000

    @Option(help: "Leaves per appended batch (one capture transaction).")
    var batch: Int = 1_000

    @Option(help: "Inclusion proofs to build, for leaves spread over the log.")
    var proofs: Int = 10_000

    @Option(help: "Also write the proof document of one leaf to this file, for `suyuan verify-proof`.")
    var writeProof: String?

    @Flag(help: "Keep every node (the layout before tiles) instead of tiles of 256 hashes every eighth level.")
    var nodes = false

    func validate() throws {
        guard leaves > 0, batch > 0, proofs >= 0 else {
            throw ValidationError("--leaves and --batch must be positive, --proofs not negative")
        }
    }

    func run() async throws {
        if nodes {
            try await run(MerkleTree(store: InMemoryMerkleNodeStore()), layout: "one hash per node")
        } else {
            try await run(MerkleTree(store: InMemoryMerkleTileStore()), layout: "tiles of 256 hashes")
        }
    }

    private func run<Store: MerkleNodeStore>(_ tree: MerkleTree<Store>, layout: String) async throws {
        let clock = ContinuousClock()
        print("suyuan bench ledger: \(leaves) leaves in batches of \(batch), \(proofs) inclusion proofs, \(layout)")

        var entries: [Data] = []
        entries.reserveCapacity(batch)
        let appendTime = try await clock.measure {
            var next = 0
            while next < leaves {
                let end = min(leaves, next + batch)
                entries.removeAll(keepingCapacity: true)
                for index in next..<end { entries.append(Self.entry(index)) }
                try await tree.appendLeaves(entries)
                next = end
            }
        }
        let size = await tree.treeSize
        let signer = TreeHeadSigner()
        let head = try signer.sign(await tree.treeHead())
        report("leaves appended (hash + nodes + store)", count: leaves, in: appendTime)

        var state: UInt64 = 0x5EED
        let indices = (0..<proofs).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (state >> 11) % size
        }
        var built: [InclusionProof] = []
        built.reserveCapacity(proofs)
        let proofTime = try await clock.measure {
            for index in indices { built.append(try await tree.inclusionProof(leafIndex: index, treeSize: size)) }
        }
        report("inclusion proofs built", count: proofs, in: proofTime)

        let verifyTime = try clock.measure {
            for proof in built { try proof.verify(rootHash: head.treeHead.rootHash) }
        }
        report("inclusion proofs verified", count: proofs, in: verifyTime)
        let pathLength = built.isEmpty ? 0 : built.map(\.auditPath.count).reduce(0, +) / built.count
        print("  tree size \(size), root \(head.treeHead.rootHash.hex), mean audit path \(pathLength) hashes")
        print("  peak RSS (VmHWM) \(Self.peakResidentKilobytes().map { "\($0 / 1024) MiB" } ?? "unknown")")

        if let writeProof {
            let index = size / 2
            let proof = try await tree.inclusionProof(leafIndex: index, treeSize: size)
            let bundle = InclusionProofBundle(
                proof: proof,
                signedTreeHead: head,
                leafData: Self.entry(Int(index)),
                eventID: "bench leaf \(index)"
            )
            try bundle.jsonData().write(to: URL(fileURLWithPath: writeProof))
            print("  wrote the proof of leaf \(index) to \(writeProof); key \(head.publicKey.hex)")
        }
    }

    /// The 32-byte entry of leaf `index`: four words derived from the index, so that every entry differs.
    private static func entry(_ index: Int) -> Data {
        var bytes = [UInt8](repeating: 0, count: 32)
        let value = UInt64(index)
        for word in 0..<4 {
            let mixed = value &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(word)
            for byte in 0..<8 { bytes[word * 8 + byte] = UInt8(truncatingIfNeeded: mixed >> (56 - 8 * byte)) }
        }
        return Data(bytes)
    }

    private func report(_ name: String, count: Int, in duration: Duration) {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Int(Double(count) / seconds) : 0
        print("  \(name): \(count) in \(String(format: "%.3f", seconds)) s = \(rate) /s")
    }

    /// The process's peak resident set size in KiB, from `VmHWM` in /proc/self/status (Linux only).
    private static func peakResidentKilobytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.dropFirst(6).split(whereSeparator: \.isWhitespace).first ?? "")
        }
        return nil
    }
}
