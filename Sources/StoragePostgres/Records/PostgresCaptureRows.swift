import NIOCore
import Storage

/// The rows a batch of captured events adds, as binary COPY streams (``PostgresBinaryCopy``): one per table, filled
/// in one pass over the records and sent with one `COPY` each
/// (``PostgresConnection/copyBinary(into:columns:_:logger:)``).
/// Optional values go as NULL fields: no sentinel text or NaN as the bound arrays of `unnest` needed.
///
/// In the ``PostgresLayout/monthly`` layout the index rows also carry `ord`, their position among their event's rows
/// of that table (the rows of one event spread over hash partitions, so physical order no longer keeps document
/// order), and the uniqueness guards get a row per event.
struct PostgresCaptureRows {
    static let eventColumns = [
        "id", "event_id", "hash_id", "event_type", "event_time_ms", "event_time", "record_time_ms", "record_time",
        "action", "biz_step", "disposition", "read_point", "biz_location", "transformation_id",
        "has_error_declaration", "has_sensor_data", "body",
    ]
    static let identifierColumns = ["event_row", "role", "key", "ai", "ai_value", "quantity", "uom"]
    static let partyColumns = ["event_row", "direction", "type", "party"]
    static let transactionColumns = ["event_row", "type", "transaction_id"]
    /// The uniqueness guards of the partitioned layout (``PostgresLayout``): every event's hash with whether it is
    /// an error declaration, and the eventID of every event that is not one.
    static let hashGuardColumns = ["hash_id", "has_error_declaration"]
    static let eventIDGuardColumns = ["event_id"]

    var event = PostgresBinaryCopy(capacity: 1 << 22)
    var identifier = PostgresBinaryCopy(capacity: 1 << 18)
    var party = PostgresBinaryCopy()
    var transaction = PostgresBinaryCopy()
    var hashGuard = PostgresBinaryCopy()
    var eventIDGuard = PostgresBinaryCopy()

    /// The columns of a table's rows in a layout: `ord` last in the monthly one.
    static func columns(_ columns: [String], _ layout: PostgresLayout) -> [String] {
        layout == .monthly ? columns + ["ord"] : columns
    }

    private let ordinals: Bool

    /// The rows of `records`, numbered `rows` (in document order), for a layout.
    /// - Parameter bodies: the records' bodies in their stored form (``EventBodyCodec``), in the same order.
    init(
        _ records: some Sequence<EventRecord>, rows: some Sequence<Int64>, bodies: [[UInt8]], layout: PostgresLayout
    ) {
        ordinals = layout == .monthly
        for ((row, record), body) in zip(zip(rows, records), bodies) {
            append(row, record, body)
            if ordinals {
                hashGuard.beginRow(fields: 2)
                hashGuard.text(record.hashID)
                hashGuard.bool(record.hasErrorDeclaration)
                if !record.hasErrorDeclaration {
                    eventIDGuard.beginRow(fields: 1)
                    eventIDGuard.text(record.eventID)
                }
            }
        }
    }

    private mutating func append(_ row: Int64, _ record: EventRecord, _ body: [UInt8]) {
        event.beginRow(fields: Self.eventColumns.count)
        event.int8(row)
        event.text(record.eventID)
        event.text(record.hashID)
        event.text(record.eventType)
        event.int8(record.eventTimeMilliseconds)
        event.text(record.eventTime)
        event.int8(record.recordTimeMilliseconds)
        event.text(record.recordTime)
        event.text(record.action)
        event.text(record.bizStep)
        event.text(record.disposition)
        event.text(record.readPoint)
        event.text(record.bizLocation)
        event.text(record.transformationID)
        event.bool(record.hasErrorDeclaration)
        event.bool(record.hasSensorData)
        event.bytea(body)
        let extra = ordinals ? 1 : 0
        for (ord, item) in record.identifiers.enumerated() {
            identifier.beginRow(fields: Self.identifierColumns.count + extra)
            identifier.int8(row)
            identifier.text(item.role)
            identifier.text(item.key)
            identifier.text(item.ai)
            identifier.text(item.aiValue)
            identifier.float8(item.quantity)
            identifier.text(item.uom)
            if ordinals { identifier.int4(Int32(ord)) }
        }
        for (ord, item) in record.parties.enumerated() {
            party.beginRow(fields: Self.partyColumns.count + extra)
            party.int8(row)
            party.text(item.direction)
            party.text(item.type)
            party.text(item.party)
            if ordinals { party.int4(Int32(ord)) }
        }
        for (ord, item) in record.transactions.enumerated() {
            transaction.beginRow(fields: Self.transactionColumns.count + extra)
            transaction.int8(row)
            transaction.text(item.type)
            transaction.text(item.id)
            if ordinals { transaction.int4(Int32(ord)) }
        }
    }
}
