import Federation
import Foundation
import Testing
import Transparency

/// The directory names an identifier's home platform by the longest prefix it starts with.
@Suite struct PlatformDirectoryTests {
    static let directory = PlatformDirectory(
        selfID: "sh", ownPrefixes: ["6901234"],
        peers: [
            PeerPlatform(id: "bj", url: "http://127.0.0.1:8082", prefixes: ["6902345", "69012349"]),
            PeerPlatform(id: "drugs", url: "http://127.0.0.1:8083", prefixes: ["8123456"]),
        ])

    @Test(
        "every spelling of an identifier finds its home; the longest prefix wins",
        arguments: [
            ("urn:epc:id:sgtin:6901234.000017.77", "sh"),
            ("https://id.gs1.org/01/06901234000177/21/77", "sh"),
            ("urn:epc:class:lgtin:6902345.000017.L1", "bj"),
            ("https://id.gs1.org/01/16902345000014/10/L1", "bj"),
            ("urn:epc:id:sscc:6902345.0000000001", "bj"),
            ("https://id.gs1.org/417/6902345000018", "bj"),
            ("urn:epc:id:pgln:6901234.00001", "sh"),
            ("urn:epc:id:sgln:6901234.90001.0", "bj"),
            ("urn:epc:id:sgln:6901234.00001.0", "sh"),
            ("https://example.com/drug/81234567890123456789", "drugs"),
        ])
    func homes(identifier: String, home: String) {
        #expect(Self.directory.home(of: identifier) == home)
    }

    @Test("an identifier no prefix matches has no home; this platform's own are not foreign")
    func noHome() {
        #expect(Self.directory.home(of: "urn:epc:id:sgtin:6909999.000017.1") == nil)
        #expect(Self.directory.home(of: "urn:example:thing:1") == nil)
        #expect(Self.directory.foreignHome(of: "urn:epc:id:sgtin:6901234.000017.77") == nil)
        #expect(Self.directory.foreignHome(of: "urn:epc:id:sgtin:6902345.000017.77") == "bj")
    }

    @Test("a peers file reads into the directory; this platform's entry gives its own prefixes")
    func readsPeersFile() throws {
        let file = """
            {"platforms": [
              {"id": "sh", "prefixes": ["6901234"]},
              {"id": "bj", "url": "http://127.0.0.1:8082/", "key": "sy_abc", "prefixes": ["6902345"], "trustRegulators": true},
              {"id": "acme", "url": "https://epcis.acme.example", "kind": "epcis", "prefixes": ["6909999"]}
            ]}
            """
        let directory = try PeersFile.read(Data(file.utf8), selfID: "sh")
        #expect(directory.ownPrefixes == ["6901234"])
        #expect(directory.peers["bj"]?.url == "http://127.0.0.1:8082")
        #expect(directory.peers["bj"]?.trustsRegulators == true)
        #expect(directory.peers["acme"]?.kind == .epcis)
        #expect(directory.home(of: "urn:epc:id:sgtin:6909999.000017.1") == "acme")
        let again = try PeersFile.read(PeersFile.write(directory), selfID: "sh")
        #expect(again == directory)
    }

    @Test(
        "a peers file that breaks a rule is refused, naming the entry and field",
        arguments: [
            (#"{"platforms": [{"id": "bj", "url": "ftp://x"}]}"#, "platforms[0].url"),
            (#"{"platforms": [{"id": "b j", "url": "http://x"}]}"#, "platforms[0].id"),
            (#"{"platforms": [{"id": "bj", "url": "http://x", "prefixes": ["69a"]}]}"#, "platforms[0].prefixes"),
            (#"{"platforms": [{"id": "bj", "url": "http://x"}, {"id": "bj", "url": "http://y"}]}"#, "platforms[1].id"),
            (#"{"platforms": [{"id": "bj", "url": "http://x", "publicKey": "zz"}]}"#, "platforms[0].publicKey"),
            (#"{"peers": []}"#, "platforms"),
        ])
    func refusesBadFiles(text: String, place: String) {
        let error = #expect(throws: FederationError.self) { try PeersFile.read(Data(text.utf8), selfID: "sh") }
        #expect(error?.code == .invalidPeers)
        #expect(error?.message.contains(place) == true, "\(error?.message ?? "")")
    }
}

/// A hub's directory fills in what a peers file left out, without changing what this platform says of itself or the
/// keys it calls peers with.
@Suite struct DirectoryMergeTests {
    @Test("a hub's listing gives prefixes and a key, adds platforms without a key, and keeps this platform's own")
    func merges() throws {
        let key = TreeHeadSigner().publicKey.hex
        let mine = PlatformDirectory(
            selfID: "bj", ownPrefixes: ["6902345"],
            peers: [PeerPlatform(id: "hub", url: "http://hub", key: "sy_secret", servesDirectory: true)])
        let merged = mine.merging([
            .init(id: "bj", url: "http://elsewhere", publicKey: nil, prefixes: ["6999999"], kind: "suyuan"),
            .init(id: "hub", url: "http://hub-listed", publicKey: key, prefixes: ["6903456"], kind: "suyuan"),
            .init(id: "gz", url: "http://gz", publicKey: nil, prefixes: ["6905678"], kind: "epcis"),
        ])
        #expect(merged.ownPrefixes == ["6902345"])
        #expect(merged.peers["hub"]?.prefixes == ["6903456"])
        #expect(merged.peers["hub"]?.key == "sy_secret")
        #expect(merged.peers["hub"]?.url == "http://hub")
        #expect(merged.peers["hub"]?.publicKey?.hex == key)
        #expect(merged.peers["gz"]?.key == nil)
        #expect(merged.peers["gz"]?.kind == .epcis)
        #expect(merged.home(of: "urn:epc:id:sgtin:6905678.000017.1") == "gz")
        #expect(merged.home(of: "urn:epc:id:sgtin:6999999.000017.1") == nil)
    }
}
