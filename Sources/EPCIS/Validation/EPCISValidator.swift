public import Foundation
public import Identifiers

/// Checks the rules of EPCIS 2.0 and CBV 2.0 that the JSON Schema and the XSD cannot express, on a decoded
/// ``EPCISDocument`` or ``EPCISEvent``, and reports every problem in one pass.
///
/// The decoders refuse what the schemas forbid at the syntax level; the validator adds the semantic rules
/// (EPCIS 2.0 sections 7.3 and 7.4): which fields each event type carries, when `action` and `parentID` are
/// required, that identifiers are valid GS1 keys in the right role (instance, class, location, party), that
/// quantities are positive, that sensor readings are consistent, and so on. Each ``Diagnostic`` names the
/// place (a JSON pointer such as `/epcisBody/eventList/2/childEPCs/0`, or `line N` for XML) and the rule.
/// Errors refuse a document; warnings are shown but do not.
public struct EPCISValidator: Sendable {
    /// Where to find GS1 Company Prefix lengths for Digital Link identifiers; nil when unknown.
    public var prefixLengths: (any CompanyPrefixLengthSource)?
    /// The current time, for the rule that an event must not lie in the future.
    public var now: @Sendable () -> Date
    /// How far in the future an eventTime may lie before it is refused (clock skew between systems).
    public var futureTolerance: TimeInterval

    /// Makes a validator.
    /// - Parameters:
    ///   - prefixLengths: GS1 Company Prefix lengths for Digital Link identifiers, if known.
    ///   - now: the clock; the system clock by default, injectable for tests.
    ///   - futureTolerance: seconds an eventTime may lie ahead of `now()`; 10 minutes by default.
    public init(
        prefixLengths: (any CompanyPrefixLengthSource)? = nil,
        now: @escaping @Sendable () -> Date = { Date() },
        futureTolerance: TimeInterval = 600
    ) {
        self.prefixLengths = prefixLengths
        self.now = now
        self.futureTolerance = futureTolerance
    }

    /// Validates every event of a document.
    /// - Parameters:
    ///   - document: the decoded document.
    ///   - locations: where each event stood, as the decoder reports it (same order and count as the events);
    ///     without it, events are located at `/epcisBody/eventList/<i>`.
    /// - Returns: every problem found, errors and warnings, in document order.
    public func validate(_ document: EPCISDocument, locations: [EventLocation]? = nil) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (index, event) in document.events.enumerated() {
            let location: EventLocation
            if let locations, index < locations.count {
                location = locations[index]
            } else {
                location = EventLocation(pointer: "/epcisBody/eventList/\(index)")
            }
            diagnostics += validate(event, at: location, forCapture: document.kind == .document)
        }
        return diagnostics
    }

    /// Validates one event.
    /// - Parameters:
    ///   - event: the event.
    ///   - location: where it stood; field paths are appended to it.
    /// - Returns: every problem found, errors and warnings, in field order.
    public func validate(_ event: EPCISEvent, at location: EventLocation) -> [Diagnostic] {
        validate(event, at: location, forCapture: true)
    }

    /// Validates one event, parsing each identifier text once across calls: for validating many events (a
    /// capture keeps one cache per thread, and its rows read the same parses).
    /// - Parameters:
    ///   - event: the event.
    ///   - location: where it stood; field paths are appended to it.
    ///   - parses: identifier parses of earlier events, made with this validator's ``prefixLengths``
    ///     (``makeParseCache()``); the diagnostics are the same whatever it holds.
    /// - Returns: every problem found, errors and warnings, in field order.
    public func validate(
        _ event: EPCISEvent, at location: EventLocation, parses: inout IdentifierParseCache
    ) -> [Diagnostic] {
        var report = ValidationReport(base: location)
        report.parses = parses
        parses = IdentifierParseCache(prefixLengths: prefixLengths)
        check(event, forCapture: true, &report)
        parses = report.parses ?? parses
        return report.diagnostics
    }

    /// An empty cache of identifier parses for ``validate(_:at:parses:)``, with this validator's ``prefixLengths``.
    public func makeParseCache() -> IdentifierParseCache {
        IdentifierParseCache(prefixLengths: prefixLengths)
    }

    /// Validates one event; `forCapture` false leaves out the rules that only concern capture (a recordTime is
    /// expected in query results).
    func validate(_ event: EPCISEvent, at location: EventLocation, forCapture: Bool) -> [Diagnostic] {
        var report = ValidationReport(base: location)
        check(event, forCapture: forCapture, &report)
        return report.diagnostics
    }

    private func check(_ event: EPCISEvent, forCapture: Bool, _ report: inout ValidationReport) {
        checkStructure(event, &report)
        checkIdentifiers(event, &report)
        checkQuantities(event, &report)
        checkTimes(event, &report)
        if forCapture {
            checkRecordTimeAbsent(event, &report)
        }
        checkWhy(event, &report)
        checkSensors(event, &report)
    }
}

extension EPCISValidator {
    /// True when no diagnostic is an error.
    /// - Parameter diagnostics: the output of a `validate` call.
    /// - Returns: whether a document with these diagnostics is accepted.
    public static func accepts(_ diagnostics: [Diagnostic]) -> Bool {
        !diagnostics.contains { $0.severity == .error }
    }
}
