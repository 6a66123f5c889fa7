public import Foundation

extension EPCISValidator {
    /// Decodes an EPCIS document (JSON-LD or XML, told apart as ``EPCISDocumentReader`` does) and validates every
    /// event that decoded, so that schema problems and semantic problems are reported together in one pass.
    ///
    /// It streams through the decoders' `forEachEvent` rather than `EPCISDocumentReader.readLocated`, which
    /// throws before any event could be validated when one event breaks the schema.
    ///
    /// Problems come back in document order: by event (JSON pointer index, or XML line), and within an event in
    /// the order they were found. A malformed document has one problem: where parsing stopped.
    /// - Parameter data: the document's bytes.
    /// - Returns: the diagnostics of the decoder and of the validator, and how many events were read.
    public func check(_ data: Data) -> ValidationResult {
        var diagnostics: [Diagnostic] = []
        var eventCount = 0
        // Whether the document is for capture is known from its header only once every event was read: the
        // capture-only rules are checked on the events that carry a recordTime afterwards.
        var recorded: [(EPCISEvent, EventLocation)] = []
        let body: (EPCISEvent, EventLocation) -> Void = { event, location in
            eventCount += 1
            diagnostics += validate(event, at: location, forCapture: false)
            if event.recordTime != nil { recorded.append((event, location)) }
        }
        var kind = EPCISDocument.Kind.document
        do {
            let read =
                EPCISDocumentReader.format(of: data) == .xml
                ? try XMLDocumentDecoder().forEachEventWithWarnings(in: data, body)
                : try JSONDocumentDecoder().forEachEventWithWarnings(in: data, body)
            kind = read.document.kind
            diagnostics += read.warnings
        } catch let error as EPCISDocumentError {
            diagnostics += error.diagnostics
        } catch {
            diagnostics.append(Diagnostic(at: "/", "could not read the document: \(error)"))
        }
        if kind == .document {
            for (event, location) in recorded {
                var report = ValidationReport(base: location)
                checkRecordTimeAbsent(event, &report)
                diagnostics += report.diagnostics
            }
        }
        return ValidationResult(diagnostics: Self.inDocumentOrder(diagnostics), eventCount: eventCount)
    }

    /// Sorts diagnostics by the event (or line) they belong to, keeping the order of those of one event.
    static func inDocumentOrder(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated()
            .map { (key: documentOrderKey($0.element.location), index: $0.offset, diagnostic: $0.element) }
            .sorted { ($0.key, $0.index) < ($1.key, $1.index) }
            .map(\.diagnostic)
    }

    /// `line N …` sorts by N; a JSON pointer into an event list by the event's index; anything else (the
    /// document header) first.
    static func documentOrderKey(_ location: String) -> Int {
        if location.hasPrefix("line ") {
            return Int(location.dropFirst(5).prefix { $0.isNumber }) ?? -1
        }
        guard let range = location.range(of: "/eventList/") else { return -1 }
        return Int(location[range.upperBound...].prefix { $0.isNumber }) ?? -1
    }
}
