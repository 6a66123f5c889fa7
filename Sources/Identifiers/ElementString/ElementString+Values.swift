/// A decimal measure from a 310n-369n-style AI: the six digits with the implied decimal point applied.
public struct GS1Measure: Hashable, Sendable, CustomStringConvertible {
    /// The digits without a decimal point, e.g. 1500 for `3102 001500`.
    public var significand: Int
    /// Decimal places (the AI's last digit).
    public var decimalPlaces: Int
    /// The unit, e.g. `kg`.
    public var unit: String
    /// What is measured, e.g. `net weight`.
    public var quantity: String

    /// The value as a Double (for display; use significand/decimalPlaces for exact work).
    public var doubleValue: Double {
        var value = Double(significand)
        for _ in 0..<decimalPlaces { value /= 10 }
        return value
    }

    /// The number written with its decimal point, e.g. `15.00`.
    public var decimalString: String {
        let digits = String(significand).leftPadded(to: decimalPlaces + 1)
        guard decimalPlaces > 0 else { return digits }
        return digits.dropLast(decimalPlaces) + "." + digits.suffix(decimalPlaces)
    }

    /// E.g. `15.00 kg`.
    public var description: String { "\(decimalString) \(unit)" }
}

/// A GS1 six-digit date; `day` 0 means "the last day of the month" (allowed where the AI allows it).
public struct GS1DateValue: Hashable, Sendable, CustomStringConvertible {
    /// Four-digit year (GS1 sliding century window).
    public var year: Int
    /// 1...12.
    public var month: Int
    /// 0...31.
    public var day: Int

    /// ISO 8601 date, e.g. `2020-12-25`; day 00 becomes the month's last day.
    public var description: String {
        let d = day == 0 ? GS1Date.daysIn(month: month, year: year) : day
        return "\(year)-\(String(month).leftPadded(to: 2))-\(String(d).leftPadded(to: 2))"
    }
}

extension ElementString {
    /// The measure an AI such as `3103` carries, or nil when `ai` is absent or not a decimal AI.
    /// - Parameter ai: A decimal AI (310n-316n, 320n-369n).
    /// - Returns: The measure.
    public func measure(of ai: String) -> GS1Measure? {
        guard let definition = AIDictionary.definition(for: ai), let unit = definition.unit,
            let places = definition.decimalPlaces, let raw = value(of: ai), let number = Int(raw)
        else { return nil }
        return GS1Measure(significand: number, decimalPlaces: places, unit: unit, quantity: definition.title)
    }

    /// Every decimal measure in the element string, in order.
    public var measures: [(ai: String, measure: GS1Measure)] {
        elements.compactMap { element in measure(of: element.ai).map { (ai: element.ai, measure: $0) } }
    }

    /// The date an AI such as `17` carries, or nil when absent or not a date AI.
    /// - Parameter ai: A date AI (11, 12, 13, 15, 16, 17, 7006).
    /// - Returns: The date.
    public func date(of ai: String) -> GS1DateValue? {
        guard let definition = AIDictionary.definition(for: ai),
            definition.components.first?.rules.contains(.date) == true, let raw = value(of: ai)
        else { return nil }
        let d = raw.unicodeScalars.compactMap(\.digitValue)
        guard d.count == 6 else { return nil }
        let yy = d[0] * 10 + d[1]
        return GS1DateValue(year: GS1Date.century(forTwoDigitYear: yy) + yy, month: d[2] * 10 + d[3], day: d[4] * 10 + d[5])
    }
}
