/// Where a GS1 Company Prefix length comes from, for GS1 key → EPC URN conversion.
///
/// An EPC URN marks where the GS1 Company Prefix ends; a GTIN, GLN or SSCC does not. Going from a barcode or a
/// Digital Link to a URN therefore needs the prefix length from outside: a fixed length, a table
/// (``CompanyPrefixLengthTable``), or a caller's own lookup.
public protocol CompanyPrefixLengthSource: Sendable {
    /// The length (6...12) of the GS1 Company Prefix at the start of `keyDigits`, or nil when unknown.
    /// `keyDigits` is the GS1 key without the GTIN indicator digit/SSCC extension digit (i.e. starting where the prefix starts).
    func companyPrefixLength(forKeyDigits keyDigits: String) -> Int?
}

/// One prefix length for every key, e.g. when all keys come from one company.
public struct FixedCompanyPrefixLength: CompanyPrefixLengthSource {
    /// The length, 6...12.
    public let length: Int

    /// Creates a source that answers `length` for every key (lengths outside 6...12 answer nil).
    /// - Parameter length: The GS1 Company Prefix length.
    public init(_ length: Int) { self.length = length }

    /// `length` when it is 6...12.
    /// - Parameter keyDigits: Ignored.
    /// - Returns: The fixed length.
    public func companyPrefixLength(forKeyDigits keyDigits: String) -> Int? {
        (6...12).contains(length) ? length : nil
    }
}
