/// The GS1 modulo-10 check digit (GS1 General Specifications §7.9.1).
public enum GS1CheckDigit {
    /// The check digit for `digits` (the digits before the check digit), or nil when `digits` holds a non-digit.
    /// - Parameter digits: The key digits without their check digit.
    /// - Returns: The check digit, 0...9.
    public static func compute(_ digits: some StringProtocol) -> Int? {
        var sum = 0
        var weight = 3
        for scalar in digits.unicodeScalars.reversed() {
            guard let d = scalar.digitValue else { return nil }
            sum += d * weight
            weight = weight == 3 ? 1 : 3
        }
        return (10 - sum % 10) % 10
    }

    /// Whether the last digit of `digits` is the check digit of the ones before it.
    /// - Parameter digits: A whole GS1 key, check digit last.
    /// - Returns: `true` when the check digit is right.
    public static func isValid(_ digits: some StringProtocol) -> Bool {
        guard let last = digits.unicodeScalars.last?.digitValue, digits.count > 1 else { return false }
        return compute(digits.dropLast()) == last
    }

    /// Throws when the check digit at position `length - 1` of `key` is wrong.
    static func verify(_ key: some StringProtocol, name: String) throws(IdentifierError) {
        guard let last = key.unicodeScalars.last?.digitValue, let expected = compute(key.dropLast()) else {
            throw IdentifierError(.characterSet, "\(name) \(key): only digits are allowed")
        }
        if last != expected {
            throw IdentifierError(.checkDigit, "\(name) \(key): check digit should be \(expected)")
        }
    }
}

extension Unicode.Scalar {
    /// 0...9 for an ASCII digit, else nil.
    var digitValue: Int? {
        value >= 48 && value <= 57 ? Int(value - 48) : nil
    }
}

extension StringProtocol {
    /// Whether every character is an ASCII digit (and there is at least one).
    var isAllDigits: Bool {
        !isEmpty && unicodeScalars.allSatisfy { $0.value >= 48 && $0.value <= 57 }
    }
}
