/// Builds the element tree of an event that the pre-hash walk consumes: the shape the reference implementation
/// gives a JSON-LD event after its JSON/XML corrections (lists as parent elements with `epc`/`quantityElement`
/// children, business transactions and sources/destinations as (type, value) pairs, user extensions by their
/// expanded names `{namespace}localName`).
struct PreHashTreeBuilder {
    private let prefixes: [String: String]
    private let format: EPCISDocumentFormat
    private let keepsUndeclaredStandardPrefixes: Bool

    init(namespaces: [NamespaceDeclaration], format: EPCISDocumentFormat, keepsUndeclaredStandardPrefixes: Bool = false) {
        self.keepsUndeclaredStandardPrefixes = keepsUndeclaredStandardPrefixes
        var map: [String: String] = [:]
        if format == .json {
            for declaration in namespaces { map[declaration.prefix] = declaration.namespace }
        }
        prefixes = map
        self.format = format
    }

    func tree(for event: EPCISEvent) -> PreHashNode {
        var children: [PreHashNode] = []
        children.reserveCapacity(16)
        children.append(leaf("eventTime", event.eventTime.text))
        children.append(leaf("eventTimeZoneOffset", event.eventTimeZoneOffset))
        for certificate in event.certificationInfo { children.append(leaf("certificationInfo", certificate)) }
        if let parentID = event.parentID { children.append(leaf("parentID", parentID.text)) }
        appendEPCs("epcList", event.epcList, to: &children)
        appendEPCs("childEPCs", event.childEPCs, to: &children)
        appendEPCs("inputEPCList", event.inputEPCList, to: &children)
        appendEPCs("outputEPCList", event.outputEPCList, to: &children)
        appendQuantities("quantityList", event.quantityList, to: &children)
        appendQuantities("childQuantityList", event.childQuantityList, to: &children)
        appendQuantities("inputQuantityList", event.inputQuantityList, to: &children)
        appendQuantities("outputQuantityList", event.outputQuantityList, to: &children)
        if let action = event.action { children.append(leaf("action", action.rawValue)) }
        if let transformationID = event.transformationID { children.append(leaf("transformationID", transformationID)) }
        if let bizStep = event.bizStep { children.append(leaf("bizStep", bizStep.uri)) }
        if let disposition = event.disposition { children.append(leaf("disposition", disposition.uri)) }
        if let persistent = event.persistentDisposition, !(persistent.set.isEmpty && persistent.unset.isEmpty) {
            let values = persistent.set.map { leaf("set", $0.uri) } + persistent.unset.map { leaf("unset", $0.uri) }
            children.append(PreHashNode("persistentDisposition", "", values))
        }
        if let readPoint = event.readPoint { children.append(location("readPoint", readPoint)) }
        if let bizLocation = event.bizLocation { children.append(location("bizLocation", bizLocation)) }
        if !event.bizTransactionList.isEmpty {
            children.append(PreHashNode("bizTransactionList", "", event.bizTransactionList.map {
                PreHashNode.pair($0.type.map { leaf("type", $0.uri) }, leaf("bizTransaction", $0.id.text))
            }))
        }
        if !event.sourceList.isEmpty {
            children.append(PreHashNode("sourceList", "", event.sourceList.map {
                PreHashNode.pair(leaf("type", $0.type.uri), leaf("source", $0.id.text))
            }))
        }
        if !event.destinationList.isEmpty {
            children.append(PreHashNode("destinationList", "", event.destinationList.map {
                PreHashNode.pair(leaf("type", $0.type.uri), leaf("destination", $0.id.text))
            }))
        }
        if !event.sensorElementList.isEmpty {
            children.append(PreHashNode("sensorElementList", "", event.sensorElementList.map(sensorElement)))
        }
        if let ilmd = event.ilmd { children.append(PreHashNode("ilmd", "", extensions(ilmd))) }
        children += extensions(event.extensions)
        return PreHashNode(event.type.rawValue, "", children)
    }

    private func leaf(_ name: String, _ text: String) -> PreHashNode {
        PreHashNode(name, expandPrefix(text))
    }

    /// JSON-LD: `prefix:rest` with a prefix the document declared becomes `namespace` + `rest`. XML: only `gs1:`
    /// and `cbv:` are expanded, to the GS1 Web Vocabulary and CBV web URIs.
    private func expandPrefix(_ text: String) -> String {
        if format == .xml {
            if text.hasPrefix("gs1:") { return "https://gs1.org/voc/" + text.dropFirst(4) }
            if text.hasPrefix("cbv:") { return "https://ref.gs1.org/cbv/" + text.dropFirst(4) }
            return text
        }
        guard !prefixes.isEmpty, let colon = Self.firstColon(text), let namespace = prefixes[String(text[..<colon])]
        else { return text }
        return namespace + text[text.index(after: colon)...]
    }

    /// `text.firstIndex(of: ":")`, found byte by byte when the colon stands between ASCII characters (then it is a
    /// character of its own), which is every identifier and CBV value; by characters otherwise.
    private static func firstColon(_ text: String) -> String.Index? {
        let utf8 = text.utf8
        guard let colon = utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let next = utf8.index(after: colon)
        if (next == utf8.endIndex || utf8[next] < 0x80) && utf8[..<colon].allSatisfy({ $0 < 0x80 }) { return colon }
        return text.firstIndex(of: ":")
    }

    private func appendEPCs(_ name: String, _ epcs: [IdentifierURI], to children: inout [PreHashNode]) {
        guard !epcs.isEmpty else { return }
        children.append(PreHashNode(name, "", epcs.map { leaf("epc", $0.text) }))
    }

    private func appendQuantities(_ name: String, _ list: [QuantityElement], to children: inout [PreHashNode]) {
        guard !list.isEmpty else { return }
        children.append(PreHashNode(name, "", list.map { element in
            var parts = [leaf("epcClass", element.epcClass.text)]
            if let quantity = element.quantity { parts.append(leaf("quantity", HashValueCanonicaliser.format(quantity))) }
            if let uom = element.uom { parts.append(leaf("uom", uom)) }
            return PreHashNode("quantityElement", "", parts)
        }))
    }

    private func location(_ name: String, _ location: LocationReference) -> PreHashNode {
        PreHashNode(name, "", [leaf("id", location.id.text)] + extensions(location.extensions))
    }

    private func sensorElement(_ element: SensorElement) -> PreHashNode {
        var children: [PreHashNode] = []
        if let metadata = element.metadata {
            var fields: [PreHashNode] = []
            func add(_ name: String, _ value: String?) { if let value { fields.append(leaf(name, value)) } }
            add("time", metadata.time?.text)
            add("startTime", metadata.startTime?.text)
            add("endTime", metadata.endTime?.text)
            add("deviceID", metadata.deviceID?.text)
            add("deviceMetadata", metadata.deviceMetadata?.text)
            add("rawData", metadata.rawData?.text)
            add("dataProcessingMethod", metadata.dataProcessingMethod?.text)
            add("bizRules", metadata.bizRules?.text)
            children.append(PreHashNode("sensorMetadata", "", fields + extensions(metadata.extensions)))
        }
        for report in element.reports { children.append(sensorReport(report)) }
        children += extensions(element.extensions)
        return PreHashNode("sensorElement", "", children)
    }

    private func sensorReport(_ report: SensorReport) -> PreHashNode {
        var fields: [PreHashNode] = []
        func add(_ name: String, _ value: String?) { if let value { fields.append(leaf(name, value)) } }
        func add(_ name: String, _ value: Double?) { add(name, value.map(HashValueCanonicaliser.format)) }
        add("type", report.type?.uri)
        add("exception", report.exception?.uri)
        add("deviceID", report.deviceID?.text)
        add("deviceMetadata", report.deviceMetadata?.text)
        add("rawData", report.rawData?.text)
        add("dataProcessingMethod", report.dataProcessingMethod?.text)
        add("bizRules", report.bizRules?.text)
        add("time", report.time?.text)
        add("microorganism", report.microorganism?.text)
        add("chemicalSubstance", report.chemicalSubstance?.text)
        add("coordinateReferenceSystem", report.coordinateReferenceSystem?.text)
        add("value", report.value)
        add("component", report.component?.uri)
        add("stringValue", report.stringValue)
        add("booleanValue", report.booleanValue.map { $0 ? "true" : "false" })
        add("hexBinaryValue", report.hexBinaryValue)
        add("uriValue", report.uriValue?.text)
        add("minValue", report.minValue)
        add("maxValue", report.maxValue)
        add("meanValue", report.meanValue)
        add("sDev", report.sDev)
        add("percRank", report.percRank)
        add("percValue", report.percValue)
        add("uom", report.uom)
        return PreHashNode("sensorReport", "", fields + extensions(report.extensions))
    }

    // MARK: User extensions

    private func extensions(_ elements: [ExtensionElement]) -> [PreHashNode] {
        guard !elements.isEmpty else { return [] }
        return correct(elements.lazy.filter { !Self.isComment($0.name) }.flatMap {
            nodes(named: expandedName($0.name), $0.value)
        })
    }

    /// `rdfs:comment` (or a bare `comment`) is documentation, not content; the reference skips it.
    private static func isComment(_ name: QualifiedName) -> Bool {
        name.localName == "comment"
            && (name.namespace.isEmpty || name.namespace == "http://www.w3.org/2000/01/rdf-schema#")
    }

    /// Prefixes that the standard EPCIS JSON-LD context defines. The reference implementation expands an element
    /// name only with prefixes the document itself declares, so it hashes `cbvmda:lotNumber` as written unless the
    /// document declares `cbvmda` (as every XML document does with `xmlns:cbvmda`); only in that compatibility mode.
    /// Otherwise the name is expanded with the standard context's definition (`urn:epcglobal:cbv:mda:`), which is
    /// what the reference hashes when a document writes that definition out.
    private static let standardContextPrefixes: Set<String> = [
        "epcis", "cbv", "cbvmda", "gs1", "rdfs", "owl", "xsd", "dcterms",
    ]

    private func expandedName(_ name: QualifiedName) -> String {
        if keepsUndeclaredStandardPrefixes, format == .json, let prefix = name.prefix,
            Self.standardContextPrefixes.contains(prefix), prefixes[prefix] == nil
        {
            return prefix + ":" + name.localName
        }
        // Every namespace as the document gives it, the CBV master-data one included: the ratified JSON-LD context's
        // `urn:epcglobal:cbv:mda:` and GS1's XML examples' `urn:epcglobal:cbv:mda` are hashed as written, as the
        // reference does (its own JSON and XML examples both declare the first and hash `{urn:epcglobal:cbv:mda:}`).
        return name.namespace.isEmpty ? name.localName : name.expanded
    }

    /// The elements a JSON member `name: value` becomes: one per array item, one otherwise.
    private func nodes(named name: String, _ value: ExtensionValue) -> [PreHashNode] {
        switch value {
        case .array(let items): return items.map { item(named: name, $0) }
        default: return [item(named: name, value)]
        }
    }

    private func item(named name: String, _ value: ExtensionValue) -> PreHashNode {
        switch value {
        case .string(let text): return PreHashNode(name, expandPrefix(text))
        case .number(let text): return PreHashNode(name, text)
        case .bool(let flag): return PreHashNode(name, flag ? "true" : "false")
        case .null: return PreHashNode(name)
        case .object(let members):
            // An element's own text beside its attributes: `@value` in the XML mapping, `#text` in the reference's
            // JSON reading.
            let textKey = format == .xml ? "@value" : "#text"
            var text = ""
            var children: [PreHashNode] = []
            for member in members where !Self.isComment(member.name) {
                if member.name.namespace.isEmpty, member.name.localName == textKey {
                    text = item(named: "", member.value).text
                } else {
                    children += nodes(named: expandedName(member.name), member.value)
                }
            }
            return PreHashNode(name, text, correct(children))
        case .array(let items): return PreHashNode(name, "", items.map { item(named: "", $0) })
        }
    }

    /// The reference's JSON-to-XML model corrections for user elements, in JSON-LD only: the items of a `…List`
    /// member (each array item, or the one value) become children of one list element, named without the `List`
    /// suffix, as the items of `epcList` are `epc` in XML. XML elements are hashed as they stand: repeated
    /// `<ex:lotList>` siblings stay separate elements, and a list's items keep their own names (the reference's own
    /// epcisDocWithTransformationEventWithMultipleExtensions example).
    private func correct(_ nodes: [PreHashNode]) -> [PreHashNode] {
        guard format == .json, nodes.contains(where: { $0.name.hasSuffix("List") }) else { return nodes }
        var kept: [PreHashNode] = []
        var lists: [(name: String, members: [PreHashNode])] = []
        for node in nodes {
            guard node.name.hasSuffix("List") else {
                kept.append(node)
                continue
            }
            let member = PreHashNode(String(node.name.dropLast(4)), node.text, node.children)
            if let index = lists.firstIndex(where: { $0.name == node.name }) {
                lists[index].members.append(member)
            } else {
                lists.append((node.name, [member]))
            }
        }
        return kept + lists.map { PreHashNode($0.name, "", $0.members) }
    }
}
