extension JSONDocumentParser {
    /// Checks that the next value has the JSON type `kind`; otherwise reports it (at `key`, or at the current
    /// place when `key` is nil), skips it and returns false.
    mutating func expect(_ kind: JSONValueKind, _ key: String?, _ expected: String) throws(JSONSyntaxError) -> Bool {
        let found = try reader.peekKind()
        guard found != kind else { return true }
        let location = key.map { pointer($0) } ?? pointer()
        let name = key.map { "'\($0)'" } ?? "this value"
        report(at: location, "\(name) must be \(expected), not \(Self.article(found.typeName))")
        try reader.skipValue()
        return false
    }

    /// Reads an object (at `key` below the current place, or at the current place when nil), calling `body`
    /// with each member's key while the path points to the object.
    /// - Returns: false when the value was not an object (reported and skipped).
    @discardableResult
    mutating func withObject(
        _ key: String?, _ body: (inout JSONDocumentParser, String) throws(JSONSyntaxError) -> Void
    ) throws(JSONSyntaxError) -> Bool {
        guard try expect(.object, key, "an object") else { return false }
        if let key { path.append(.key(key)) }
        defer { if key != nil { path.removeLast() } }
        try reader.beginObject()
        var first = true
        while let member = try reader.nextKey(&first) { try body(&self, member) }
        return true
    }

    /// Reads an array at `key`, calling `body` with each index while the path points to the element.
    /// - Returns: the number of elements, or nil when the value was not an array (reported and skipped).
    @discardableResult
    mutating func withArray(
        _ key: String, _ body: (inout JSONDocumentParser, Int) throws(JSONSyntaxError) -> Void
    ) throws(JSONSyntaxError) -> Int? {
        guard try expect(.array, key, "an array") else { return nil }
        path.append(.key(key))
        defer { path.removeLast() }
        try reader.beginArray()
        var first = true
        var index = 0
        while try reader.nextElement(&first) {
            path.append(.index(index))
            try body(&self, index)
            path.removeLast()
            index += 1
        }
        return index
    }

    /// Reports a property the schema does not allow here and skips its value.
    mutating func unknown(_ key: String, in place: String) throws(JSONSyntaxError) {
        report(at: pointer(key), "unknown property '\(key)' in \(place)")
        try reader.skipValue()
    }

    /// Reports a required property that is missing.
    mutating func missing(_ key: String, in place: String, at location: String? = nil) {
        report(at: location ?? pointer(), "\(place) is missing the required property '\(key)'")
    }
}
