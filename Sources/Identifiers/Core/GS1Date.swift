/// GS1 six-digit dates (GS1 General Specifications §7.12).
public enum GS1Date {
    /// The century of a YY year, by the GS1 sliding window relative to `currentYear`:
    /// a difference of 51...99 years ahead means the previous century, −99...−50 the next one.
    /// - Parameters:
    ///   - yy: The two-digit year.
    ///   - currentYear: The current four-digit year (default 2026, fixed so that results are deterministic).
    /// - Returns: The century, e.g. 2000.
    public static func century(forTwoDigitYear yy: Int, currentYear: Int = 2026) -> Int {
        let currentCentury = currentYear / 100 * 100
        let difference = yy - currentYear % 100
        if difference >= 51 { return currentCentury - 100 }
        if difference <= -50 { return currentCentury + 100 }
        return currentCentury
    }

    /// Days in a month of a year (Gregorian).
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
