public import EPCIS
public import Foundation

/// The master data the sector rules read: every vocabulary element's Suyuan attributes (namespace
/// ``PartyRegistry/namespace``) by canonical key, whatever its vocabulary type.
///
/// An identifier with no element of its own takes its class's: a lot or serial Digital Link
/// (`https://id.gs1.org/01/…/10/L1`) the attributes of its GTIN (`https://id.gs1.org/01/…`). The attributes read
/// are listed in docs/sector-rules.md; values are text (stores keep master data as text), numbers in C notation.
public struct SectorMasterData: Hashable, Sendable {
    /// Attributes by element key, by attribute name without the namespace.
    public var elements: [String: [String: String]]
    /// The owning party of each business location.
    public var locationOwners: [String: String]

    /// Makes master data from attributes.
    public init(elements: [String: [String: String]] = [:], locationOwners: [String: String] = [:]) {
        self.elements = elements
        self.locationOwners = locationOwners
    }

    /// Reads every element's Suyuan attributes.
    /// - Parameter vocabularies: the master data.
    public init(masterData vocabularies: [Vocabulary]) {
        self.init()
        for vocabulary in vocabularies {
            for element in vocabulary.elements {
                let key = IdentifierURI(element.id).canonicalKey
                var attributes = elements[key] ?? [:]
                for attribute in element.attributes where attribute.id.hasPrefix(PartyRegistry.namespace) {
                    let name = String(attribute.id.dropFirst(PartyRegistry.namespace.count))
                    if let text = Self.text(attribute.value) { attributes[name] = text }
                }
                elements[key] = attributes
                if vocabulary.type == "urn:epcglobal:epcis:vtype:BusinessLocation", let owner = attributes["owner"] {
                    locationOwners[key] = IdentifierURI(owner).canonicalKey
                }
            }
        }
    }

    private static func text(_ value: ExtensionValue) -> String? {
        switch value {
        case .string(let text): text
        case .number(let number): number
        case .bool(let flag): flag ? "true" : "false"
        default: nil
        }
    }

    /// An attribute of an identifier, or of its class.
    /// - Parameters:
    ///   - name: the attribute name without the namespace, e.g. `withdrawalPeriodDays`.
    ///   - key: the identifier's canonical key.
    public func attribute(_ name: String, of key: String) -> String? {
        if let value = elements[key]?[name] { return value }
        guard let classKey = Self.classKey(of: key) else { return nil }
        return elements[classKey]?[name]
    }

    /// A number attribute, nil when absent or not a number.
    public func number(_ name: String, of key: String) -> Double? {
        attribute(name, of: key).flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// A date attribute (`2026-05-01` or a full timestamp), nil when absent or unreadable.
    public func date(_ name: String, of key: String) -> Date? {
        guard let text = attribute(name, of: key) else { return nil }
        let full = text.count == 10 ? text + "T00:00:00Z" : text
        return EPCISDateTime(full)?.date
    }

    /// The product or asset category of an identifier.
    public func category(of key: String) -> String? { attribute("category", of: key) }

    /// The GTIN class of a lot or serial Digital Link, nil for anything else.
    static func classKey(of key: String) -> String? {
        guard key.hasPrefix("https://id.gs1.org/01/") else { return nil }
        let rest = key.dropFirst("https://id.gs1.org/01/".count)
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        return "https://id.gs1.org/01/" + rest[..<slash]
    }
}
