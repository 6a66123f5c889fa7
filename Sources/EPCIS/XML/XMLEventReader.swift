import Foundation

/// Turns the subtree of one event element into an ``EPCISEvent``, collecting every problem it finds.
///
/// Standard elements are read in any order: one the schema order of EPCglobal-epcis-2_0.xsd puts earlier is kept
/// and reported as a warning, since producers (GS1's own sensor example among them) do not all keep that order and
/// the event means the same. A standard element given twice is an error. EPCIS 1.2 events are read through their
/// `extension`/`baseExtension` wrappers, which this reader treats as transparent.
struct XMLEventReader {
    /// Whether the document is EPCIS 1.x XML.
    let isVersion1: Bool
    /// Prefixes declared in the document, to expand compact CBV values such as `cbv:Comp-x`.
    var prefixes: [String: String]
    /// Every problem found so far.
    var diagnostics: [Diagnostic] = []
    /// How many errors ``report(_:_:_:severity:)`` has added.
    private(set) var errorCount = 0

    init(isVersion1: Bool, prefixes: [String: String]) {
        self.isVersion1 = isVersion1
        self.prefixes = prefixes
    }

    /// Reads one event.
    /// - Parameters:
    ///   - node: the event element (`ObjectEvent`, …).
    ///   - path: its element path, for diagnostics.
    /// - Returns: the event, or nil when it could not be built (the reasons are in ``diagnostics``).
    mutating func read(_ node: XMLNode, path: String) -> EPCISEvent? {
        guard let type = EventType(rawValue: node.localName) else {
            report(node, path, "unknown event type <\(node.localName)>")
            return nil
        }
        let errorsBefore = errorCount
        var event = EPCISEvent(
            type: type, eventTime: EPCISDateTime(.init(timeIntervalSince1970: 0)),
            eventTimeZoneOffset: "")
        var state = ReadState(sequence: XMLNames.sequence(type), index: XMLNames.sequenceIndex[type] ?? [:])
        if node.qualifiedStandard {
            report(
                node, path, "standard EPCIS elements are unqualified; <\(node.localName)> is in the EPCIS namespace",
                severity: .warning)
        }
        readChildren(of: node, path: path, event: &event, state: &state, ordered: !isVersion1)
        event.extensions = XMLExtensionReader.grouped(event.extensions)
        for required in ["eventTime", "eventTimeZoneOffset"] where !state.seen.contains(required) {
            report(node, path, "\(type.rawValue) is missing the required element <\(required)>")
        }
        if type != .transformationEvent && !state.seen.contains("action") {
            report(node, path, "\(type.rawValue) is missing the required element <action>")
        }
        if type == .transactionEvent && !state.seen.contains("bizTransactionList") {
            report(node, path, "TransactionEvent is missing the required element <bizTransactionList>")
        }
        if type == .associationEvent && !state.seen.contains("parentID") {
            report(node, path, "AssociationEvent is missing the required element <parentID>")
        }
        return errorCount == errorsBefore ? event : nil
    }

    /// Which standard elements were seen, and where in the schema sequence the last one stood.
    struct ReadState {
        let sequence: [String]
        let index: [String: Int]
        var seen: Set<String> = []
        var position = -1
        var lastName = ""
    }

    private mutating func readChildren(
        of node: XMLNode, path: String, event: inout EPCISEvent, state: inout ReadState, ordered: Bool
    ) {
        let allowed = state.index
        for child in node.children {
            let childPath = path + "/" + child.localName
            if !child.namespace.isEmpty {
                if XMLNames.epcisNamespaces.contains(child.namespace) {
                    report(
                        child, childPath,
                        "<\(child.localName)> is not an element of EPCIS; extension elements "
                            + "may not use the EPCIS namespace \(child.namespace)")
                    continue
                }
                if ordered { state.position = state.sequence.count }
                event.extensions.append(XMLExtensionReader.element(child))
                continue
            }
            let name = child.localName
            guard let index = allowed[name] else {
                if isVersion1 && node.localName == "extension" {
                    // EPCIS 1.2 lets the innermost extension hold elements without a namespace.
                    report(child, childPath, "<\(name)> has no namespace; kept as a user extension", severity: .warning)
                    event.extensions.append(XMLExtensionReader.element(child))
                } else {
                    report(child, childPath, "<\(name)> is not allowed in \(event.type.rawValue)")
                }
                continue
            }
            if ordered {
                if index < state.position {
                    let after = state.position < state.sequence.count ? "<\(state.lastName)>" : "extension elements"
                    reportOutOfOrder(child, childPath, before: after, in: event.type.rawValue)
                } else {
                    state.position = index
                    state.lastName = name
                }
            }
            if name == "extension" || name == "baseExtension" {
                if isVersion1 {
                    readChildren(of: child, path: childPath, event: &event, state: &state, ordered: false)
                } else if child.children.contains(where: { $0.namespace.isEmpty && allowed[$0.localName] != nil }) {
                    report(
                        child, childPath,
                        "EPCIS 1.2 placement of standard elements inside <\(name)>; EPCIS 2.0 "
                            + "puts them directly in the event", severity: .warning)
                    readChildren(of: child, path: childPath, event: &event, state: &state, ordered: false)
                } else {
                    readWrapper(child, path: childPath, into: &event.extensions)
                }
                continue
            }
            if state.seen.contains(name) {
                report(child, childPath, "<\(name)> may appear only once in \(event.type.rawValue)")
                continue
            }
            state.seen.insert(name)
            readField(child, path: childPath, event: &event)
        }
    }

    /// An EPCIS 2.0 `<extension>` wrapper: only elements of other namespaces may be inside.
    mutating func readWrapper(_ node: XMLNode, path: String, into extensions: inout [ExtensionElement]) {
        for child in node.children {
            if child.namespace.isEmpty && node.localName == "extension"
                && !XMLNames.baseSequence.contains(child.localName) && !isStandardName(child.localName)
            {
                // EPCIS 1.2 let the innermost extension hold unqualified user elements; 2.0 XML written from
                // such a document keeps them there. Kept, with a warning, rather than lost.
                report(
                    child, path + "/" + child.localName,
                    "<\(child.localName)> has no namespace; kept as a user "
                        + "extension", severity: .warning)
                extensions.append(XMLExtensionReader.element(child))
            } else if child.namespace.isEmpty || XMLNames.epcisNamespaces.contains(child.namespace) {
                report(
                    child, path + "/" + child.localName,
                    "<\(child.localName)> is not allowed inside <\(node.localName)>: only elements of other namespaces")
            } else {
                extensions.append(XMLExtensionReader.element(child))
            }
        }
    }

    private mutating func readField(_ node: XMLNode, path: String, event: inout EPCISEvent) {
        let text = node.trimmedText
        switch node.localName {
        case "eventTime":
            if let time = timestamp(node, path) { event.eventTime = time }
        case "recordTime":
            event.recordTime = timestamp(node, path)
        case "eventTimeZoneOffset":
            if Self.isTimeZoneOffset(text) {
                event.eventTimeZoneOffset = text
            } else {
                report(node, path, "eventTimeZoneOffset '\(text)' is not of the form +hh:mm or -hh:mm")
            }
        case "eventID": event.eventID = nonEmpty(node, path)
        case "certificationInfo": if let value = nonEmpty(node, path) { event.certificationInfo.append(value) }
        case "errorDeclaration": event.errorDeclaration = errorDeclaration(node, path)
        case "epcList": event.epcList = epcs(node, path)
        case "childEPCs": event.childEPCs = epcs(node, path)
        case "inputEPCList": event.inputEPCList = epcs(node, path)
        case "outputEPCList": event.outputEPCList = epcs(node, path)
        case "quantityList": event.quantityList = quantities(node, path)
        case "childQuantityList": event.childQuantityList = quantities(node, path)
        case "inputQuantityList": event.inputQuantityList = quantities(node, path)
        case "outputQuantityList": event.outputQuantityList = quantities(node, path)
        case "parentID": event.parentID = nonEmpty(node, path).map { IdentifierURI($0) }
        case "transformationID": event.transformationID = nonEmpty(node, path)
        case "action":
            if let action = Action(rawValue: text) {
                event.action = action
            } else {
                report(node, path, "action '\(text)' must be ADD, OBSERVE or DELETE")
            }
        case "bizStep": event.bizStep = cbv(node, path, .bizStep)
        case "disposition": event.disposition = cbv(node, path, .disposition)
        case "readPoint": event.readPoint = location(node, path)
        case "bizLocation": event.bizLocation = location(node, path)
        case "bizTransactionList": event.bizTransactionList = bizTransactions(node, path)
        case "sourceList": event.sourceList = sourceDestinations(node, path, element: "source")
        case "destinationList": event.destinationList = sourceDestinations(node, path, element: "destination")
        case "sensorElementList": event.sensorElementList = sensorElements(node, path)
        case "persistentDisposition": event.persistentDisposition = persistentDisposition(node, path)
        case "ilmd": event.ilmd = ilmd(node, path)
        default: report(node, path, "<\(node.localName)> is not allowed in \(event.type.rawValue)")
        }
    }

    // MARK: Helpers shared by the parts

    /// Whether `name` is a standard element of some event type.
    func isStandardName(_ name: String) -> Bool {
        EventType.allCases.contains { XMLNames.typeSequence($0).contains(name) }
    }

    /// An element the XSD puts before one already read: kept, with a warning (the order carries no meaning).
    /// - Parameters:
    ///   - node: the element out of place.
    ///   - path: its element path.
    ///   - before: what the XSD puts it before, as written in the message (`<ilmd>`, `extension elements`).
    ///   - parent: the element it is in, as written in the message (`TransformationEvent`, `<quantityElement>`).
    mutating func reportOutOfOrder(_ node: XMLNode, _ path: String, before: String, in parent: String) {
        report(
            node, path,
            "<\(node.localName)> must come before \(before) in \(parent) by EPCglobal-epcis-2_0.xsd; "
                + "accepted out of order", severity: .warning)
    }

    mutating func report(_ node: XMLNode, _ path: String, _ message: String, severity: Diagnostic.Severity = .error) {
        diagnostics.append(Diagnostic(severity, at: "line \(node.line) \(path)", message))
        if severity == .error { errorCount += 1 }
    }

    mutating func timestamp(_ node: XMLNode, _ path: String) -> EPCISDateTime? {
        let text = node.trimmedText
        if isVersion1, let time = Self.withoutSeconds(text) {
            report(node, path, "<\(node.localName)> '\(text)' has no seconds", severity: .warning)
            return time
        }
        guard let time = EPCISDateTime(text), Self.hasSchemaTimeZone(text) else {
            report(
                node, path,
                "<\(node.localName)> '\(text)' is not a timestamp with a time zone "
                    + "(YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm))")
            return nil
        }
        return time
    }

    mutating func nonEmpty(_ node: XMLNode, _ path: String) -> String? {
        let text = node.trimmedText
        if text.isEmpty {
            report(node, path, "<\(node.localName)> must not be empty")
            return nil
        }
        return text
    }

    /// A CBV value in any spelling: bare word (1.2 habit), URN, web URI, `gs1:` or a declared compact IRI.
    mutating func cbv(_ node: XMLNode, _ path: String, _ vocabulary: CBVVocabulary) -> CBVValue? {
        cbv(node.trimmedText, node, path, vocabulary, what: node.localName)
    }

    mutating func cbv(
        _ text: String, _ node: XMLNode, _ path: String, _ vocabulary: CBVVocabulary, what: String
    ) -> CBVValue? {
        if let expanded = expandCompact(text), let value = CBVValue(expanded, in: vocabulary),
            value.standardTerm != nil
        {
            return value
        }
        if text.hasPrefix("gs1:"), let value = CBVValue("https://gs1.org/voc/" + text.dropFirst(4), in: vocabulary) {
            // The GS1 Web Vocabulary's compact form, for terms beyond the standard lists too.
            return value
        }
        if let value = CBVValue(text, in: vocabulary) { return value }
        report(node, path, "\(what) '\(text)' is neither a CBV \(vocabulary.rawValue) term nor an absolute URI")
        return nil
    }

    private func expandCompact(_ text: String) -> String? {
        guard let (prefix, rest) = text.colonSplit, let namespace = prefixes[prefix] else { return nil }
        return namespace + rest
    }

    /// EPCIS 1.2 documents in the wild write `2006-11-07T13:00Z`: read it as `13:00:00Z`.
    private static func withoutSeconds(_ text: String) -> EPCISDateTime? {
        let b = Array(text.utf8)
        guard b.count > 16, b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"), b[16] != UInt8(ascii: ":")
        else { return nil }
        let fixed = String(decoding: b[..<16], as: UTF8.self) + ":00" + String(decoding: b[16...], as: UTF8.self)
        return EPCISDateTime(fixed)
    }

    static func isTimeZoneOffset(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard b.count == 6, b[0] == UInt8(ascii: "+") || b[0] == UInt8(ascii: "-"), b[3] == UInt8(ascii: ":")
        else { return false }
        let digits = [b[1], b[2], b[4], b[5]]
        guard digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        let hours = Int(b[1] - 0x30) * 10 + Int(b[2] - 0x30)
        let minutes = Int(b[4] - 0x30) * 10 + Int(b[5] - 0x30)
        return minutes < 60 && (hours < 14 || (hours == 14 && minutes == 0))
    }

    /// The XSD's DateTimeStamp pattern is stricter than xsd:dateTime: hours 00-23, offsets up to ±14:00.
    static func hasSchemaTimeZone(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard b.count > 13, b[11] != UInt8(ascii: "2") || b[12] <= UInt8(ascii: "3") else { return false }
        if b.last == UInt8(ascii: "Z") || b.last == UInt8(ascii: "z") { return true }
        return b.count >= 6 && isTimeZoneOffset(String(decoding: b.suffix(6), as: UTF8.self))
    }
}
