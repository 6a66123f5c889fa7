import EPCIS
import Foundation
import Storage
import TraceEngine
import Web

/// Reads what a code's console page shows: its state, balances, recalls, both traces with their holders, and its
/// events (the first 200, oldest first).
enum ConsoleIdentifierFacts {
    static func read<Store: PlatformStore>(key: String, platform: Platform<Store>) async throws
        -> ConsoleIdentifierModel.Facts
    {
        let store = platform.store
        let names = try await platform.names.names()
        let engine = TraceEngine(source: store)
        let budget = TraceBudget(maxDepth: 32, maxNodes: 5_000)
        let back = try await engine.back(from: key, budget: budget)
        let forward = try await engine.forward(from: key, budget: budget)
        var facts = ConsoleIdentifierModel.Facts(key: key, root: back.root, back: back, forward: forward)
        let product = names.productName(key)
        if !product.name.isEmpty {
            facts.product = product
            if let gtin = DigitalLinkKey(key).value("01") { facts.category = names.products[gtin]?.category }
        }
        facts.recallIDs = try await store.recallIDs(reaching: key)
        if let current = try await store.identifierState(key) {
            var state = ConsoleIdentifierModel.State(status: current.status)
            state.location = current.location.map { names.locationName($0) }
            state.owner = current.owner.map { names.partyName($0) }
            state.disposition = current.disposition.map { CBVValue($0, in: .disposition)?.standardTerm ?? $0 }
            state.parent = current.parent
            facts.state = state
        }
        facts.balances = try await store.lotBalances(key).map { balance in
            ConsoleIdentifierModel.Balance(
                party: names.partyName(balance.party),
                figures: [balance.received, balance.produced, balance.consumed, balance.shipped, balance.destroyed,
                          balance.onHand],
                uom: balance.uom)
        }
        facts.holders = forward.holders.map { holder in
            ConsoleFacts.Holder(
                party: holder.party.map { names.partyName($0) }, location: names.locationName(holder.location),
                identifier: holder.identifier, quantity: holder.quantity, uom: holder.uom)
        }
        // Nodes carry the spelling they were captured with; names are kept by canonical key.
        for node in back.nodes + forward.nodes {
            let canonical = IdentifierURI(node.id).canonicalKey
            if names.partyTexts[canonical] != nil || names.owner(canonical) != nil {
                facts.nodeNames[node.id] = names.partyName(canonical)
            } else if names.locationTexts[canonical] != nil {
                facts.nodeNames[node.id] = names.locationName(canonical)
            }
        }
        let isClass = DigitalLinkKey(key).value("10") != nil && DigitalLinkKey(key).value("21") == nil
        let query = try EPCISQuery(parameters: [
            (isClass ? "MATCH_anyEPCClass" : "MATCH_anyEPC", key), ("orderBy", "eventTime"), ("orderDirection", "ASC"),
        ])
        facts.events = try await store.events(matching: query, page: PageRequest(size: 200, token: nil)).events.map {
            stored in
            let event = stored.event
            return ConsoleIdentifierModel.Event(
                time: LocalTime(event.eventTime.date, offset: event.eventTimeZoneOffset),
                type: event.type.rawValue, bizStep: event.bizStep.map { $0.standardTerm ?? $0.uri },
                disposition: event.disposition.map { $0.standardTerm ?? $0.uri },
                place: event.bizLocation.map { names.locationName($0.id.canonicalKey) }, id: stored.id)
        }
        return facts
    }
}
