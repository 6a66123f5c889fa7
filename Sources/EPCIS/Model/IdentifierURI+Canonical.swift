public import Identifiers

extension IdentifierURI {
    /// The GS1 identifier this URI spells, or nil when it is not a GS1 identifier or is malformed.
    public var gs1Identifier: EPCIdentifier? {
        (try? EPCIdentifier.parse(text)) ?? nil
    }

    /// One spelling for every spelling of the same identifier: the canonical GS1 Digital Link URI
    /// (`https://id.gs1.org/…`) of a GS1 identifier in URN or Digital Link form; any other URI as it is.
    ///
    /// Stores index identifiers by this key, and queries compare by it, so that an item captured as an EPC URN
    /// is found by its Digital Link and the other way round.
    public var canonicalKey: String {
        gs1Identifier?.digitalLink() ?? text
    }
}

extension IdentifierURI {
    /// The key a sensor query compares a URI-valued sensor field by: the canonical key of an EPC URN or of a Digital
    /// Link on `id.gs1.org` (so that a GIAI deviceID matches in either form), the text as written for any other URI.
    /// A Digital Link on another domain (`https://example.com/253/…` as bizRules) names that domain's resource:
    /// GS1's TCR-53 (steps 6 and 11) tells `example.com` and `example.org` rules apart.
    public var sensorKey: String {
        text.hasPrefix("urn:epc:") || text.hasPrefix("https://id.gs1.org/") ? canonicalKey : text
    }
}
