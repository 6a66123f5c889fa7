import DemoChains
import EPCIS
import Foundation
import Testing
import TraceEngine

/// The sector demo chains against the sector rules: the findings are exactly the injected violations.
@Suite struct SectorDemoTests {
    static let end = Date(timeIntervalSince1970: 1_780_000_000)

    static func findings(_ demo: SectorDemo) -> [Finding] {
        let masterData = SectorMasterData(masterData: demo.documents.flatMap(\.masterData))
        let events = demo.documents.flatMap(\.events).map { SectorEvent($0, id: $0.eventID ?? "") }
        return SectorRules(masterData: masterData).findings(events, now: demo.end)
    }

    @Test("every class's runs: the findings are the ground truth, kind by kind, with its evidence")
    func groundTruth() throws {
        // Given 40 runs of each class, half of them with a violation
        let demo = SectorDemo(runs: 40, seed: 7, end: Self.end, violationRate: 0.5)
        // When the rules run at the demo's end
        let found = Self.findings(demo)
        // (a scrapped cylinder filled is also decommissionedSeen, which the food and drug rules find)
        let sectorKinds = Set(SectorRules.kinds.map(\.rawValue))
        let truth = demo.truth.filter { sectorKinds.contains($0.kind.rawValue) }
        #expect(demo.truth.contains { $0.kind == .decommissionedSeen })
        // Then each finding is an injected violation and each violation is found
        let key = { (text: String) in IdentifierURI(text).canonicalKey }
        #expect(Set(found.map { "\($0.kind.rawValue) \($0.key)" })
            == Set(truth.map { "\($0.kind.rawValue) \(key($0.identifier))" }))
        #expect(found.count == truth.count)
        // Every sector kind is injected at least once
        #expect(Set(truth.map(\.kind.rawValue)) == sectorKinds)
        // And the evidence holds the events the truth names
        for anomaly in truth {
            let finding = try #require(
                found.first { $0.kind.rawValue == anomaly.kind.rawValue && $0.key == key(anomaly.identifier) })
            #expect(Set(anomaly.events).isSubset(of: Set(finding.events)), "\(anomaly.kind) \(anomaly.identifier)")
        }
    }

    @Test("without violations nothing is found; the same seed gives the same chains")
    func cleanAndDeterministic() {
        let clean = SectorDemo(runs: 20, seed: 3, end: Self.end, violationRate: 0)
        #expect(clean.truth.isEmpty)
        #expect(Self.findings(clean).isEmpty)
        let again = SectorDemo(runs: 20, seed: 3, end: Self.end, violationRate: 0)
        #expect(again.documents == clean.documents)
    }
}
