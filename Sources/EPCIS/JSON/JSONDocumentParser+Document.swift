extension JSONDocumentParser {
    /// Reads the whole input: an EPCISDocument, an EPCISQueryDocument or a bare event.
    mutating func root() throws(JSONSyntaxError) {
        let kind = try reader.peekKind()
        guard kind == .object else {
            report(at: "/", "an EPCIS document must be a JSON object, not \(Self.article(kind.typeName))")
            try reader.skipValue()
            try reader.expectEnd()
            return
        }
        let start = reader.mark
        // The prefixes must be known before the events are read, and @context may come last: read it (and the
        // type) first, skipping over the rest only when they do not lead.
        var typeText: String?
        var sawContext = false
        try reader.beginObject()
        var first = true
        while let key = try reader.nextKey(&first) {
            if key == "@context", !sawContext {
                try readContext(at: key, intoDocument: true)
                sawContext = true
            } else if key == "type", typeText == nil, try reader.peekKind() == .string {
                typeText = try reader.readString()
            } else {
                try reader.skipValue()
            }
            if sawContext, typeText != nil { break }
        }
        reader.restore(start)

        switch typeText {
        case EPCISDocument.Kind.document.rawValue?, EPCISDocument.Kind.queryDocument.rawValue?:
            document.kind = typeText == EPCISDocument.Kind.document.rawValue ? .document : .queryDocument
            try documentObject(sawContext: sawContext)
        case let text? where EventType(rawValue: text) != nil:
            if !sawContext { missing("@context", in: "an event sent alone", at: "/") }
            let line = reader.line
            if let event = try event(bare: true) { try deliver(event, EventLocation(pointer: "/", line: line)) }
        case let text?:
            report(at: "/type", "'type' must be EPCISDocument, EPCISQueryDocument or an event type, not '\(text)'")
            try reader.skipValue()
        case nil:
            missing("type", in: "the document", at: "/")
            try reader.skipValue()
        }
        try reader.expectEnd()
        flushPendingPrefixes()
    }

    private mutating func documentObject(sawContext: Bool) throws(JSONSyntaxError) {
        let query = document.kind == .queryDocument
        let name = query ? "an EPCISQueryDocument" : "an EPCISDocument"
        var seen: Set<String> = []
        try withObject(nil) { (p, key) throws(JSONSyntaxError) in
            if !seen.insert(key).inserted {
                p.report(at: p.pointer(key), "the property '\(key)' appears twice; the last value is used", .warning)
            }
            switch key {
            case "@context", "type": try p.reader.skipValue()
            case "id":
                guard let text = try p.string(key) else { return }
                // A blank node identifier (`_:document1`) is how the GS1 examples name a document.
                if JSONFormatRules.isAbsoluteURI(text) || text.hasPrefix("_:") {
                    p.document.documentID = text
                } else {
                    p.report(at: p.pointer(key), "'id' must be a URI, not '\(text)'")
                }
            case "schemaVersion":
                guard let text = try p.string(key) else { return }
                if JSONFormatRules.isVersion(text) {
                    p.document.schemaVersion = text
                } else {
                    p.report(
                        at: p.pointer(key),
                        "'schemaVersion' must be digits separated by dots, such as 2.0, not '\(text)'")
                }
            case "creationDate": p.document.creationDate = try p.time(key)
            case "sender" where query, "receiver" where query, "instanceIdentifier" where query,
                "epcisHeader" where query:
                try p.unknown(key, in: name)
            case "sender": p.document.sender = try p.string(key)
            case "receiver": p.document.receiver = try p.string(key)
            case "instanceIdentifier": p.document.instanceIdentifier = try p.string(key)
            case "epcisHeader": try p.header(key)
            case "epcisBody": try p.body(key, query: query)
            default:
                if let element = try p.extensionElement(key, where: name) {
                    p.document.headerExtensions.append(element)
                }
            }
        }
        if !sawContext { missing("@context", in: name, at: "/") }
        var required = ["epcisBody"]
        if !query { required += ["schemaVersion", "creationDate"] }
        for key in required where !seen.contains(key) { missing(key, in: name, at: "/") }
    }

    private mutating func body(_ key: String, query: Bool) throws(JSONSyntaxError) {
        var sawContent = false
        let isObject = try withObject(key) { (p, member) throws(JSONSyntaxError) in
            switch member {
            case "eventList" where !query:
                sawContent = true
                try p.eventList(member)
            case "queryResults" where query:
                sawContent = true
                try p.queryResults(member)
            default:
                try p.unknown(member, in: "epcisBody")
            }
        }
        if isObject, !sawContent { missing(query ? "queryResults" : "eventList", in: "epcisBody", at: pointer(key)) }
    }

    private mutating func queryResults(_ key: String) throws(JSONSyntaxError) {
        var sawName = false
        var sawResults = false
        let isObject = try withObject(key) { (p, member) throws(JSONSyntaxError) in
            switch member {
            case "queryName":
                sawName = true
                p.document.queryName = try p.string(member)
            case "subscriptionID": p.document.subscriptionID = try p.string(member)
            case "resultsBody":
                sawResults = true
                var sawEvents = false
                let isObject = try p.withObject(member) { (p, inner) throws(JSONSyntaxError) in
                    switch inner {
                    case "eventList":
                        sawEvents = true
                        try p.eventList(inner)
                    case "vocabularyList": p.document.masterData += try p.vocabularyList(inner)
                    default: try p.unknown(inner, in: "resultsBody")
                    }
                }
                if isObject, !sawEvents { p.missing("eventList", in: "resultsBody", at: p.pointer(member)) }
            default: try p.unknown(member, in: "queryResults")
            }
        }
        guard isObject else { return }
        if !sawName { missing("queryName", in: "queryResults", at: pointer(key)) }
        if !sawResults { missing("resultsBody", in: "queryResults", at: pointer(key)) }
    }

    /// Reads an event list, handing each event that has no error to the consumer as soon as it is read.
    private mutating func eventList(_ key: String) throws(JSONSyntaxError) {
        try withArray(key) { (p, _) throws(JSONSyntaxError) in
            _ = try p.reader.peekKind()
            let line = p.reader.line
            if let event = try p.event() { try p.deliver(event, EventLocation(pointer: p.pointer(), line: line)) }
        }
    }

    private mutating func header(_ key: String) throws(JSONSyntaxError) {
        try withObject(key) { (p, member) throws(JSONSyntaxError) in
            if member == "epcisMasterData" {
                try p.withObject(member) { (p, inner) throws(JSONSyntaxError) in
                    if inner == "vocabularyList" {
                        p.document.masterData += try p.vocabularyList(inner)
                    } else {
                        try p.unknown(inner, in: "epcisMasterData")
                    }
                }
            } else if let element = try p.extensionElement(member, where: "epcisHeader") {
                p.document.headerExtensions.append(element)
            }
        }
    }
}
