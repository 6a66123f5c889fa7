public import Identifiers

/// GS1 parses of identifier texts (``EPCIdentifier/parse(_:prefixLengths:)``), each text parsed once.
///
/// The events of one document name the same locations, parties, lots and classes thousands of times. A capture
/// keeps one cache per thread of planning, so that the validator (``EPCISValidator/validate(_:at:parses:)``) and
/// the rows of the events share one parse of each text. A parse depends on nothing but the text and the Company
/// Prefix lengths, so a remembered answer (an identifier, nil for a text in no GS1 form, or the error) is the
/// answer a fresh parse gives.
public struct IdentifierParseCache {
    /// Where the parses find GS1 Company Prefix lengths for Digital Links (``EPCISValidator/prefixLengths``); they
    /// only decide ``EPCIdentifier/companyPrefixLength``, never the elements.
    public let prefixLengths: (any CompanyPrefixLengthSource)?
    private var parses: [String: Result<EPCIdentifier?, IdentifierError>] = [:]

    /// An empty cache.
    /// - Parameter prefixLengths: GS1 Company Prefix lengths for Digital Links, if known (the validator's).
    public init(prefixLengths: (any CompanyPrefixLengthSource)? = nil) {
        self.prefixLengths = prefixLengths
    }

    /// How many distinct texts it holds.
    public var count: Int { parses.count }

    /// ``EPCIdentifier/parse(_:prefixLengths:)`` of `text`, remembered.
    /// - Parameter text: an identifier as written.
    /// - Returns: the identifier, or nil when the text is in no GS1 form.
    /// - Throws: ``IdentifierError`` when it is in a GS1 form but malformed.
    public mutating func parse(_ text: String) throws(IdentifierError) -> EPCIdentifier? {
        if let known = parses[text] { return try known.get() }
        let result: Result<EPCIdentifier?, IdentifierError>
        do {
            result = .success(try EPCIdentifier.parse(text, prefixLengths: prefixLengths))
        } catch {
            result = .failure(error)
        }
        parses[text] = result
        return try result.get()
    }

    /// ``IdentifierURI/gs1Identifier`` of `uri`, remembered: the identifier, or nil when it is no GS1 identifier
    /// or is malformed.
    /// - Parameter uri: an identifier URI.
    public mutating func gs1Identifier(_ uri: IdentifierURI) -> EPCIdentifier? {
        (try? parse(uri.text)) ?? nil
    }
}
