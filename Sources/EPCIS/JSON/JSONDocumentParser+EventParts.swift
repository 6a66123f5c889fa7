extension JSONDocumentParser {
    /// `certificationInfo`: one URI or an array of URIs.
    mutating func certificationInfo(_ key: String) throws(JSONSyntaxError) -> [String] {
        if try reader.peekKind() == .array { return try uriList(key, unique: false).map(\.text) }
        return try uri(key).map { [$0] } ?? []
    }

    /// `errorDeclaration`: declarationTime (required), reason, correctiveEventIDs, extensions.
    mutating func errorDeclaration(_ key: String) throws(JSONSyntaxError) -> ErrorDeclaration? {
        var time: EPCISDateTime?
        var sawTime = false
        var declaration = ErrorDeclaration(declarationTime: Self.placeholderTime)
        let isObject = try withObject(key) { (p, member) throws(JSONSyntaxError) in
            switch member {
            case "declarationTime":
                sawTime = true
                time = try p.time(member)
            case "reason": declaration.reason = try p.cbv(member, .errorReason)
            case "correctiveEventIDs": declaration.correctiveEventIDs = try p.uriList(member, unique: false).map(\.text)
            default:
                if let element = try p.extensionElement(member, where: "errorDeclaration") {
                    declaration.extensions.append(element)
                }
            }
        }
        guard isObject else { return nil }
        if !sawTime { missing("declarationTime", in: "errorDeclaration", at: pointer(key)) }
        guard let time else { return nil }
        declaration.declarationTime = time
        return declaration
    }

    /// A quantity list: objects with epcClass (required), quantity, uom, and nothing else.
    mutating func quantityList(_ key: String) throws(JSONSyntaxError) -> [QuantityElement] {
        var out: [QuantityElement] = []
        try withArray(key) { (p, _) throws(JSONSyntaxError) in
            var epcClass: String?
            var sawClass = false
            var quantity: Double?
            var uom: String?
            let isObject = try p.withObject(nil) { (p, member) throws(JSONSyntaxError) in
                switch member {
                case "epcClass":
                    sawClass = true
                    epcClass = try p.uri(member)
                case "quantity": quantity = try p.number(member)
                case "uom":
                    guard let text = try p.string(member) else { return }
                    if JSONFormatRules.isUnitCode(text) {
                        uom = text
                    } else {
                        p.report(
                            at: p.pointer(member),
                            "'uom' must be a UN/ECE Rec. 20 code of 2 or 3 capitals or digits, not '\(text)'")
                    }
                default: try p.unknown(member, in: "a quantity element")
                }
            }
            guard isObject else { return }
            if !sawClass { p.missing("epcClass", in: "a quantity element") }
            if let epcClass {
                out.append(QuantityElement(epcClass: IdentifierURI(epcClass), quantity: quantity, uom: uom))
            }
        }
        return out
    }

    /// `persistentDisposition`: set and/or unset, each a non-empty list of distinct dispositions.
    mutating func persistentDisposition(_ key: String) throws(JSONSyntaxError) -> PersistentDisposition? {
        var result = PersistentDisposition()
        var sawAny = false
        let isObject = try withObject(key) { (p, member) throws(JSONSyntaxError) in
            guard member == "set" || member == "unset" else {
                try p.unknown(member, in: "persistentDisposition")
                return
            }
            sawAny = true
            var values: [CBVValue] = []
            let count = try p.withArray(member) { (p, index) throws(JSONSyntaxError) in
                guard let text = try p.stringElement(of: member) else { return }
                if let value = p.cbvValue(text, .disposition, key: member, at: p.pointer()) { values.append(value) }
            }
            if count == 0 { p.report(at: p.pointer(member), "'\(member)' must list at least one disposition") }
            if Set(values).count != values.count {
                p.report(at: p.pointer(member), "'\(member)' must not list a disposition twice")
            }
            if member == "set" { result.set = values } else { result.unset = values }
        }
        guard isObject else { return nil }
        if !sawAny { report(at: pointer(key), "'persistentDisposition' needs 'set' or 'unset'") }
        return result
    }

    /// Reads an array element that must be a string.
    mutating func stringElement(of key: String) throws(JSONSyntaxError) -> String? {
        let kind = try reader.peekKind()
        guard kind == .string else {
            report(at: pointer(), "'\(key)' items must be strings, not \(Self.article(kind.typeName))")
            try reader.skipValue()
            return nil
        }
        return try reader.readString()
    }

    /// `readPoint` or `bizLocation`: id (required) and extensions.
    mutating func location(_ key: String) throws(JSONSyntaxError) -> LocationReference? {
        var id: String?
        var sawID = false
        var extensions: [ExtensionElement] = []
        let isObject = try withObject(key) { (p, member) throws(JSONSyntaxError) in
            if member == "id" {
                sawID = true
                id = try p.uri(member)
            } else if let element = try p.extensionElement(member, where: "'\(key)'") {
                extensions.append(element)
            }
        }
        guard isObject else { return nil }
        if !sawID { missing("id", in: "'\(key)'", at: pointer(key)) }
        return id.map { LocationReference(id: IdentifierURI($0), extensions: extensions) }
    }

    /// `bizTransactionList`: objects with bizTransaction (required) and type.
    mutating func bizTransactions(_ key: String) throws(JSONSyntaxError) -> [BizTransaction] {
        var out: [BizTransaction] = []
        try withArray(key) { (p, _) throws(JSONSyntaxError) in
            var id: String?
            var sawID = false
            var type: CBVValue?
            let isObject = try p.withObject(nil) { (p, member) throws(JSONSyntaxError) in
                switch member {
                case "bizTransaction":
                    sawID = true
                    id = try p.uri(member)
                case "type": type = try p.cbv(member, .bizTransactionType)
                default: try p.unknown(member, in: "a business transaction")
                }
            }
            guard isObject else { return }
            if !sawID { p.missing("bizTransaction", in: "a business transaction") }
            if let id { out.append(BizTransaction(type: type, id: IdentifierURI(id))) }
        }
        return out
    }

    /// `sourceList` / `destinationList`: objects with type and source/destination, both required.
    mutating func sourceDestinations(_ key: String, role: String) throws(JSONSyntaxError) -> [SourceDestination] {
        var out: [SourceDestination] = []
        try withArray(key) { (p, _) throws(JSONSyntaxError) in
            var id: String?
            var type: CBVValue?
            var sawID = false
            var sawType = false
            let isObject = try p.withObject(nil) { (p, member) throws(JSONSyntaxError) in
                if member == role {
                    sawID = true
                    id = try p.uri(member)
                } else if member == "type" {
                    sawType = true
                    type = try p.cbv(member, .sourceDestType)
                } else {
                    try p.unknown(member, in: "a \(role)")
                }
            }
            guard isObject else { return }
            if !sawType { p.missing("type", in: "a \(role)") }
            if !sawID { p.missing(role, in: "a \(role)") }
            if let id, let type { out.append(SourceDestination(type: type, id: IdentifierURI(id))) }
        }
        return out
    }

    /// `ilmd`: user extensions only.
    mutating func ilmd(_ key: String) throws(JSONSyntaxError) -> [ExtensionElement]? {
        var out: [ExtensionElement] = []
        let isObject = try withObject(key) { (p, member) throws(JSONSyntaxError) in
            if let element = try p.extensionElement(member, where: "ilmd") { out.append(element) }
        }
        return isObject ? out : nil
    }
}
