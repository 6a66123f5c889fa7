import Foundation
import Testing
import Transparency

@Suite struct LedgerAuditTests {
    /// A log of `entries`, its stored leaf hashes and a signed head over all of them.
    static func signedLog(_ entries: [Data]) throws -> (leaves: [MerkleHash], head: SignedTreeHead, key: LogPublicKey) {
        let leaves = entries.map(RFC9162.leafHash)
        let signer = TreeHeadSigner()
        let head = TreeHead(treeSize: UInt64(leaves.count), rootHash: RFC9162.rootHash(of: leaves), timestamp: 1)
        return (leaves, try signer.sign(head), signer.publicKey)
    }

    static func audit(_ entries: [Data], storedLeaves: [MerkleHash], head: SignedTreeHead) throws -> LedgerAuditReport {
        var audit = try LedgerAudit(signedTreeHead: head)
        for (entry, stored) in zip(entries, storedLeaves) {
            audit.check(recomputedLeafHash: RFC9162.leafHash(entry), storedLeafHash: stored)
        }
        return audit.finish()
    }

    @Test("an untouched store is intact")
    func intact() throws {
        // Given a store and its signed head
        let entries = ReferenceMerkle.entries(100)
        let log = try Self.signedLog(entries)
        // When every event is checked
        let report = try Self.audit(entries, storedLeaves: log.leaves, head: log.head)
        // Then nothing is named and both roots match
        #expect(report.isIntact)
        #expect(report.checkedLeaves == 100)
    }

    @Test("every event whose stored content changed is named")
    func changedContent() throws {
        // Given a store where the content of events 7 and 42 was changed behind the platform's back
        var entries = ReferenceMerkle.entries(100)
        let log = try Self.signedLog(entries)
        entries[7] = Data("changed".utf8)
        entries[42] = Data("also changed".utf8)
        // When every event is checked
        let report = try Self.audit(entries, storedLeaves: log.leaves, head: log.head)
        // Then exactly those events are named, and the content no longer leads to the signed root
        #expect(report.mismatchedLeaves == [7, 42])
        #expect(!report.contentMatchesSignedRoot)
        #expect(report.storedLeavesMatchSignedRoot)
        #expect(!report.isIntact)
    }

    @Test("rewriting an event and its leaf hash together still fails the signed root")
    func rewrittenLeaf() throws {
        // Given a store where event 3 and its stored leaf hash were both rewritten
        var entries = ReferenceMerkle.entries(50)
        let log = try Self.signedLog(entries)
        entries[3] = Data("forged".utf8)
        var stored = log.leaves
        stored[3] = RFC9162.leafHash(entries[3])
        // When every event is checked
        let report = try Self.audit(entries, storedLeaves: stored, head: log.head)
        // Then no leaf differs from its content, but neither leads to the signed root
        #expect(report.mismatchedLeaves.isEmpty)
        #expect(!report.contentMatchesSignedRoot)
        #expect(!report.storedLeavesMatchSignedRoot)
    }

    @Test("a store with events missing or a forged head fails")
    func missingEventsOrForgedHead() throws {
        // Given a store that lost its last event
        let entries = ReferenceMerkle.entries(20)
        let log = try Self.signedLog(entries)
        let report = try Self.audit(Array(entries.dropLast()), storedLeaves: log.leaves, head: log.head)
        // Then the audit is not intact
        #expect(report.checkedLeaves == 19)
        #expect(!report.isIntact)
        // And a head whose size was changed is refused before any event is read
        var forged = log.head
        forged.treeHead.treeSize = 19
        #expect { _ = try LedgerAudit(signedTreeHead: forged, trustedKey: log.key) } throws: { error in
            (error as? TransparencyError)?.code == .signatureInvalid
        }
    }
}
