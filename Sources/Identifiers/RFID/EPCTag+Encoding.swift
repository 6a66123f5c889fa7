extension EPCTag {
    /// Encodes the tag as hex (TDS 2.x §14.3), zero-padded to whole 16-bit words.
    /// - Returns: Upper-case hex digits.
    /// - Throws: ``IdentifierError`` when the identity does not fit the scheme (e.g. a serial with letters or
    ///   leading zeros in SGTIN-96, a filter above 7, an unknown company prefix length).
    public func hex() throws(IdentifierError) -> String {
        let place = "RFID \(scheme.rawValue)"
        guard epc.kind == scheme.kind else {
            throw IdentifierError(.unsupported, "\(place) holds \(scheme.kind.rawValue), not \(epc.kind.rawValue)")
        }
        guard (0...7).contains(filter) else {
            throw IdentifierError(.range, "\(place): filter \(filter) is not 0...7")
        }
        guard let urn = epc.urn, urn.hasPrefix("urn:epc:id:") else {
            throw IdentifierError(
                .companyPrefix, "\(place): the company prefix length is unknown (give --gcp-length) or the EPC is a class")
        }
        let body = urn.split(separator: ":", maxSplits: 4).last ?? ""
        var bits = BitBuffer()
        bits.append(UInt64(scheme.header), width: 8)
        if scheme == .gid96 {
            let fields = body.split(separator: ".").map { UInt64($0) ?? UInt64.max }
            let widths = [28, 24, 36]
            for (value, width) in zip(fields, widths) {
                guard value < (1 << UInt64(width)) else {
                    throw IdentifierError(.range, "\(place): \(value) does not fit \(width) bits")
                }
                bits.append(value, width: width)
            }
            return bits.hex
        }
        let fields = body.split(separator: ".", maxSplits: scheme.kind == .giai ? 1 : 2, omittingEmptySubsequences: false)
        let cp = fields[0]
        let partition = 12 - cp.count
        bits.append(UInt64(filter), width: 3)
        bits.append(UInt64(partition), width: 3)
        bits.append(UInt64(cp) ?? 0, width: EPCBinaryScheme.companyPrefixBits[partition])
        let refBits = scheme.referenceBits.bits[partition]
        let reference = fields.count > 1 ? fields[1] : ""
        switch scheme {
        case .giai96:
            try Self.appendInteger(reference, width: refBits, to: &bits, place: "\(place): asset reference")
            return bits.hex
        case .giai202:
            try Self.appendText(reference, maxCharacters: 18 + partition, width: refBits, to: &bits,
                                place: "\(place): asset reference")
            return bits.hex
        default:
            bits.append(UInt64(reference) ?? 0, width: refBits)
        }
        let trailing = fields.count > 2 ? fields[2] : ""
        switch scheme {
        case .sscc96:
            bits.append(0, width: 24)
        case .sgtin96, .grai96, .sgln96:
            try Self.appendInteger(trailing, width: scheme.trailingBits, to: &bits, place: "\(place): serial/extension")
        default:
            try Self.appendText(trailing, maxCharacters: scheme.trailingBits / 7, width: scheme.trailingBits, to: &bits,
                                place: "\(place): serial/extension")
        }
        return bits.hex
    }

    private static func appendInteger(
        _ text: Substring, width: Int, to bits: inout BitBuffer, place: String
    ) throws(IdentifierError) {
        guard text.isAllDigits, text == "0" || text.first != "0", let value = UInt64(text) else {
            throw IdentifierError(
                .unsupported, "\(place) '\(text)' must be a number without leading zeros for this scheme (use the longer scheme)")
        }
        guard width >= 64 || value < (UInt64(1) << UInt64(width)) else {
            throw IdentifierError(.range, "\(place) \(value) does not fit \(width) bits")
        }
        bits.append(value, width: width)
    }

    private static func appendText(
        _ text: Substring, maxCharacters: Int, width: Int, to bits: inout BitBuffer, place: String
    ) throws(IdentifierError) {
        guard let value = PercentEncoding.decode(text) else {
            throw IdentifierError(.syntax, "\(place) '\(text)' has a malformed %-escape")
        }
        guard value.count <= maxCharacters else {
            throw IdentifierError(.range, "\(place) '\(value)' has \(value.count) characters, at most \(maxCharacters) fit")
        }
        bits.appendString(value, width: width)
    }
}
