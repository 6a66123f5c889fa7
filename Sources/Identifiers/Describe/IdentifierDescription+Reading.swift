extension IdentifierDescription {
    /// Reads any identifier text and says what it is.
    /// - Parameters:
    ///   - text: What was scanned or pasted.
    ///   - prefixLengths: Company prefix lengths for deriving EPC URNs from GS1 keys.
    /// - Returns: The description.
    /// - Throws: ``IdentifierError`` saying what is wrong and where.
    public static func read(
        _ text: String, prefixLengths: (any CompanyPrefixLengthSource)? = nil
    ) throws(IdentifierError) -> IdentifierDescription {
        let input = String(text.trimmingASCIIWhitespace())
        guard !input.isEmpty else { throw IdentifierError(.empty, "the input is empty") }
        let lower = input.lowercased()
        if lower.hasPrefix("urn:epc:tag:") {
            return try readTagURI(input)
        }
        if lower.hasPrefix("urn:") {
            guard let epc = try EPCIdentifier.parse(input) else {
                throw IdentifierError(.unsupported, "\(input): not an EPC URN this tool can read")
            }
            return fromEPC(epc, form: .urn, tag: nil)
        }
        if let code = try ChinaTraceCode.parse(uri: input) {
            return fromChinaCode(code, form: .cnCodeURI)
        }
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            let link = try DigitalLink(parsing: input)
            let epc = try EPCIdentifier(digitalLink: link, prefixLengths: prefixLengths)
            return IdentifierDescription(
                form: .digitalLink, key: keyName(link.elements, epc: epc), elements: link.elements, epc: epc)
        }
        let hasSeparator = input.contains(ElementString.groupSeparator)
            || ElementString.textualSeparators.contains { input.contains($0) }
        if input.first == "(" || input.first == "]" || hasSeparator {
            let form: InputForm = input.first == "(" ? .bracketed : .barcode
            return try fromElementString(ElementString(parsing: input), prefixLengths: prefixLengths, form: form)
        }
        var compact = input
        if lower.hasPrefix("0x") { return try fromTag(EPCTag(hex: String(input.dropFirst(2)))) }
        if input.isAllDigits {
            if input.count == 20, input.hasPrefix("8"), input.dropFirst().first != "0" {
                let code = try ChinaDrugTraceCode(input)
                return IdentifierDescription(form: .cnDrugCode, key: "cnDrugCode", elements: [], cnDrugCode: code)
            }
            // GS1 element strings of 24 or 32 digits start with an AI; those led by 01, 00 or 02 start with 0, and
            // none sensibly starts with AI 20 (a variant needs its GTIN first). A veterinary drug code starts with
            // its application year, 20xx; a pesticide code with its registration class, 1-3.
            if input.count == 24, input.hasPrefix("20") {
                let code = try ChinaVeterinaryDrugCode(input)
                return fromChinaCode(.veterinaryDrug(code), form: .cnVeterinaryDrugCode)
            }
            if input.count == 32, input.first != "0" {
                return fromChinaCode(.pesticide(try ChinaPesticideCode(input)), form: .cnPesticideCode)
            }
            if [8, 12, 13, 14].contains(input.count), GS1CheckDigit.isValid(input), let gtin = try? GTIN(input) {
                let elements = [AIElement(ai: "01", value: gtin.value)]
                return try fromElementString(ElementString(elements: elements), prefixLengths: prefixLengths, form: .plainKey)
            }
            if input.count == 18, GS1CheckDigit.isValid(input) {
                let elements = [AIElement(ai: "00", value: input)]
                return try fromElementString(ElementString(elements: elements), prefixLengths: prefixLengths, form: .plainKey)
            }
        }
        let isHex = input.count >= 24 && input.unicodeScalars.allSatisfy { $0.properties.isASCIIHexDigit }
        if isHex && !input.isAllDigits {
            return try fromTag(EPCTag(hex: input))
        }
        do {
            return try fromElementString(ElementString(parsing: input), prefixLengths: prefixLengths)
        } catch {
            if isHex, let tag = try? EPCTag(hex: input) { return fromTag(tag) }
            if input.count == 20, input.isAllDigits, input.hasPrefix("8") {
                _ = try ChinaDrugTraceCode(input)
            }
            compact = error.message
            throw IdentifierError(
                error.code,
                "\(input): not a GS1 element string, Digital Link, EPC URN, RFID hex or China drug, pesticide or "
                    + "veterinary drug code (\(compact))")
        }
    }

    private static func fromChinaCode(_ code: ChinaTraceCode, form: InputForm) -> IdentifierDescription {
        var description = IdentifierDescription(form: form, key: nil, elements: [])
        switch code {
        case .drug(let drug):
            description.key = "cnDrugCode"
            description.cnDrugCode = drug
        case .pesticide(let pesticide):
            description.key = "cnPesticideCode"
            description.cnPesticideCode = pesticide
        case .veterinaryDrug(let veterinaryDrug):
            description.key = "cnVeterinaryDrugCode"
            description.cnVeterinaryDrugCode = veterinaryDrug
        }
        return description
    }

    private static func fromElementString(
        _ elementString: ElementString, prefixLengths: (any CompanyPrefixLengthSource)?, form: InputForm? = nil
    ) throws(IdentifierError) -> IdentifierDescription {
        let elements = elementString.elements
        var epc: EPCIdentifier?
        if let link = digitalLinkParts(elements) {
            epc = try EPCIdentifier(digitalLink: link, prefixLengths: prefixLengths)
        }
        let inputForm = form ?? .barcode
        return IdentifierDescription(form: inputForm, key: keyName(elements, epc: epc), elements: elements, epc: epc)
    }

    private static func fromEPC(_ epc: EPCIdentifier, form: InputForm, tag: EPCTag?) -> IdentifierDescription {
        var key = keyName(epc.elements, epc: epc)
        if epc.kind == .sgln { key = "sgln" }
        if epc.elements.isEmpty { key = epc.kind.rawValue }
        return IdentifierDescription(form: form, key: key, elements: epc.elements, epc: epc, tag: tag)
    }

    private static func fromTag(_ tag: EPCTag) -> IdentifierDescription {
        fromEPC(tag.epc, form: .rfidHex, tag: tag)
    }

    private static func readTagURI(_ input: String) throws(IdentifierError) -> IdentifierDescription {
        // urn:epc:tag:<scheme>:<filter>.<fields> → the pure identity plus scheme and filter.
        let parts = input.split(separator: ":", maxSplits: 4)
        guard parts.count == 5, let scheme = EPCBinaryScheme(rawValue: String(parts[3]).lowercased()) else {
            throw IdentifierError(.unknownScheme, "\(input): unknown EPC tag URI scheme")
        }
        var body = parts[4]
        var filter = 0
        if scheme != .gid96 {
            guard let dot = body.firstIndex(of: "."), let value = Int(body[..<dot]) else {
                throw IdentifierError(.syntax, "\(input): a tag URI starts with the filter value")
            }
            filter = value
            body = body[body.index(after: dot)...]
        }
        guard let epc = try EPCIdentifier.parse("urn:epc:id:\(scheme.kind.rawValue):\(body)") else {
            throw IdentifierError(.syntax, "\(input): no identity")
        }
        let tag = EPCTag(epc: epc, scheme: scheme, filter: filter)
        _ = try tag.hex()  // the identity must fit the scheme
        return fromEPC(epc, form: .tagURI, tag: tag)
    }

    /// The key name from the elements: the primary key and whether it is serialised or has a lot.
    static func keyName(_ elements: [AIElement], epc: EPCIdentifier?) -> String? {
        let ais = Set(elements.map(\.ai))
        if let epc {
            switch epc.kind {
            case .sgtin: return "sgtin"
            case .lgtin: return "lgtin"
            case .gtinClass: return "gtin"
            case .sgln: return ais.contains("254") ? "sgln" : "gln"
            case .sgcn: return "gcn"
            case .cpi: return "cpid"
            default: return epc.kind.rawValue
            }
        }
        if ais.contains("8013") { return "gmn" }
        for ai in ["410", "411", "412", "413", "415", "416"] where ais.contains(ai) { return "gln" }
        return nil
    }
}
