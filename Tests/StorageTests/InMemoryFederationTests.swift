import Storage
import StorageTesting
import Testing

/// The federation scenarios against the in-memory store (the reference); evidence needs a ledger store.
@Suite struct InMemoryFederationTests {
    let suite = FederationConformance { InMemoryEventStore() }

    @Test("a peer key names its platform and nothing else") func peerKeys() async throws {
        try await suite.peerKeysNameTheirPlatform()
    }

    @Test("push cursors are kept per peer and move") func cursors() async throws {
        try await suite.pushCursorsArePerPeer()
    }

    @Test("recall rows are relayed once; a relayed copy relays each new answer") func relay() async throws {
        try await suite.recallRowsAreRelayedOnce()
    }
}
