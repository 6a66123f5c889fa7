import Identifiers

/// Renders an ``IdentifierDescription`` as one JSON object with a stable field order.
enum DescriptionJSON {
    static func render(
        _ d: IdentifierDescription, domain: String, prefixLengths: (any CompanyPrefixLengthSource)?
    ) -> String {
        var fields: [(String, String)] = []
        if let key = d.key { fields.append(("key", quote(key))) }
        fields.append(("input", quote(d.form.rawValue)))
        if !d.elements.isEmpty {
            fields.append(("ais", object(d.elements.map { ($0.ai, quote($0.value)) })))
        }
        if let elementString = d.elementString { fields.append(("elementString", quote(elementString))) }
        let urn = d.urn ?? prefixLengths.flatMap { d.epc?.urn(prefixLengths: $0) }
        if let urn { fields.append(("urn", quote(urn))) }
        if let link = d.digitalLink(domain: domain) { fields.append(("digitalLink", quote(link))) }
        if let tag = d.tag {
            fields.append(("scheme", quote(tag.scheme.rawValue)))
            fields.append(("filter", String(tag.filter)))
            if let tagURI = tag.tagURI { fields.append(("tagURI", quote(tagURI))) }
            if let hex = try? tag.hex() { fields.append(("hex", quote(hex))) }
        }
        if let elementString = try? ElementString(elements: d.elements) {
            let measures = elementString.measures.map {
                ($0.ai, object([
                    ("quantity", quote($0.measure.quantity)), ("value", $0.measure.decimalString),
                    ("unit", quote($0.measure.unit)),
                ]))
            }
            if !measures.isEmpty { fields.append(("measures", object(measures))) }
            let dates = d.elements.compactMap { e in elementString.date(of: e.ai).map { (e.ai, quote($0.description)) } }
            if !dates.isEmpty { fields.append(("dates", object(dates))) }
        }
        if let code = d.cnDrugCode {
            fields.append(("cnDrugCode", object([
                ("code", quote(code.value)), ("codeType", quote(code.codeType)), ("level", String(code.level)),
                ("levelName", quote(code.levelName)), ("productIdentifier", quote(code.productIdentifier)),
                ("resourceCode", quote(code.resourceCode)), ("serial", quote(code.serial)),
                ("checkCode", quote(code.checkCode)), ("uri", quote(ChinaTraceCode.drug(code).uri)),
                ("checkCodeVerified", "false"),
                ("note", quote("the check code (digits 17-20) can only be verified by the national drug traceability platform")),
            ])))
        }
        if let code = d.cnPesticideCode {
            fields.append(("cnPesticideCode", object([
                ("code", quote(code.value)), ("uri", quote(ChinaTraceCode.pesticide(code).uri)),
                ("registrationClass", String(code.registrationClass)),
                ("registrationClassName", quote(code.registrationClassName)),
                ("registrationNumberDigits", quote(code.registrationNumberDigits)),
                ("productionType", String(code.productionType)),
                ("productionTypeName", quote(code.productionTypeName)),
                ("specificationCode", quote(code.specificationCode)), ("randomCode", quote(code.randomCode)),
                ("note", quote(
                    "no check digit: whether the registration number exists is known only to the ministry's registry"
                )),
            ])))
        }
        if let code = d.cnVeterinaryDrugCode {
            fields.append(("cnVeterinaryDrugCode", object([
                ("code", quote(code.value)), ("uri", quote(ChinaTraceCode.veterinaryDrug(code).uri)),
                ("applicationDate", quote(code.applicationDate)), ("enterpriseID", quote(code.enterpriseID)),
                ("randomCode", quote(code.randomCode)),
                ("note", quote(
                    "no check digit: which enterprise the ID names is known only to the national veterinary drug "
                        + "traceability system")),
            ])))
        }
        return object(fields)
    }

    static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { "\(quote($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
