public import Identifiers

extension IdentifierURI {
    /// The identifier written in the form a reader asked for (the GS1-EPC-Format choice of EPCIS 2.0 section 12.4).
    ///
    /// Both codecs use this one translation. A GS1 identifier goes between its EPC URN and its canonical GS1
    /// Digital Link (on `https://id.gs1.org`). What cannot be translated stays as captured: a non-GS1 URI
    /// (`urn:uuid:…`, `http://example.com/x`), a malformed GS1 identifier (the validator reports it), a kind
    /// without a Digital Link, and a Digital Link whose company prefix length is unknown when a URN is asked.
    /// - Parameters:
    ///   - format: the form to write; ``EPCFormat/asCaptured`` returns the text unchanged.
    ///   - prefixLengths: where to find GS1 Company Prefix lengths, needed to turn a Digital Link into a URN.
    /// - Returns: the identifier text in the asked form, or as captured.
    public func formatted(_ format: EPCFormat, prefixLengths: (any CompanyPrefixLengthSource)? = nil) -> String {
        switch format {
        case .asCaptured:
            return text
        case .urn:
            guard !text.hasPrefix("urn:"),
                let parsed = try? EPCIdentifier.parse(text, prefixLengths: prefixLengths)
            else { return text }
            if let urn = parsed.urn { return urn }
            if let prefixLengths, let urn = parsed.urn(prefixLengths: prefixLengths) { return urn }
            return text
        case .digitalLink:
            guard text.hasPrefix("urn:epc:"), let parsed = try? EPCIdentifier.parse(text) else { return text }
            return parsed.digitalLink() ?? text
        }
    }
}
