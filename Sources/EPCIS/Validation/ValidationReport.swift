/// Collects the diagnostics of one event, placing each at the event's location plus a field path.
struct ValidationReport {
    /// Where the event stood.
    let base: EventLocation
    /// What was found so far.
    private(set) var diagnostics: [Diagnostic] = []

    init(base: EventLocation) {
        self.base = base
    }

    /// The location of a field: the event's JSON pointer plus `/path`, or `line N /path` for XML.
    /// - Parameter path: a JSON-pointer suffix without the leading slash, e.g. `childEPCs/0`; empty for the event.
    func location(_ path: String) -> String {
        let suffix = path.isEmpty ? "" : "/" + path
        if let line = base.line, !base.pointer.hasPrefix("/") {
            return "line \(line)" + (suffix.isEmpty ? "" : " " + suffix)
        }
        return base.pointer + suffix
    }

    mutating func error(_ path: String, _ message: String) {
        diagnostics.append(Diagnostic(.error, at: location(path), message))
    }

    mutating func warning(_ path: String, _ message: String) {
        diagnostics.append(Diagnostic(.warning, at: location(path), message))
    }
}
