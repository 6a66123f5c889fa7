/// A table of GS1 prefixes and the company-prefix length each one implies; the longest matching prefix wins.
///
/// The text format is the one GS1 publishes as the "GCP length table" reduced to two columns:
/// one `prefix,length` pair per line (comma, tab, space or semicolon), `#` comments and blank lines ignored.
/// ```
/// # prefix,length
/// 0614141,7
/// 95,8
/// ```
/// The table never touches the network: load it from a file the operator downloads.
public struct CompanyPrefixLengthTable: CompanyPrefixLengthSource, Hashable {
    private var lengths: [String: Int]
    private var longestPrefix: Int

    /// Creates a table from prefix → length pairs.
    /// - Parameter lengths: Each key a run of digits, each value 6...12.
    /// - Throws: ``IdentifierError`` when a prefix is not digits or a length is out of range.
    public init(_ lengths: [String: Int]) throws(IdentifierError) {
        for (prefix, length) in lengths {
            guard prefix.isAllDigits, prefix.count <= 12 else {
                throw IdentifierError(.characterSet, "company prefix table: prefix '\(prefix)' is not 1-12 digits")
            }
            guard (6...12).contains(length) else {
                throw IdentifierError(.range, "company prefix table: length \(length) for '\(prefix)' is not 6...12")
            }
        }
        self.lengths = lengths
        self.longestPrefix = lengths.keys.map(\.count).max() ?? 0
    }

    /// Parses the text form (see the type's documentation).
    /// - Parameter text: The table text.
    /// - Throws: ``IdentifierError`` naming the line that is wrong.
    public init(parsing text: String) throws(IdentifierError) {
        var table: [String: Int] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = line.split(whereSeparator: { ",; \t\r".contains($0) })
            if fields.isEmpty { continue }
            if table.isEmpty, !fields[0].isAllDigits { continue }  // a header row
            guard fields.count == 2, let length = Int(fields[1]) else {
                throw IdentifierError(.syntax, "company prefix table line \(index + 1): expected 'prefix,length'")
            }
            table[String(fields[0])] = length
        }
        try self.init(table)
    }

    /// The length for the longest prefix of `keyDigits` in the table.
    /// - Parameter keyDigits: Key digits starting where the company prefix starts.
    /// - Returns: The length, or nil when no prefix matches or the key is shorter than the prefix.
    public func companyPrefixLength(forKeyDigits keyDigits: String) -> Int? {
        var candidate = Substring(keyDigits.prefix(longestPrefix))
        while !candidate.isEmpty {
            if let length = lengths[String(candidate)] {
                return length <= keyDigits.count ? length : nil
            }
            candidate = candidate.dropLast()
        }
        return nil
    }
}
