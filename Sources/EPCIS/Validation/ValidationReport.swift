/// Collects the diagnostics of one event, placing each at the event's location plus a field path.
struct ValidationReport {
    /// Where the event stood.
    let base: EventLocation
    /// What was found so far.
    private(set) var diagnostics: [Diagnostic] = []
    /// Identifier parses shared with other events (and the rows of a capture), when the caller keeps them.
    var parses: IdentifierParseCache?

    init(base: EventLocation) {
        self.base = base
    }

    /// The location of a field: the event's JSON pointer plus `/path`, or for XML `line N` and the element path
    /// plus `/path` (the XML decoder's own spelling, `line 12 /EPCISDocument/EPCISBody/EventList/ObjectEvent[1]`).
    /// - Parameter path: a JSON-pointer suffix without the leading slash, e.g. `childEPCs/0`; empty for the event.
    func location(_ path: String) -> String {
        let suffix = path.isEmpty ? "" : "/" + path
        // A JSON pointer of an event is `/epcisBody/eventList/N` (or `/` for a bare event); an XML element path
        // starts with an element name, which in EPCIS is upper camel case (`/EPCISDocument`, `/ObjectEvent`).
        let pointer = base.pointer == "/" ? "" : base.pointer
        if let line = base.line, pointer.dropFirst().first?.isUppercase == true {
            return "line \(line) \(pointer)\(suffix)"
        }
        return pointer.isEmpty && suffix.isEmpty ? "/" : pointer + suffix
    }

    mutating func error(_ path: String, _ message: String) {
        diagnostics.append(Diagnostic(.error, at: location(path), message))
    }

    mutating func warning(_ path: String, _ message: String) {
        diagnostics.append(Diagnostic(.warning, at: location(path), message))
    }
}
