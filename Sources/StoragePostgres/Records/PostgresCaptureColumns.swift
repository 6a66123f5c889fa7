import Storage

/// The columns of a batch of `event` rows, one array per column (bound as `unnest` arguments).
struct EventColumns {
    var row: [Int64] = []
    var eventID: [String] = []
    var hashID: [String] = []
    var eventType: [String] = []
    var eventTimeMs: [Int64] = []
    var eventTime: [String] = []
    var recordTimeMs: [Int64] = []
    var recordTime: [String] = []
    var action: [String] = []
    var bizStep: [String] = []
    var disposition: [String] = []
    var readPoint: [String] = []
    var bizLocation: [String] = []
    var transformationID: [String] = []
    var declared: [Bool] = []
    var body: [String] = []

    mutating func append(_ id: Int64, _ record: EventRecord) {
        row.append(id)
        eventID.append(record.eventID)
        hashID.append(record.hashID)
        eventType.append(record.eventType)
        eventTimeMs.append(record.eventTimeMilliseconds)
        eventTime.append(record.eventTime)
        recordTimeMs.append(record.recordTimeMilliseconds)
        recordTime.append(record.recordTime)
        action.append(record.action ?? "")
        bizStep.append(record.bizStep ?? "")
        disposition.append(record.disposition ?? "")
        readPoint.append(record.readPoint ?? "")
        bizLocation.append(record.bizLocation ?? "")
        transformationID.append(record.transformationID ?? "")
        declared.append(record.hasErrorDeclaration)
        body.append(record.body)
    }
}

/// The columns of a batch of `event_identifier` rows.
struct IdentifierColumns {
    var row: [Int64] = []
    var role: [String] = []
    var key: [String] = []
    var ai: [String] = []
    var aiValue: [String] = []
    var quantity: [Double] = []
    var uom: [String] = []

    mutating func append(_ id: Int64, _ item: EventRecord.Identifier) {
        row.append(id)
        role.append(item.role)
        key.append(item.key)
        ai.append(item.ai ?? "")
        aiValue.append(item.aiValue ?? "")
        quantity.append(item.quantity ?? .nan)
        uom.append(item.uom ?? "")
    }
}

/// The columns of a batch of `event_party` rows.
struct PartyColumns {
    var row: [Int64] = []
    var direction: [String] = []
    var type: [String] = []
    var party: [String] = []

    mutating func append(_ id: Int64, _ item: EventRecord.Party) {
        row.append(id)
        direction.append(item.direction)
        type.append(item.type)
        party.append(item.party)
    }
}

/// The columns of a batch of `event_biz_transaction` rows.
struct TransactionColumns {
    var row: [Int64] = []
    var type: [String] = []
    var id: [String] = []

    mutating func append(_ id: Int64, _ item: EventRecord.Transaction) {
        row.append(id)
        type.append(item.type ?? "")
        self.id.append(item.id)
    }
}
