/// One element of an event as the GS1 hash algorithm sees it: a name, a text value and child elements, or a
/// pair of (type, value) elements for the entries of `bizTransactionList`, `sourceList` and `destinationList`.
///
/// The algorithm consumes the tree while it walks it (an element that went into the pre-hash string is removed, and
/// whatever is left is hashed as "elements not in the order", sorted), so nodes are references.
final class PreHashNode {
    let name: String
    let text: String
    var children: [PreHashNode]
    let isPair: Bool
    /// Set once the walk has put the element into the string.
    var consumed = false

    init(_ name: String, _ text: String = "", _ children: [PreHashNode] = [], isPair: Bool = false) {
        self.name = name
        self.text = text
        self.children = children
        self.isPair = isPair
    }

    static func pair(_ type: PreHashNode?, _ value: PreHashNode) -> PreHashNode {
        PreHashNode("", "", (type.map { [$0] } ?? []) + [value], isPair: true)
    }
}

/// The order in which children of an element enter the pre-hash string (CBV 2.0 section 8.9.2 and the
/// reference's `PROP_ORDER`): each name, with the order of its own children when it has structure.
struct PropertyOrder: Sendable {
    let entries: [(name: String, children: PropertyOrder?)]

    init(_ entries: [(String, PropertyOrder?)]) { self.entries = entries.map { (name: $0.0, children: $0.1) } }

    private static let quantityElement = PropertyOrder([
        ("quantityElement", PropertyOrder([("epcClass", nil), ("quantity", nil), ("uom", nil)]))
    ])
    private static let epc = PropertyOrder([("epc", nil)])
    private static let id = PropertyOrder([("id", nil)])

    static let event = PropertyOrder([
        ("eventTime", nil), ("eventTimeZoneOffset", nil), ("certificationInfo", nil), ("parentID", nil),
        ("epcList", epc), ("inputEPCList", epc), ("childEPCs", epc), ("quantityList", quantityElement),
        ("childQuantityList", quantityElement), ("inputQuantityList", quantityElement), ("outputEPCList", epc),
        ("outputQuantityList", quantityElement), ("action", nil), ("transformationID", nil), ("bizStep", nil),
        ("disposition", nil), ("persistentDisposition", PropertyOrder([("set", nil), ("unset", nil)])),
        ("readPoint", id), ("bizLocation", id),
        // The reference lists bizTransactionList, sourceList and destinationList here with an order its pair
        // entries never match, so they are always hashed with the leftover elements; they are left out to the same
        // effect.
        ("sensorElementList", PropertyOrder([
            ("sensorElement", PropertyOrder([
                ("sensorMetadata", PropertyOrder([
                    ("time", nil), ("startTime", nil), ("endTime", nil), ("deviceID", nil), ("deviceMetadata", nil),
                    ("rawData", nil), ("dataProcessingMethod", nil), ("bizRules", nil),
                ])),
                ("sensorReport", PropertyOrder([
                    ("type", nil), ("exception", nil), ("deviceID", nil), ("deviceMetadata", nil), ("rawData", nil),
                    ("dataProcessingMethod", nil), ("time", nil), ("microorganism", nil), ("chemicalSubstance", nil),
                    ("value", nil), ("component", nil), ("stringValue", nil), ("booleanValue", nil),
                    ("hexBinaryValue", nil), ("uriValue", nil), ("minValue", nil), ("maxValue", nil),
                    ("meanValue", nil), ("sDev", nil), ("percRank", nil), ("percValue", nil), ("uom", nil),
                    ("coordinateReferenceSystem", nil),
                ])),
            ]))
        ])),
    ])
}

/// The pre-hash walk of the reference implementation (`hash_generator.py`), step for step.
enum PreHashWalk {
    /// The pre-hash string of an event tree whose children are the event's elements.
    static func preHash(type: String, event: PreHashNode, values: inout PreHashValueCache) -> String {
        let ordered = inOrder(event, PropertyOrder.event, &values)
        return "eventType=" + type + ordered + generic(event.children, &values)
    }

    private static func inOrder(
        _ parent: PreHashNode, _ order: PropertyOrder, _ values: inout PreHashValueCache
    ) -> String {
        var preHash = ""
        let userExtensions = gatherUserExtensions(parent)
        var anyConsumed = false
        let children = parent.children
        for (name, childOrder) in order.entries {
            var parts: [String] = []
            for child in children where !child.isPair && child.name == name {
                let part = elementString(child, childOrder, &values)
                if !part.isEmpty { parts.append(part) }
                // An element whose children all went into the string is used up; the rest is hashed as leftovers.
                if child.children.isEmpty {
                    child.consumed = true
                    anyConsumed = true
                }
            }
            if parts.count > 1 { parts.sort(by: utf8Less) }
            for part in parts { preHash += part }
        }
        if anyConsumed { parent.children.removeAll { $0.consumed } }
        if !userExtensions.isEmpty { preHash += generic(userExtensions, &values) }
        return preHash
    }

    private static func elementString(
        _ child: PreHashNode, _ childOrder: PropertyOrder?, _ values: inout PreHashValueCache
    ) -> String {
        var grandChildren = ""
        if let childOrder { grandChildren = inOrder(child, childOrder, &values) }
        var text = ""
        if !child.text.isEmpty {
            text = trimmed(child.text)
            let name = child.name
            text = name.containsBytes("time", ignoringASCIICase: true)
                && !name.containsBytes("offset", ignoringASCIICase: true)
                ? HashValueCanonicaliser.timestamp(text) : values.canonical(text)
            if !text.isEmpty { text = "=" + text }
        }
        return text.isEmpty && grandChildren.isEmpty ? "" : child.name + text + grandChildren
    }

    /// User extensions inside an element other than the event itself (readPoint, sensorElement, …) go after the
    /// ordered children of that element.
    private static func gatherUserExtensions(_ parent: PreHashNode) -> [PreHashNode] {
        guard parent.children.count > 1 else { return [] }
        if parent.children.contains(where: { $0.name.containsBytes("eventTime") || $0.name.containsBytes("action") }) {
            return []
        }
        let extensions = parent.children.filter {
            !$0.isPair && $0.name.containsBytes("{") && $0.name.containsBytes("/}")
        }
        if !extensions.isEmpty { parent.children.removeAll { node in extensions.contains { $0 === node } } }
        return extensions
    }

    /// Elements outside the order: `name=value` followed by their children, sorted, except inside a
    /// bizTransaction/source/destination pair where type comes before the value.
    static func generic(_ children: [PreHashNode], _ values: inout PreHashValueCache) -> String {
        var parts: [String] = []
        parts.reserveCapacity(children.count)
        for child in children {
            if child.isPair {
                parts.append(generic(child.children, &values))
                continue
            }
            var text = trimmed(child.text)
            if !text.isEmpty { text = "=" + values.canonical(text) }
            parts.append(child.name + text + generic(child.children, &values))
        }
        let keepOrder = children.contains {
            !$0.isPair && ($0.name == "bizTransaction" || $0.name == "source" || $0.name == "destination")
        }
        if parts.count > 1 && !keepOrder { parts.sort(by: utf8Less) }
        return parts.joined()
    }

    /// Python's string order: by code point, which UTF-8 byte order preserves.
    static func utf8Less(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Python's `str.strip()` for the whitespace that occurs in documents.
    static func trimmed(_ text: String) -> String {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }
        let bytes = text.utf8
        guard let first = bytes.first, let last = bytes.last, isSpace(first) || isSpace(last) else { return text }
        let start = bytes.firstIndex { !isSpace($0) } ?? bytes.endIndex
        let end = bytes.lastIndex { !isSpace($0) }.map { bytes.index(after: $0) } ?? start
        return start < end ? String(decoding: bytes[start..<end], as: UTF8.self) : ""
    }
}

extension String {
    /// Whether `needle` occurs in the string, compared byte by byte (ASCII case-insensitively when asked);
    /// the pre-hash walk asks this for every element name, so it avoids Foundation's bridged search.
    func containsBytes(_ needle: String, ignoringASCIICase: Bool = false) -> Bool {
        var haystack = self
        var needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                guard n.count <= h.count else { return false }
                if n.isEmpty { return true }
                func fold(_ c: UInt8) -> UInt8 { ignoringASCIICase && c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
                let first = fold(n[0])
                var i = 0
                while i + n.count <= h.count {
                    if fold(h[i]) == first {
                        var j = 1
                        while j < n.count, fold(h[i + j]) == fold(n[j]) { j += 1 }
                        if j == n.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}
