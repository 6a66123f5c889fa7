import EPCIS
import Foundation
import Logging
import Storage
import Web

/// Stores a portal form's event through the capture pipeline: the JSON-LD document the preview showed is read by
/// the same reader as `POST /events`, checked by the same validator and the same place rule (a party captures only
/// at its own locations or as a source), and captured in one transaction with its projections and ledger leaf.
struct PortalCapture<Store: PlatformStore> {
    let platform: Platform<Store>

    /// The JSON-LD document that holds one event, as text (what the preview shows and what is stored).
    static func document(_ event: [String: Any]) throws -> Data {
        let document: [String: Any] = [
            "@context": [
                "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
                ["suyuan": RecallIssuer.namespace],
            ] as [Any],
            "type": "EPCISDocument", "schemaVersion": "2.0",
            "creationDate": event["eventTime"] as? String ?? EPCISDateTime(Date()).utcMillisecondText,
            "epcisBody": ["eventList": [event]],
        ]
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    /// The event alone, indented, for the preview.
    static func preview(_ event: [String: Any]) -> String {
        let data = try? JSONSerialization.data(
            withJSONObject: event, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        return data.map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// The problems capture would refuse the event for, each as a form problem of the field `event`; empty when
    /// it would be stored.
    func check(_ event: [String: Any], party: PortalParty) async throws -> [PortalFormModel.Problem] {
        let label = party.catalog.text("portal.field.event")
        let data = try Self.document(event)
        let read: (document: EPCISDocument, locations: [EventLocation])
        switch Result(catching: { try EPCISDocumentReader().readLocated(data) }) {
        case .success(let value): read = (value.0, value.1)
        case .failure(let error):
            let diagnostics = (error as? EPCISDocumentError)?.diagnostics.map(\.description) ?? ["\(error)"]
            return diagnostics.map { .init(field: "event", label: label, message: $0) }
        }
        let (document, locations) = read
        let problems = CaptureContext().validator.validate(document, locations: locations)
            .filter { $0.severity == .error }
        if !problems.isEmpty {
            return problems.map { .init(field: "event", label: label, message: $0.description) }
        }
        let visibility = try await platform.visibility()
        guard document.events.allSatisfy({ visibility.canCapture($0, principal: party.principal) }) else {
            return [.init(field: "location", label: party.catalog.text("portal.field.location"),
                          message: party.catalog.text("portal.rule.notYours"))]
        }
        return []
    }

    /// Captures the event; returns its ID.
    /// - Throws: ``Problem`` naming what capture refused; nothing is stored then.
    func store(_ event: [String: Any], party: PortalParty) async throws -> String {
        let problems = try await check(event, party: party)
        guard problems.isEmpty else {
            throw Problem.invalid(
                "the event breaks a capture rule; nothing was stored",
                errors: problems.map { Problem.Entry(pointer: $0.field, detail: $0.message) })
        }
        let (document, locations, format) = try EPCISDocumentReader().readLocated(try Self.document(event))
        var context = CaptureContext()
        context.documentFormat = format
        let receipt = try await platform.store.capture(document, locations: locations, context: context)
        platform.captured.signal()
        await platform.consumer.invalidate()
        // A person who just recorded something expects their alerts to show it; portal writes are few (people
        // typing), so the next full reconciliation runs anew rather than after the cache's 30 s.
        await platform.findings.invalidate()
        platform.metrics.count("events_captured", "events captured", by: receipt.eventIDs.count)
        platform.metrics.count("portal_events", "events recorded through the party portal")
        platform.logger.info(
            "portal event recorded",
            metadata: [
                "party": "\(party.key)", "key": "\(party.principal.name)", "event": "\(receipt.eventIDs.first ?? "")",
            ])
        return receipt.eventIDs.first ?? ""
    }
}
