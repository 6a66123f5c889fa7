/// A whole-number query parameter in a range (`?count=`, `?page=`, `?offset=`, `?limit=`).
enum QueryNumber {
    /// The parameter's value, the default when it is absent (nil); an empty value is not a number (a form that
    /// leaves a field empty passes nil for it).
    /// - Throws: ``Problem`` 400 naming the parameter and its range.
    static func read(_ text: String?, name: String, default fallback: Int, range: ClosedRange<Int>) throws(Problem)
        -> Int
    {
        guard let text else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw Problem.badParameter(
                "\(name): \(text) is not a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }
}
