/// Evaluates SimpleEventQuery predicates on events in memory.
///
/// The in-memory store answers queries with it, and the store conformance suite uses it as the reference
/// that SQL translations must agree with.
public struct EventMatcher: Sendable {
    let masterDataLookup: any MasterDataLookup

    /// Makes a matcher.
    /// - Parameter masterData: location hierarchies and attributes for `WD_`, `HASATTR_` and `EQ_ATTR_`.
    public init(masterData: any MasterDataLookup = InMemoryMasterData()) {
        masterDataLookup = masterData
    }

    /// The events that match `query`, ordered and limited as it asks.
    /// - Parameters:
    ///   - query: the query.
    ///   - events: candidate events.
    /// - Returns: the matching events.
    /// - Throws: ``QueryParameterError`` `.queryTooLarge` when more than `maxEventCount` events match.
    public func apply(_ query: EPCISQuery, to events: some Sequence<EPCISEvent>) throws(QueryParameterError)
        -> [EPCISEvent]
    {
        try apply(query, to: events, event: { $0 })
    }

    /// The items whose events match `query`, ordered and limited as it asks.
    /// - Parameters:
    ///   - query: the query.
    ///   - items: candidates, e.g. stored events with their IDs.
    ///   - event: the event of an item.
    /// - Returns: the matching items.
    /// - Throws: ``QueryParameterError`` `.queryTooLarge` when more than `maxEventCount` items match.
    public func apply<Item>(
        _ query: EPCISQuery, to items: some Sequence<Item>, event: (Item) -> EPCISEvent
    ) throws(QueryParameterError) -> [Item] {
        var result = items.filter { matches(event($0), query) }
        if let orderBy = query.orderBy {
            let descending = query.orderDirection == .descending
            let keyed = result.map { (item: $0, key: Self.orderValue(of: event($0), by: orderBy)) }
            // Events that lack the field go last, in either direction (EPCIS allows any position).
            result = keyed.sorted { lhs, rhs in
                switch (lhs.key, rhs.key) {
                case (.some(let a), .some(let b)): descending ? b < a : a < b
                case (.some, .none): true
                default: false
                }
            }.map(\.item)
        }
        if let limit = query.eventCountLimit { result = Array(result.prefix(limit)) }
        if let max = query.maxEventCount, result.count > max {
            throw QueryParameterError(
                .queryTooLarge, parameter: "maxEventCount",
                "\(result.count) events match, more than maxEventCount \(max)")
        }
        return result
    }

    /// Whether one event satisfies every predicate of `query`.
    public func matches(_ event: EPCISEvent, _ query: EPCISQuery) -> Bool {
        query.predicates.allSatisfy { matches(event, $0) }
    }

    /// Whether one event satisfies one predicate.
    public func matches(_ event: EPCISEvent, _ predicate: QueryPredicate) -> Bool {
        switch predicate {
        case .eventType(let types): return types.contains(event.type)
        case .eventTime(let op, let time): return op.holds(event.eventTime, time)
        case .recordTime(let op, let time): return event.recordTime.map { op.holds($0, time) } ?? false
        case .action(let actions): return event.action.map(actions.contains) ?? false
        case .bizStep(let uris): return event.bizStep.map { uris.contains($0.uri) } ?? false
        case .disposition(let uris): return event.disposition.map { uris.contains($0.uri) } ?? false
        case .persistentDispositionSet(let uris):
            return event.persistentDisposition?.set.contains { uris.contains($0.uri) } ?? false
        case .persistentDispositionUnset(let uris):
            return event.persistentDisposition?.unset.contains { uris.contains($0.uri) } ?? false
        case .readPoint(let ids, let deep): return location(event.readPoint, in: ids, withDescendants: deep)
        case .bizLocation(let ids, let deep): return location(event.bizLocation, in: ids, withDescendants: deep)
        case .transformationID(let ids): return event.transformationID.map(ids.contains) ?? false
        case .identifier(let field, let patterns): return identifiers(of: event, field, match: patterns)
        case .quantity(let op, let values, let uom):
            return Self.quantities(of: event).contains { element in
                guard let quantity = element.quantity, uom == nil || element.uom == uom else { return false }
                return values.contains { op.holds(quantity, $0) }
            }
        case .eventID(let ids): return event.eventID.map(ids.contains) ?? false
        case .errorDeclarationExists: return event.errorDeclaration != nil
        case .errorDeclarationTime(let op, let time):
            return event.errorDeclaration.map { op.holds($0.declarationTime, time) } ?? false
        case .errorReason(let uris): return event.errorDeclaration?.reason.map { uris.contains($0.uri) } ?? false
        case .correctiveEventID(let ids):
            return event.errorDeclaration?.correctiveEventIDs.contains(where: ids.contains) ?? false
        case .bizTransaction(let type, let ids):
            return event.bizTransactionList.contains { $0.type?.uri == type && ids.contains($0.id.canonicalKey) }
        case .source(let type, let ids):
            return event.sourceList.contains { $0.type.uri == type && ids.contains($0.id.canonicalKey) }
        case .destination(let type, let ids):
            return event.destinationList.contains { $0.type.uri == type && ids.contains($0.id.canonicalKey) }
        case .field(let scope, let inner, let name, let op, let values):
            return Self.elements(of: event, in: scope, inner: inner, named: name).contains { value in
                values.contains { Self.compare(value, op, $0) }
            }
        case .fieldExists(let scope, let inner, let name):
            return !Self.elements(of: event, in: scope, inner: inner, named: name).isEmpty
        case .sensorElementExists: return !event.sensorElementList.isEmpty
        case .sensorReport(let field, let values):
            return Self.sensorTexts(of: event, field).contains(where: values.contains)
        case .sensorTime(let field, let op, let time): return sensorTime(event, field, op, time)
        case .sensorValue(let field, let op, let numbers, let uom):
            return Self.reports(of: event).contains { report in
                Self.sensorValue(report, field, op, numbers, uom: uom)
            }
        case .percRank(let op, let number):
            return Self.reports(of: event).contains { $0.percRank.map { op.holds($0, number) } ?? false }
        case .hasAttribute(let field, let attributes):
            return masterDataIDs(of: event, field).contains { id in
                guard let known = masterDataLookup.attributes(of: id) else { return false }
                return attributes.contains { known[$0] != nil }
            }
        case .attributeEquals(let field, let attribute, let values):
            return masterDataIDs(of: event, field).contains { id in
                masterDataLookup.attributes(of: id)?[attribute]?.contains(where: values.contains) ?? false
            }
        }
    }
}
