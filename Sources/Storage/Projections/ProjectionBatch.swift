public import EPCIS

/// The projection rules, applied in memory to a batch of events so that a backend reads what it needs in a few
/// batched look-ups (``Lookups``), applies every event here, and writes the result back in one statement per
/// table. The SQLite store applies the same rules row by row (`SQLiteProjector`); StorageTesting checks that both
/// backends agree.
///
/// Rules (CBV 2.0 words; "party" of a list is its first `owning_party`, else `possessing_party`, else `location`,
/// else any entry; the "acting place" is the bizLocation, else the readPoint, else empty):
///
/// - Error declarations change nothing (and, on rebuild, neither do the events they correct).
/// - Identifier state, for each EPC of `epcList`, `childEPCs`, `parentID`, `inputEPCList`, `outputEPCList`, updated
///   only by an event whose eventTime is not older than the last one applied: `location` ← bizLocation,
///   `disposition` ← disposition, `owner` ← the destination's `owning_party`, each only when present; `status`
///   `decommissioned` on bizStep `decommissioning`/`destroying` or ObjectEvent `DELETE`, `consumed` for
///   transformation inputs, `commissioned` on ObjectEvent `ADD`, bizStep `commissioning` or transformation
///   outputs, else unchanged (`active` when first seen); an AggregationEvent `ADD`/`OBSERVE` sets the parent of
///   its children, `DELETE` clears it (for every child of that parent when childEPCs is empty, whatever the time).
/// - Lot balances per quantity class, party and unit: `shipped` at the source party (else the acting place) on
///   `shipping`; `received` at the destination party (else the acting place) on `receiving`; `destroyed` on
///   `destroying` or disposition `destroyed`; `produced` on ObjectEvent `ADD`; and for a TransformationEvent not
///   `destroying`, inputs `consumed` and outputs `produced` at the acting place.
/// - Open shipments: `shipping` opens one; `receiving` closes every open shipment that shares a business
///   transaction or an identifier key with it.
public struct ProjectionBatch: Sendable {
    /// One event to apply, with what the store knows of it.
    public struct Item: Sendable {
        /// The event.
        public var event: EPCISEvent
        /// Its row (capture order).
        public var row: Int64
        /// Canonical keys already computed for its URIs (by text); a URI missing here is parsed.
        public var keys: [String: String]
        /// The keys of its identifier rows (every role), for closing shipments.
        public var identifierKeys: Set<String>
        /// Its business transaction IDs, for closing shipments.
        public var transactions: Set<String>

        /// Creates an item.
        /// - Parameters:
        ///   - event: The event.
        ///   - row: Its row.
        ///   - keys: Known canonical keys by URI text.
        ///   - identifierKeys: The keys of its identifier rows.
        ///   - transactions: Its business transaction IDs.
        public init(
            event: EPCISEvent, row: Int64, keys: [String: String], identifierKeys: Set<String>,
            transactions: Set<String>
        ) {
            self.event = event
            self.row = row
            self.keys = keys
            self.identifierKeys = identifierKeys
            self.transactions = transactions
        }
    }

    /// What the store must read before applying a batch.
    public struct Lookups: Sendable {
        /// Identifiers whose stored state the batch updates.
        public var stateKeys: Set<String> = []
        /// Containers emptied by an AggregationEvent `DELETE` without children: every state with one of these as
        /// parent must be loaded too.
        public var emptiedParents: Set<String> = []
        /// Identifier keys of the receiving events: stored open shipments sharing one are closed.
        public var receivingKeys: Set<String> = []
        /// Business transactions of the receiving events: stored open shipments sharing one are closed.
        public var receivingTransactions: Set<String> = []
    }

    /// A state row with its ordering columns.
    public struct State: Hashable, Sendable {
        /// The state.
        public var value: IdentifierState
        /// The row of the last event applied.
        public var lastEventRow: Int64
        /// The eventTime (ms since 1970) of the last event applied.
        public var lastEventTime: Int64

        /// Creates a state row.
        /// - Parameters:
        ///   - value: The state.
        ///   - lastEventRow: The last event's row.
        ///   - lastEventTime: The last event's time in ms.
        public init(value: IdentifierState, lastEventRow: Int64, lastEventTime: Int64) {
            self.value = value
            self.lastEventRow = lastEventRow
            self.lastEventTime = lastEventTime
        }
    }

    /// A lot balance's key.
    public struct BalanceKey: Hashable, Sendable {
        /// The lot's canonical key.
        public var lot: String
        /// The holder.
        public var party: String
        /// The unit, empty for counts.
        public var uom: String
    }

    /// Amounts to add to a balance.
    public struct BalanceDelta: Hashable, Sendable {
        /// Added to `received`.
        public var received = 0.0
        /// Added to `produced`.
        public var produced = 0.0
        /// Added to `consumed`.
        public var consumed = 0.0
        /// Added to `shipped`.
        public var shipped = 0.0
        /// Added to `destroyed`.
        public var destroyed = 0.0
    }

    /// An open shipment created by the batch.
    public struct Shipment: Hashable, Sendable {
        /// The shipping event's row.
        public var row: Int64
        /// The source party (else the acting place).
        public var source: String
        /// The destination party, empty when none.
        public var destination: String
        /// The shipping event's time in ms.
        public var shippedAt: Int64
        fileprivate var keys: Set<String>
        fileprivate var transactions: Set<String>
    }

    /// A stored open shipment that a receiving event of the batch may close.
    public struct StoredShipment: Sendable {
        /// The shipping event's row.
        public var row: Int64
        /// Its identifier keys among ``Lookups/receivingKeys``.
        public var keys: Set<String>
        /// Its transactions among ``Lookups/receivingTransactions``.
        public var transactions: Set<String>

        /// Creates a stored shipment.
        /// - Parameters:
        ///   - row: The shipping event's row.
        ///   - keys: Its matching identifier keys.
        ///   - transactions: Its matching transactions.
        public init(row: Int64, keys: Set<String>, transactions: Set<String>) {
            self.row = row
            self.keys = keys
            self.transactions = transactions
        }
    }

    private var states: [String: State]
    private var changed: [String] = []
    private var changedSet: Set<String> = []
    private var balanceOrder: [BalanceKey] = []
    private var balances: [BalanceKey: BalanceDelta] = [:]
    private var opened: [Shipment] = []
    private var stored: [StoredShipment]
    private var closedStored: [Int64] = []

    /// What a batch of items needs read first.
    /// - Parameter items: The events, in row order.
    /// - Returns: The look-ups.
    public static func lookups(for items: [Item]) -> Lookups {
        var lookups = Lookups()
        for item in items where item.event.errorDeclaration == nil {
            let event = item.event
            let key = { (uri: IdentifierURI) in item.keys[uri.text] ?? uri.canonicalKey }
            for uri in event.epcList + event.childEPCs + event.inputEPCList + event.outputEPCList {
                lookups.stateKeys.insert(key(uri))
            }
            if let parent = event.parentID.map(key) {
                lookups.stateKeys.insert(parent)
                if event.type == .aggregationEvent && event.action == .delete && event.childEPCs.isEmpty {
                    lookups.emptiedParents.insert(parent)
                }
            }
            if event.bizStep?.standardTerm == "receiving" {
                lookups.receivingKeys.formUnion(item.identifierKeys)
                lookups.receivingTransactions.formUnion(item.transactions)
            }
        }
        return lookups
    }

    /// Starts a batch from what the store read for ``lookups(for:)``.
    /// - Parameters:
    ///   - states: The stored states of the look-up keys and of the emptied parents' children.
    ///   - storedShipments: The stored open shipments sharing a key or transaction with a receiving event.
    public init(states: [State], storedShipments: [StoredShipment]) {
        self.states = Dictionary(states.map { ($0.value.key, $0) }, uniquingKeysWith: { first, _ in first })
        self.stored = storedShipments
    }

    /// The states the batch changed, in the order first changed.
    public var changedStates: [State] { changed.compactMap { states[$0] } }
    /// The amounts to add to balances, one per key.
    public var balanceDeltas: [(key: BalanceKey, delta: BalanceDelta)] {
        balanceOrder.map { ($0, balances[$0] ?? BalanceDelta()) }
    }
    /// The shipments the batch opened and did not close.
    public var newShipments: [Shipment] { opened }
    /// The stored shipments the batch closed.
    public var closedStoredShipments: [Int64] { closedStored }

    /// Applies one event; items must come in row order.
    /// - Parameter item: The event.
    public mutating func apply(_ item: Item) {
        let event = item.event
        guard event.errorDeclaration == nil else { return }
        let key = { (uri: IdentifierURI) in item.keys[uri.text] ?? uri.canonicalKey }
        let step = event.bizStep?.standardTerm
        let time = EventRecord.milliseconds(event.eventTime)
        let owner = event.destinationList.first { $0.type.standardTerm == "owning_party" }.map { key($0.id) }
        let location = event.bizLocation.map { key($0.id) }
        let disposition = event.disposition?.uri
        let decommissioned =
            step == "decommissioning" || step == "destroying"
            || (event.type == .objectEvent && event.action == .delete)
        let commissioned = (event.type == .objectEvent && event.action == .add) || step == "commissioning"
        func update(_ uris: [IdentifierURI], status: String?, parent: String?? = .none) {
            for uri in uris {
                let k = key(uri)
                if var state = states[k] {
                    guard time >= state.lastEventTime else { continue }
                    if case .some(let newParent) = parent { state.value.parent = newParent }
                    state.value.location = location ?? state.value.location
                    state.value.disposition = disposition ?? state.value.disposition
                    state.value.owner = owner ?? state.value.owner
                    state.value.status = status ?? state.value.status
                    state.lastEventRow = item.row
                    state.lastEventTime = time
                    states[k] = state
                } else {
                    states[k] = State(
                        value: IdentifierState(
                            key: k, parent: parent ?? nil, location: location, disposition: disposition,
                            owner: owner, status: status ?? "active"),
                        lastEventRow: item.row, lastEventTime: time)
                }
                markChanged(k)
            }
        }
        let status = decommissioned ? "decommissioned" : commissioned ? "commissioned" : nil
        update(event.epcList, status: status)
        update(event.parentID.map { [$0] } ?? [], status: status)
        if event.type == .aggregationEvent, let parent = event.parentID.map(key) {
            if event.action == .delete {
                update(event.childEPCs, status: status, parent: .some(nil))
                if event.childEPCs.isEmpty {
                    for (k, state) in states where state.value.parent == parent {
                        states[k]?.value.parent = nil
                        markChanged(k)
                    }
                }
            } else {
                update(event.childEPCs, status: status, parent: .some(parent))
            }
        } else {
            update(event.childEPCs, status: status)
        }
        update(event.inputEPCList, status: decommissioned ? "decommissioned" : "consumed")
        update(event.outputEPCList, status: decommissioned ? "decommissioned" : "commissioned")
        applyBalances(event, step: step, key: key)
        applyShipments(item, step: step, time: time, key: key)
    }

    private mutating func markChanged(_ key: String) {
        if changedSet.insert(key).inserted { changed.append(key) }
    }

    private mutating func applyBalances(_ event: EPCISEvent, step: String?, key: (IdentifierURI) -> String) {
        let place = Self.actingPlace(event, key)
        let listed = event.quantityList + event.childQuantityList
        if step == "shipping" {
            add(listed, party: Self.party(event.sourceList, key) ?? place, to: \.shipped, key: key)
        } else if step == "receiving" {
            add(listed, party: Self.party(event.destinationList, key) ?? place, to: \.received, key: key)
        } else if step == "destroying" || event.disposition?.standardTerm == "destroyed" {
            add(listed + event.inputQuantityList, party: place, to: \.destroyed, key: key)
        } else if event.type == .objectEvent && event.action == .add {
            add(listed, party: place, to: \.produced, key: key)
        }
        if event.type == .transformationEvent && step != "destroying" {
            add(event.inputQuantityList, party: place, to: \.consumed, key: key)
            add(event.outputQuantityList, party: place, to: \.produced, key: key)
        }
    }

    private mutating func add(
        _ elements: [QuantityElement], party: String, to column: WritableKeyPath<BalanceDelta, Double>,
        key: (IdentifierURI) -> String
    ) {
        for element in elements {
            guard let quantity = element.quantity else { continue }
            let balanceKey = BalanceKey(lot: key(element.epcClass), party: party, uom: element.uom ?? "")
            if balances[balanceKey] == nil {
                balanceOrder.append(balanceKey)
                balances[balanceKey] = BalanceDelta()
            }
            balances[balanceKey]?[keyPath: column] += quantity
        }
    }

    private mutating func applyShipments(_ item: Item, step: String?, time: Int64, key: (IdentifierURI) -> String) {
        let event = item.event
        if step == "shipping" {
            opened.append(
                Shipment(
                    row: item.row,
                    source: Self.party(event.sourceList, key) ?? Self.actingPlace(event, key),
                    destination: Self.party(event.destinationList, key) ?? "", shippedAt: time,
                    keys: item.identifierKeys, transactions: item.transactions))
        } else if step == "receiving" {
            let closes = { (keys: Set<String>, transactions: Set<String>) in
                !keys.isDisjoint(with: item.identifierKeys) || !transactions.isDisjoint(with: item.transactions)
            }
            opened.removeAll { closes($0.keys, $0.transactions) }
            var closed: [Int64] = []
            stored.removeAll { shipment in
                guard closes(shipment.keys, shipment.transactions) else { return false }
                closed.append(shipment.row)
                return true
            }
            closedStored += closed
        }
    }

    /// The party of a source or destination list.
    static func party(_ list: [SourceDestination], _ key: (IdentifierURI) -> String) -> String? {
        for type in ["owning_party", "possessing_party", "location"] {
            if let entry = list.first(where: { $0.type.standardTerm == type }) { return key(entry.id) }
        }
        return list.first.map { key($0.id) }
    }

    /// The bizLocation, else the readPoint, else empty.
    static func actingPlace(_ event: EPCISEvent, _ key: (IdentifierURI) -> String) -> String {
        event.bizLocation.map { key($0.id) } ?? event.readPoint.map { key($0.id) } ?? ""
    }
}
