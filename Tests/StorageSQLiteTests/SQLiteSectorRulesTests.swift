import Storage
import StorageSQLite
import StorageTesting
import Testing
import TestSupport

/// The sector rules over SQLite stores, in memory and in a file: each world's injected violations and nothing in
/// its clean twin.
@Suite struct SQLiteSectorRulesTests {
    static let memory = SectorRulesConformance { try SQLiteEventStore(.memory) }
    static let file = SectorRulesConformance { try SQLiteEventStore(.file(SQLiteTestFiles.newPath())) }

    @Test("withdrawal periods and pre-harvest intervals follow the lot", arguments: [memory, file])
    func farmInputs(suite: SectorRulesConformance) async throws { try await suite.farmInputs() }

    @Test("elevator maintenance, inspections and cylinder fills", arguments: [memory, file])
    func equipment(suite: SectorRulesConformance) async throws { try await suite.equipment() }

    @Test("hazardous stock and licensed receivers", arguments: [memory, file])
    func hazardousGoods(suite: SectorRulesConformance) async throws { try await suite.hazardousGoods() }

    @Test("rare earth quotas and separation mass balance", arguments: [memory, file])
    func rareEarth(suite: SectorRulesConformance) async throws { try await suite.rareEarth() }

    @Test("temperature excursions in any unit", arguments: [memory, file])
    func coldChain(suite: SectorRulesConformance) async throws { try await suite.coldChain() }

    @Test("the sector pass goes on from its checkpoint and finds what a run from scratch finds", arguments: [memory, file])
    func checkpoint(suite: SectorRulesConformance) async throws { try await suite.checkpoint() }

    @Test("the store hands exactly the events a selection names, from its indexes", arguments: [memory, file])
    func selection(suite: SectorRulesConformance) async throws { try await suite.selection() }
}
