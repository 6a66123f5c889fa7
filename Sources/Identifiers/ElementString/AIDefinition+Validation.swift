extension AIDefinition {
    /// Throws when `value` breaks this AI's format or rules; the message names the AI and the rule.
    /// - Parameter value: The AI's value (no AI digits, no separators).
    /// - Throws: ``IdentifierError``.
    public func validate(_ value: some StringProtocol) throws(IdentifierError) {
        if isPlainlyValid(Array(value.utf8)[...]) { return }
        var place: String { "AI \(ai) (\(title))" }  // built only when an error needs it
        let count = value.count
        if count < minLength || count > maxLength {
            let expected = isFixedLength ? "\(minLength)" : "\(minLength) to \(maxLength)"
            throw IdentifierError(.length, "\(place): '\(value)' has \(count) characters, expected \(expected)")
        }
        var rest = Substring(value)
        for (index, component) in components.enumerated() {
            let isLast = index == components.count - 1
            let take = isLast ? rest.count : min(component.maxLength, rest.count)
            let part = rest.prefix(take)
            rest = rest.dropFirst(take)
            if part.count < component.minLength {
                throw IdentifierError(.length, "\(place): '\(value)' is too short")
            }
            try Self.checkCharset(part, component.charset, place: place)
            for rule in component.rules {
                try check(rule, part, place: place)
            }
        }
    }

    static func checkCharset(_ part: Substring, _ charset: Charset, place: @autoclosure () -> String) throws(IdentifierError) {
        for (offset, scalar) in part.unicodeScalars.enumerated() {
            let ok: Bool =
                switch charset {
                case .numeric: scalar.digitValue != nil
                case .cset82: CharacterSets.isCSet82(scalar)
                case .cset39: CharacterSets.isCSet39(scalar)
                }
            if !ok {
                let what =
                    switch charset {
                    case .numeric: "only digits are allowed"
                    case .cset82: "not in GS1 character set 82"
                    case .cset39: "not in GS1 character set 39 (0-9 A-Z # - /)"
                    }
                throw IdentifierError(
                    .characterSet, "\(place()): character '\(scalar.escaped(asASCII: true))' at position \(offset + 1) is \(what)"
                )
            }
        }
    }

    private func check(_ rule: Rule, _ part: Substring, place: @autoclosure () -> String) throws(IdentifierError) {
        switch rule {
        case .checkDigit:
            guard let expected = GS1CheckDigit.compute(part.dropLast()),
                let last = part.unicodeScalars.last?.digitValue
            else { return }
            if expected != last {
                // Keys are named as people know them: "GTIN 09506000134353: check digit should be 2".
                let name = GS1Key.Kind(ai: ai).map { $0.rawValue.uppercased() } ?? place()
                throw IdentifierError(.checkDigit, "\(name) \(part): check digit should be \(expected)")
            }
        case .date:
            try Self.checkDate(part, place: place(), allowDayZero: true)
        case .dateRange:
            guard part.count == 6 || part.count == 12 else {
                throw IdentifierError(.length, "\(place()): '\(part)' is neither YYMMDD nor YYMMDDYYMMDD")
            }
            try Self.checkDate(part.prefix(6), place: place(), allowDayZero: false)
            if part.count == 12 { try Self.checkDate(part.suffix(6), place: place(), allowDayZero: false) }
        case .dateTime:
            try Self.checkDate(part.prefix(6), place: place(), allowDayZero: false)
            try Self.checkTime(part.dropFirst(6), place: place())
        case .dateHour:
            guard part.count == 8 || part.count == 10 || part.count == 12 else {
                throw IdentifierError(.length, "\(place()): '\(part)' is not YYMMDDHH[MM[SS]]")
            }
            try Self.checkDate(part.prefix(6), place: place(), allowDayZero: false)
            try Self.checkTime(part.dropFirst(6), place: place())
        case .country:
            if part == "000" {
                throw IdentifierError(.range, "\(place()): 000 is not an ISO 3166 country code")
            }
        case .leadingZero:
            if part.first != "0" {
                throw IdentifierError(.syntax, "\(place()) \(part): the first digit must be 0")
            }
        }
    }

    static func checkDate(_ date: Substring, place: @autoclosure () -> String, allowDayZero: Bool) throws(IdentifierError) {
        let digits = date.unicodeScalars.compactMap(\.digitValue)
        guard digits.count == 6 else {
            throw IdentifierError(.date, "\(place()): '\(date)' is not a YYMMDD date")
        }
        let year = digits[0] * 10 + digits[1]
        let month = digits[2] * 10 + digits[3]
        let day = digits[4] * 10 + digits[5]
        guard (1...12).contains(month) else {
            throw IdentifierError(.date, "\(place()): month \(month) is not a month")
        }
        if day == 0 && allowDayZero { return }
        let fullYear = GS1Date.century(forTwoDigitYear: year) + year
        let days = GS1Date.daysIn(month: month, year: fullYear)
        guard (1...days).contains(day) else {
            throw IdentifierError(.date, "\(place()): day \(day) is not a day of \(fullYear)-\(month < 10 ? "0" : "")\(month)")
        }
    }

    static func checkTime(_ time: Substring, place: @autoclosure () -> String) throws(IdentifierError) {
        let digits = time.unicodeScalars.compactMap(\.digitValue)
        let limits = [23, 59, 59]
        var index = 0
        while index * 2 + 1 < digits.count {
            let value = digits[index * 2] * 10 + digits[index * 2 + 1]
            if value > limits[min(index, 2)] {
                let name = ["hour", "minute", "second"][min(index, 2)]
                throw IdentifierError(.date, "\(place()): \(name) \(value) is out of range")
            }
            index += 1
        }
    }
}
