/// The current state of one identifier, as the projections keep it (rules: ``ProjectionBatch``).
public struct IdentifierState: Hashable, Sendable {
    /// The identifier's canonical key.
    public var key: String
    /// The canonical key of the container it was last aggregated into, if still inside.
    public var parent: String?
    /// The last business location.
    public var location: String?
    /// The last disposition (CBV URI).
    public var disposition: String?
    /// The last owning party named as destination.
    public var owner: String?
    /// `active`, `commissioned`, `decommissioned` or `consumed`.
    public var status: String

    /// Creates a state.
    /// - Parameters:
    ///   - key: The canonical key.
    ///   - parent: The container, if inside one.
    ///   - location: The last business location.
    ///   - disposition: The last disposition.
    ///   - owner: The last owning party.
    ///   - status: `active`, `commissioned`, `decommissioned` or `consumed`.
    public init(
        key: String, parent: String?, location: String?, disposition: String?, owner: String?, status: String
    ) {
        self.key = key
        self.parent = parent
        self.location = location
        self.disposition = disposition
        self.owner = owner
        self.status = status
    }
}

/// The balance of one lot (quantity class) at one party, in one unit (empty for counts).
public struct LotBalance: Hashable, Sendable {
    /// The lot's canonical key.
    public var lot: String
    /// The party (or place) holding it.
    public var party: String
    /// The unit of measure, empty for counts.
    public var uom: String
    /// Received at this party (bizStep `receiving`).
    public var received: Double
    /// Produced here (ObjectEvent `ADD`, TransformationEvent outputs).
    public var produced: Double
    /// Consumed here (TransformationEvent inputs).
    public var consumed: Double
    /// Shipped from this party (bizStep `shipping`).
    public var shipped: Double
    /// Destroyed here (bizStep `destroying` or disposition `destroyed`).
    public var destroyed: Double
    /// received + produced − consumed − shipped − destroyed.
    public var onHand: Double

    /// Creates a balance.
    /// - Parameters:
    ///   - lot: The lot's canonical key.
    ///   - party: The holder.
    ///   - uom: The unit, empty for counts.
    ///   - received: Received here.
    ///   - produced: Produced here.
    ///   - consumed: Consumed here.
    ///   - shipped: Shipped from here.
    ///   - destroyed: Destroyed here.
    ///   - onHand: What is left.
    public init(
        lot: String, party: String, uom: String, received: Double, produced: Double, consumed: Double,
        shipped: Double, destroyed: Double, onHand: Double
    ) {
        self.lot = lot
        self.party = party
        self.uom = uom
        self.received = received
        self.produced = produced
        self.consumed = consumed
        self.shipped = shipped
        self.destroyed = destroyed
        self.onHand = onHand
    }
}

/// A shipment not yet received.
public struct OpenShipment: Hashable, Sendable {
    /// The eventID of the shipping event.
    public var shippingEventID: String
    /// The source party.
    public var source: String
    /// The destination party (empty when the event named none).
    public var destination: String

    /// Creates an open shipment.
    /// - Parameters:
    ///   - shippingEventID: The shipping event's ID.
    ///   - source: The source party.
    ///   - destination: The destination party, empty when none was named.
    public init(shippingEventID: String, source: String, destination: String) {
        self.shippingEventID = shippingEventID
        self.source = source
        self.destination = destination
    }
}

/// An event store that keeps projections beside its events, in the capture transaction: the current state of each
/// identifier, lot balances per party and open shipments (rules: ``ProjectionBatch``). Both SQL backends
/// implement it, and StorageTesting checks that they agree.
public protocol ProjectionStore: EventStore {
    /// The current state of an identifier, or nil when no event touched it.
    /// - Parameter key: The identifier's canonical key.
    /// - Throws: ``StorageError``.
    func identifierState(_ key: String) async throws(StorageError) -> IdentifierState?

    /// The canonical keys of the identifiers events named as objects (EPCs, parent IDs, children, inputs and
    /// outputs: every identifier with a state), in the order of their bytes, a page at a time.
    /// - Parameters:
    ///   - after: the last key of the previous page, or nil for the first page.
    ///   - limit: at most this many keys.
    /// - Throws: ``StorageError``.
    func identifierKeys(after: String?, limit: Int) async throws(StorageError) -> [String]

    /// The balances of a lot at every party, ordered by party and unit.
    /// - Parameter lot: The lot's canonical key.
    /// - Throws: ``StorageError``.
    func lotBalances(_ lot: String) async throws(StorageError) -> [LotBalance]

    /// Every shipment not yet received, oldest first.
    /// - Throws: ``StorageError``.
    func openShipments() async throws(StorageError) -> [OpenShipment]

    /// Empties the projections and applies every stored event again, leaving out error declarations and the
    /// events they correct.
    /// - Throws: ``StorageError``.
    func rebuildProjections() async throws(StorageError)
}
