/// What queries need of master data (EPCIS 2.0 section 6.5): location hierarchies for `WD_` parameters and
/// attributes for `HASATTR_` / `EQ_ATTR_`.
public protocol MasterDataLookup: Sendable {
    /// Whether `id` is `ancestor` itself or a direct or indirect child of it.
    /// - Parameters:
    ///   - id: a location's canonical key.
    ///   - ancestor: another location's canonical key.
    func isSameOrDescendant(_ id: String, of ancestor: String) -> Bool

    /// The attribute values of a vocabulary element, by attribute id; nil when the element is unknown.
    /// - Parameter id: the element's canonical key.
    func attributes(of id: String) -> [String: [String]]?
}

/// Master data held in memory, built from the vocabularies of EPCIS documents.
public struct InMemoryMasterData: MasterDataLookup {
    private var parents: [String: Set<String>] = [:]
    private var attributeValues: [String: [String: [String]]] = [:]

    /// Builds the lookup from vocabularies.
    /// - Parameter vocabularies: master data, e.g. `EPCISDocument.masterData`.
    public init(_ vocabularies: [Vocabulary] = []) {
        for vocabulary in vocabularies {
            for element in vocabulary.elements {
                let key = IdentifierURI(element.id).canonicalKey
                var values = attributeValues[key] ?? [:]
                for attribute in element.attributes {
                    values[attribute.id, default: []].append(Self.text(of: attribute.value))
                }
                attributeValues[key] = values
                for child in element.children {
                    parents[IdentifierURI(child).canonicalKey, default: []].insert(key)
                }
            }
        }
    }

    public func isSameOrDescendant(_ id: String, of ancestor: String) -> Bool {
        var seen: Set<String> = []
        var frontier = [id]
        while let current = frontier.popLast() {
            if current == ancestor { return true }
            guard seen.insert(current).inserted else { continue }
            frontier.append(contentsOf: parents[current] ?? [])
        }
        return false
    }

    public func attributes(of id: String) -> [String: [String]]? {
        attributeValues[id]
    }

    private static func text(of value: ExtensionValue) -> String {
        switch value {
        case .string(let text), .number(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .null: ""
        case .array(let items): items.map(text(of:)).joined(separator: " ")
        case .object(let elements): elements.map { text(of: $0.value) }.joined(separator: " ")
        }
    }
}
