import EPCIS
import GRDB
import Storage

/// Keeps the projections up to date in the capture transaction, and rebuilds them from the events.
///
/// Rules (CBV 2.0 words; "party" of a list is its first `owning_party`, else `possessing_party`, else `location`,
/// else any entry; the "acting place" is the bizLocation, else the readPoint, else empty):
///
/// - Events that are error declarations, and (on rebuild) events that an error declaration corrects, change
///   nothing. Capturing a declaration does not undo what its event did until ``rebuild(_:)`` runs.
/// - `identifier_state`, for each EPC of `epcList`, `childEPCs`, `parentID`, `inputEPCList`, `outputEPCList`,
///   updated only by an event whose eventTime is not older than the last one applied (late arrivals do not roll
///   the state back):
///   - `location` ← the bizLocation, `disposition` ← the disposition, `owner` ← the destination's `owning_party`,
///     each only when the event has one;
///   - `status`: `decommissioned` on bizStep `decommissioning`/`destroying` or an ObjectEvent `DELETE`; `consumed`
///     for the inputs of a TransformationEvent; `commissioned` on an ObjectEvent `ADD`, bizStep `commissioning`,
///     or the outputs of a TransformationEvent; otherwise unchanged (`active` when first seen);
///   - `parent`: an AggregationEvent `ADD`/`OBSERVE` sets the parent of its childEPCs to its parentID; `DELETE`
///     clears it (for every child of that parent when childEPCs is empty).
/// - `lot_balance`, per quantity class (canonical key), party and unit (empty for counts), the class and the party
///   as term ids (party 0: none), for quantity elements
///   with a quantity: `shipped` at the source party (else the acting place) on bizStep `shipping`; `received` at
///   the destination party (else the acting place) on `receiving`; `consumed`/`produced` at the acting place for a
///   TransformationEvent's inputs/outputs; `destroyed` on bizStep `destroying` or disposition `destroyed`;
///   `produced` on an ObjectEvent `ADD`. `on_hand` = received + produced − consumed − shipped − destroyed.
/// - `open_shipment`: a `shipping` event opens one (source and destination party); a `receiving` event closes
///   every open shipment that shares a business transaction or an identifier with it.
struct SQLiteProjector {
    private let state: SQLiteRawStatement
    private let balance: SQLiteRawStatement
    private let openShipment: SQLiteRawStatement
    private let closeShipments: SQLiteRawStatement

    init(_ db: Database) throws {
        state = try SQLiteRawStatement(
            db,
            sql: """
                INSERT INTO identifier_state (key, parent, location, disposition, owner, status, last_event_row,
                    last_event_time_ms)
                VALUES (?1, ?2, ?3, ?4, ?5, coalesce(?6, 'active'), ?7, ?8)
                ON CONFLICT (key) DO UPDATE SET
                    parent = CASE ?9 WHEN 1 THEN excluded.parent ELSE identifier_state.parent END,
                    location = coalesce(excluded.location, identifier_state.location),
                    disposition = coalesce(excluded.disposition, identifier_state.disposition),
                    owner = coalesce(excluded.owner, identifier_state.owner),
                    status = coalesce(?6, identifier_state.status),
                    last_event_row = excluded.last_event_row,
                    last_event_time_ms = excluded.last_event_time_ms
                WHERE excluded.last_event_time_ms >= identifier_state.last_event_time_ms
                """)
        balance = try SQLiteRawStatement(
            db,
            sql: """
                INSERT INTO lot_balance (lot_key, party, uom, received, produced, consumed, shipped, destroyed)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                ON CONFLICT (lot_key, party, uom) DO UPDATE SET
                    received = received + excluded.received, produced = produced + excluded.produced,
                    consumed = consumed + excluded.consumed, shipped = shipped + excluded.shipped,
                    destroyed = destroyed + excluded.destroyed
                """)
        openShipment = try SQLiteRawStatement(
            db,
            sql: "INSERT INTO open_shipment (shipping_event, source, destination, shipped_at_ms) VALUES (?, ?, ?, ?)")
        closeShipments = try SQLiteRawStatement(
            db,
            sql: """
                DELETE FROM open_shipment WHERE shipping_event IN (
                    SELECT t.event_row FROM event_biz_transaction t WHERE t.transaction_id IN (
                        SELECT transaction_id FROM event_biz_transaction WHERE event_row = ?1)
                    UNION SELECT i.event_row FROM event_identifier i WHERE i.term IN (
                        SELECT term FROM event_identifier WHERE event_row = ?1))
                """)
    }

    /// Applies one stored event (already inserted as `row`).
    /// - Parameter keys: canonical keys already computed for the event's URIs (by text), so that capture parses
    ///   each identifier once; any URI missing from it is parsed here.
    func apply(
        _ event: EPCISEvent, keys: [String: String] = [:], row: Int64, terms: inout SQLiteTerms, in db: Database
    ) throws {
        guard event.errorDeclaration == nil else { return }
        let key = { (uri: IdentifierURI) in keys[uri.text] ?? uri.canonicalKey }
        let step = event.bizStep?.standardTerm
        let time = EventRecord.milliseconds(event.eventTime)
        let owner = event.destinationList.first { $0.type.standardTerm == "owning_party" }.map { key($0.id) }
        // Term ids, looked up once an event (the event's own rows interned them already).
        let common = (
            try terms.id(event.bizLocation.map { key($0.id) }), try terms.id(event.disposition?.uri),
            try terms.id(owner)
        )
        let decommissioned =
            step == "decommissioning" || step == "destroying"
            || (event.type == .objectEvent && event.action == .delete)
        let commissioned = (event.type == .objectEvent && event.action == .add) || step == "commissioning"
        func update(_ uris: [IdentifierURI], status: String?, parent: Int64?? = .none) throws {
            for uri in uris {
                state.bind(1, key(uri))
                state.bind(2, parent ?? nil)
                state.bind(3, common.0)
                state.bind(4, common.1)
                state.bind(5, common.2)
                state.bind(6, status)
                state.bind(7, row)
                state.bind(8, time)
                state.bind(9, parent == nil ? Int64(0) : 1)
                try state.run()
            }
        }
        let status = decommissioned ? "decommissioned" : commissioned ? "commissioned" : nil
        try update(event.epcList, status: status)
        try update(event.parentID.map { [$0] } ?? [], status: status)
        if event.type == .aggregationEvent, let parentKey = event.parentID.map(key) {
            let parent = try terms.id(parentKey)
            if event.action == .delete {
                try update(event.childEPCs, status: status, parent: .some(nil))
                if event.childEPCs.isEmpty {
                    try db.execute(
                        sql: """
                            UPDATE identifier_state SET parent = NULL WHERE parent = ?
                            """,
                        arguments: [parent])
                }
            } else {
                try update(event.childEPCs, status: status, parent: .some(parent))
            }
        } else {
            try update(event.childEPCs, status: status)
        }
        try update(event.inputEPCList, status: decommissioned ? "decommissioned" : "consumed")
        try update(event.outputEPCList, status: decommissioned ? "decommissioned" : "commissioned")
        try applyBalances(event, step: step, key: key, terms: &terms)
        try applyShipments(event, step: step, row: row, time: time, key: key, in: db)
    }

    private func applyBalances(
        _ event: EPCISEvent, step: String?, key: (IdentifierURI) -> String, terms: inout SQLiteTerms
    ) throws {
        let place = Self.actingPlace(event, key)
        let listed = event.quantityList + event.childQuantityList
        if step == "shipping" {
            try add(listed, party: Self.party(event.sourceList, key) ?? place, column: 3, key: key, terms: &terms)
        } else if step == "receiving" {
            try add(listed, party: Self.party(event.destinationList, key) ?? place, column: 0, key: key, terms: &terms)
        } else if step == "destroying" || event.disposition?.standardTerm == "destroyed" {
            try add(listed + event.inputQuantityList, party: place, column: 4, key: key, terms: &terms)
        } else if event.type == .objectEvent && event.action == .add {
            try add(listed, party: place, column: 1, key: key, terms: &terms)
        }
        if event.type == .transformationEvent && step != "destroying" {
            try add(event.inputQuantityList, party: place, column: 2, key: key, terms: &terms)
            try add(event.outputQuantityList, party: place, column: 1, key: key, terms: &terms)
        }
    }

    /// Adds quantities to one of received (0), produced (1), consumed (2), shipped (3), destroyed (4).
    private func add(
        _ elements: [QuantityElement], party: String, column: Int, key: (IdentifierURI) -> String,
        terms: inout SQLiteTerms
    ) throws {
        // The party as a term id, 0 for none (an acting place may be a text no event row interned: it is now).
        let partyID = party.isEmpty ? 0 : try terms.id(party)
        for element in elements {
            guard let quantity = element.quantity else { continue }
            balance.bind(1, try terms.id(key(element.epcClass)))
            balance.bind(2, partyID)
            balance.bind(3, element.uom ?? "")
            for index in 0..<5 { balance.bind(Int32(4 + index), index == column ? quantity : 0) }
            try balance.run()
        }
    }

    private func applyShipments(
        _ event: EPCISEvent, step: String?, row: Int64, time: Int64, key: (IdentifierURI) -> String, in db: Database
    ) throws {
        if step == "shipping" {
            openShipment.bind(1, row)
            openShipment.bind(2, Self.party(event.sourceList, key) ?? Self.actingPlace(event, key))
            openShipment.bind(3, Self.party(event.destinationList, key) ?? "")
            openShipment.bind(4, time)
            try openShipment.run()
        } else if step == "receiving" {
            closeShipments.bind(1, row)
            try closeShipments.run()
        }
    }

    static func party(_ list: [SourceDestination], _ key: (IdentifierURI) -> String) -> String? {
        for type in ["owning_party", "possessing_party", "location"] {
            if let entry = list.first(where: { $0.type.standardTerm == type }) { return key(entry.id) }
        }
        return list.first.map { key($0.id) }
    }

    static func actingPlace(_ event: EPCISEvent, _ key: (IdentifierURI) -> String) -> String {
        event.bizLocation.map { key($0.id) } ?? event.readPoint.map { key($0.id) } ?? ""
    }

    /// Empties the projections and applies every event again in capture order, leaving out error declarations and
    /// the events they correct.
    static func rebuild(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM identifier_state; DELETE FROM lot_balance; DELETE FROM open_shipment;")
        let projector = try SQLiteProjector(db)
        var terms = try SQLiteTerms(db)
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT e.id, e.body FROM event e
                WHERE e.has_error_declaration = 0
                AND NOT EXISTS (
                    SELECT 1 FROM event d
                    WHERE \(SQLiteCompactID.hashMatch("d.hash", "e.hash")) AND d.has_error_declaration = 1)
                ORDER BY e.id
                """)
        while let row = try rows.next() {
            try projector.apply(
                try SQLiteEventDecoding.decode(SQLiteEventDecoding.body(row)), row: row["id"], terms: &terms, in: db)
        }
    }
}
