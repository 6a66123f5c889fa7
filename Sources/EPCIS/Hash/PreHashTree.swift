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
///
/// The reference builds a string per element and joins them; here every element is written into one byte buffer,
/// and where the reference sorts sibling strings the walk sorts those siblings' byte ranges in place. The bytes are
/// the UTF-8 of the reference's string (Python compares strings by code point, which UTF-8 byte order preserves).
enum PreHashWalk {
    /// The pre-hash string of an event tree whose children are the event's elements.
    static func preHash(type: String, event: PreHashNode, values: inout PreHashValueCache) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1_024)
        out.append(contentsOf: "eventType=".utf8)
        out.append(contentsOf: type.utf8)
        inOrder(event, PropertyOrder.event, &values, into: &out)
        generic(event.children, &values, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func inOrder(
        _ parent: PreHashNode, _ order: PropertyOrder, _ values: inout PreHashValueCache, into out: inout [UInt8]
    ) {
        let userExtensions = gatherUserExtensions(parent)
        var anyConsumed = false
        let children = parent.children
        for (name, childOrder) in order.entries {
            var parts = Parts(start: out.count)
            for child in children where !child.isPair && child.name == name {
                let before = out.count
                elementString(child, childOrder, &values, into: &out)
                parts.ended(before, out.count)
                // An element whose children all went into the string is used up; the rest is hashed as leftovers.
                if child.children.isEmpty {
                    child.consumed = true
                    anyConsumed = true
                }
            }
            parts.sort(&out)
        }
        if anyConsumed { parent.children.removeAll { $0.consumed } }
        if !userExtensions.isEmpty { generic(userExtensions, &values, into: &out) }
    }

    /// `name=value` and the ordered grandchildren, or nothing when both are empty.
    private static func elementString(
        _ child: PreHashNode, _ childOrder: PropertyOrder?, _ values: inout PreHashValueCache,
        into out: inout [UInt8]
    ) {
        let start = out.count
        out.append(contentsOf: child.name.utf8)
        var hasText = false
        if !child.text.isEmpty {
            let text = trimmed(child.text)
            let name = child.name
            let value = name.containsBytes("time", ignoringASCIICase: true)
                && !name.containsBytes("offset", ignoringASCIICase: true)
                ? HashValueCanonicaliser.timestamp(text) : values.canonical(text)
            if !value.isEmpty {
                out.append(UInt8(ascii: "="))
                out.append(contentsOf: value.utf8)
                hasText = true
            }
        }
        let afterText = out.count
        if let childOrder { inOrder(child, childOrder, &values, into: &out) }
        if !hasText && out.count == afterText { out.removeSubrange(start...) }
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
    static func generic(_ children: [PreHashNode], _ values: inout PreHashValueCache, into out: inout [UInt8]) {
        var parts = Parts(start: out.count)
        for child in children {
            let before = out.count
            if child.isPair {
                generic(child.children, &values, into: &out)
            } else {
                out.append(contentsOf: child.name.utf8)
                let text = trimmed(child.text)
                if !text.isEmpty {
                    out.append(UInt8(ascii: "="))
                    out.append(contentsOf: values.canonical(text).utf8)
                }
                generic(child.children, &values, into: &out)
            }
            // The reference sorts every part, empty ones too (they sort first and add nothing).
            parts.ended(before, out.count)
        }
        let keepOrder = children.contains {
            !$0.isPair && ($0.name == "bizTransaction" || $0.name == "source" || $0.name == "destination")
        }
        if !keepOrder { parts.sort(&out) }
    }

    /// The sibling parts written into the buffer one after the other from `start` (an empty part takes no room, and
    /// sorts first, adding nothing); sorting rewrites them in UTF-8 byte order. A single part, the common case, is
    /// counted without an array.
    private struct Parts {
        let start: Int
        private var count = 0
        private var firstEnd = 0
        /// Where each part ends, once there are two or more.
        private var ends: [Int] = []

        init(start: Int) { self.start = start }

        /// A part was written from `before` to `after` (the end of the buffer).
        mutating func ended(_ before: Int, _ after: Int) {
            guard after > before else { return }
            count += 1
            if count == 1 {
                firstEnd = after
            } else {
                if count == 2 { ends = [firstEnd] }
                ends.append(after)
            }
        }

        /// Rewrites the parts, which end at the end of the buffer, in UTF-8 byte order.
        func sort(_ out: inout [UInt8]) {
            guard count > 1 else { return }
            var parts: [ArraySlice<UInt8>] = []
            parts.reserveCapacity(count)
            var lower = start
            for end in ends {
                parts.append(out[lower..<end])
                lower = end
            }
            // Equal parts are equal bytes: whether the sort keeps their order cannot show.
            parts.sort { $0.lexicographicallyPrecedes($1) }
            var sorted: [UInt8] = []
            sorted.reserveCapacity(out.count - start)
            for part in parts { sorted.append(contentsOf: part) }
            out.replaceSubrange(start..., with: sorted)
        }
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
