import EPCIS
import Foundation
import Storage
import TraceEngine

/// The party registry as people read it (name, licence number and status, blacklist, role, locations), and its
/// changes: a licence suspended or revoked, a party blacklisted, each recorded with who, when and why.
enum PartyRegistryView {
    static let partyType = "urn:epcglobal:epcis:vtype:Party"
    static let locationType = "urn:epcglobal:epcis:vtype:BusinessLocation"
    static let productType = "urn:epcglobal:epcis:vtype:EPCClass"
    static let statusAttribute = PartyRegistry.namespace + "licenceStatus"
    static let blacklistAttribute = PartyRegistry.namespace + "blacklisted"
    static let statuses = ["active", "suspended", "revoked"]

    struct PartyDTO: Encodable, Sendable {
        var id: String
        var key: String
        var name: String?
        var role: String?
        var licenceNumber: String?
        var licenceStatus: String
        var blacklisted: Bool
        var licensed: Bool
    }

    struct ChangeDTO: Encodable, Sendable {
        var party: String
        var attribute: String
        var oldValue: String?
        var newValue: String?
        var changedBy: String
        var changedAt: Date
        var reason: String?

        init(_ change: PartyChange) {
            party = change.party
            attribute = change.attribute
            oldValue = change.oldValue
            newValue = change.newValue
            changedBy = change.changedBy
            changedAt = change.changedAt
            reason = change.reason
        }
    }

    static func value(_ element: VocabularyElement, _ attribute: String) -> String? {
        element.attributes.first { $0.id == attribute }.map(\.value.masterDataText)
    }

    static func dto(_ element: VocabularyElement) -> PartyDTO {
        let status = value(element, statusAttribute) ?? "active"
        let blacklisted = value(element, blacklistAttribute) == "true"
        return PartyDTO(
            id: element.id, key: IdentifierKeys.canonical(element.id), name: value(element, "urn:epcglobal:cbv:mda#name"),
            role: value(element, PartyRegistry.namespace + "role"),
            licenceNumber: value(element, PartyRegistry.namespace + "licenceNumber"), licenceStatus: status,
            blacklisted: blacklisted, licensed: status == "active" && !blacklisted)
    }

    static func parties<Store: PlatformStore>(_ store: Store) async throws -> [PartyDTO] {
        try await store.vocabularyElements(type: partyType).map(dto)
    }

    /// Changes a party's licence status and/or blacklist flag, recording each change; nothing changes when the
    /// party is unknown or a value is not allowed.
    static func update<Store: PlatformStore>(
        party text: String, licenceStatus: String?, blacklisted: Bool?, reason: String?, by: String,
        platform: Platform<Store>
    ) async throws -> [PartyChange] {
        let key = IdentifierKeys.canonical(text)
        let elements = try await platform.store.vocabularyElements(type: partyType)
        guard var element = elements.first(where: { IdentifierKeys.canonical($0.id) == key }) else {
            throw Problem.notFound("no party \(text) in the registry (capture its master data first)")
        }
        if let licenceStatus, !statuses.contains(licenceStatus) {
            throw Problem.invalid("/licenceStatus: one of \(statuses.joined(separator: ", ")) (got \(licenceStatus))")
        }
        guard licenceStatus != nil || blacklisted != nil else {
            throw Problem.invalid("say what changes: licenceStatus and/or blacklisted")
        }
        guard let reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw Problem.invalid("/reason: a registry change must say why")
        }
        var changes: [PartyChange] = []
        let now = Date()
        func set(_ attribute: String, _ newValue: String) {
            let old = value(element, attribute)
            guard old != newValue else { return }
            element.attributes.removeAll { $0.id == attribute }
            element.attributes.append(VocabularyAttribute(id: attribute, value: .string(newValue)))
            changes.append(PartyChange(
                party: key, attribute: attribute, oldValue: old, newValue: newValue, changedBy: by, changedAt: now,
                reason: reason))
        }
        if let licenceStatus { set(statusAttribute, licenceStatus) }
        if let blacklisted { set(blacklistAttribute, blacklisted ? "true" : "false") }
        guard !changes.isEmpty else { return [] }
        try await platform.store.updateParty(element, changes: changes)
        await platform.registry.invalidate()
        await platform.names.invalidate()
        await platform.findings.invalidate()
        return changes
    }
}
