/// One step of a JSON pointer.
enum PathComponent {
    case key(String)
    case index(Int)
}

/// The state of one decoding pass: the reader, where it stands (for JSON pointers), the prefixes in force, the
/// document read so far and every diagnostic found.
///
/// Syntax errors stop the pass (a `JSONSyntaxError` is thrown); schema problems are collected and the pass goes on.
struct JSONDocumentParser {
    var reader: JSONReader
    var diagnostics: [Diagnostic] = []
    var errorCount = 0
    /// The JSON pointer components of the value being read (an index is kept as a number until a pointer is made).
    var path: [PathComponent] = []
    var context = JSONLDContext()
    var document = EPCISDocument()
    /// Names of user extensions read with an undeclared prefix in the current event, to check again at its end
    /// (its own `@context` may come last).
    var pendingPrefixes: [(pointer: String, prefix: String)] = []
    /// Parsed CBV values, per vocabulary and spelling (a large document repeats a few of them).
    var cbvCache: [CBVVocabulary: [String: CBVValue]] = [:]
    /// Takes each event without an error as soon as it is read; returns false to stop the pass.
    let consumer: (EPCISEvent, EventLocation) -> Bool

    init(reader: JSONReader, consumer: @escaping (EPCISEvent, EventLocation) -> Bool) {
        self.reader = reader
        self.consumer = consumer
    }

    /// Hands an event to the consumer.
    /// - Throws: ``JSONSyntaxError/cancelled`` when the consumer stops the pass.
    mutating func deliver(_ event: EPCISEvent, _ location: EventLocation) throws(JSONSyntaxError) {
        guard consumer(event, location) else { throw JSONSyntaxError.cancelled }
    }

    // MARK: Diagnostics

    /// The JSON pointer of the current value, plus `extra` components.
    func pointer(_ extra: String...) -> String { pointer(extra) }

    /// The JSON pointer of the current value, plus the components `extra`.
    func pointer(_ extra: [String]) -> String {
        var out = ""
        for component in path {
            switch component {
            case .key(let key): Self.append(key, to: &out)
            case .index(let index): out += "/\(index)"
            }
        }
        for component in extra { Self.append(component, to: &out) }
        return out.isEmpty ? "/" : out
    }

    private static func append(_ component: String, to out: inout String) {
        out.append("/")
        if component.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) {
            for character in component {
                switch character {
                case "~": out.append("~0")
                case "/": out.append("~1")
                default: out.append(character)
                }
            }
        } else {
            out.append(component)
        }
    }

    mutating func report(at location: String, _ message: String, _ severity: Diagnostic.Severity = .error) {
        diagnostics.append(Diagnostic(severity, at: location, message))
        if severity == .error { errorCount += 1 }
    }

    /// Reports that the value at `key` has the wrong JSON type, and skips it.
    mutating func wrongType(_ key: String, expected: String, found: JSONValueKind) throws(JSONSyntaxError) {
        report(at: pointer(key), "'\(key)' must be \(expected), not \(Self.article(found.typeName))")
        try reader.skipValue()
    }

    static func article(_ typeName: String) -> String {
        typeName == "array" || typeName == "object" ? "an \(typeName)" : "a \(typeName)"
    }

    /// Whether a list names one identifier twice (pairwise for the short lists events usually carry).
    static func hasDuplicates(_ list: [IdentifierURI]) -> Bool {
        guard list.count > 1 else { return false }
        guard list.count > 16 else {
            for i in 1..<list.count where list[..<i].contains(list[i]) { return true }
            return false
        }
        return Set(list).count != list.count
    }

    // MARK: Scalars

    /// Reads a string at `key`, or reports the wrong type and returns nil.
    mutating func string(_ key: String) throws(JSONSyntaxError) -> String? {
        let kind = try reader.peekKind()
        guard kind == .string else {
            try wrongType(key, expected: "a string", found: kind)
            return nil
        }
        return try reader.readString()
    }

    /// Reads a string that must be an absolute URI.
    mutating func uri(_ key: String, pointer location: String? = nil) throws(JSONSyntaxError) -> String? {
        guard let text = try string(key) else { return nil }
        guard JSONFormatRules.isAbsoluteURI(text) else {
            report(at: location ?? pointer(key), "'\(key)' must be an absolute URI, not '\(text)'")
            return nil
        }
        return text
    }

    /// Reads an xsd:dateTime with a time zone.
    mutating func time(_ key: String) throws(JSONSyntaxError) -> EPCISDateTime? {
        guard let text = try string(key) else { return nil }
        guard let time = EPCISDateTime(text) else {
            report(at: pointer(key), "'\(key)' must be a date-time with a time zone (YYYY-MM-DDThh:mm:ss[.f](Z|±hh:mm)), not '\(text)'")
            return nil
        }
        return time
    }

    /// Reads a number as a Double.
    mutating func number(_ key: String) throws(JSONSyntaxError) -> Double? {
        let kind = try reader.peekKind()
        guard kind == .number else {
            try wrongType(key, expected: "a number", found: kind)
            return nil
        }
        let text = try reader.readNumber()
        guard let value = Double(text), value.isFinite else {
            report(at: pointer(key), "'\(key)': the number \(text) is out of range")
            return nil
        }
        return value
    }

    /// Reads a boolean.
    mutating func bool(_ key: String) throws(JSONSyntaxError) -> Bool? {
        let kind = try reader.peekKind()
        guard kind == .bool else {
            try wrongType(key, expected: "a boolean", found: kind)
            return nil
        }
        return try reader.readBool()
    }

    /// Reads a CBV value: a standard bare word, or an absolute URI that is not another spelling of a standard term.
    mutating func cbv(_ key: String, _ vocabulary: CBVVocabulary) throws(JSONSyntaxError) -> CBVValue? {
        guard let text = try string(key) else { return nil }
        return cbvValue(text, vocabulary, key: key)
    }

    /// Checks and caches a CBV value; problems are reported at `location`, or at `key` below the current place.
    mutating func cbvValue(_ text: String, _ vocabulary: CBVVocabulary, key: String, at given: String? = nil)
        -> CBVValue?
    {
        func location(_ p: JSONDocumentParser) -> String { given ?? p.pointer(key) }
        if let cached = cbvCache[vocabulary]?[text] { return cached }
        if JSONFormatRules.forbiddenCBVSpelling(text, in: vocabulary) {
            report(at: location(self), "'\(key)': '\(text)' is not allowed in JSON; a standard term is written as its bare word")
            return nil
        }
        if vocabulary == .measurementType || vocabulary == .sensorAlertType, JSONFormatRules.isBareWord(text),
            !vocabulary.standardTerms.contains(text), let value = CBVValue(vocabulary.webURIPrefix + text, in: vocabulary)
        {
            // The GS1 Web Vocabulary grows (e.g. EffectiveDoseRate): a bare word is a term of it that this
            // implementation does not list yet, kept as its web URI, which the writer shortens again.
            report(at: location(self), "'\(key)': '\(text)' is not a GS1 Web Vocabulary term this implementation knows; read as gs1:\(text)", .warning)
            return value
        }
        guard vocabulary.standardTerms.contains(text) || JSONFormatRules.isAbsoluteURI(text),
            let value = CBVValue(text, in: vocabulary)
        else {
            report(at: location(self), "'\(key)': '\(text)' is neither a standard CBV \(vocabulary.rawValue) term nor an absolute URI")
            return nil
        }
        if cbvCache[vocabulary, default: [:]].count < 4096 { cbvCache[vocabulary, default: [:]][text] = value }
        return value
    }

    /// Reads an array of URIs (`epcList`, `childEPCs`, …); `unique` when the schema says `uniqueItems`.
    mutating func uriList(_ key: String, unique: Bool) throws(JSONSyntaxError) -> [IdentifierURI] {
        let kind = try reader.peekKind()
        guard kind == .array else {
            try wrongType(key, expected: "an array", found: kind)
            return []
        }
        try reader.beginArray()
        var out: [IdentifierURI] = []
        var first = true
        var index = 0
        while try reader.nextElement(&first) {
            defer { index += 1 }
            let itemKind = try reader.peekKind()
            guard itemKind == .string else {
                report(at: pointer(key, String(index)), "'\(key)' items must be strings (URIs), not \(Self.article(itemKind.typeName))")
                try reader.skipValue()
                continue
            }
            let text = try reader.readString()
            guard JSONFormatRules.isAbsoluteURI(text) else {
                report(at: pointer(key, String(index)), "'\(key)' items must be absolute URIs, not '\(text)'")
                continue
            }
            out.append(IdentifierURI(text))
        }
        if unique, Self.hasDuplicates(out) {
            report(at: pointer(key), "'\(key)' must not list the same identifier twice")
        }
        return out
    }
}
