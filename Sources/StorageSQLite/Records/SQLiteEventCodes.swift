/// The small closed sets of the event tables, stored as integers (one byte on disk instead of a word):
/// `event_identifier.role` and `event_party.direction`. The numbers are part of the schema and never change.
enum SQLiteEventCodes {
    /// Identifier roles, numbered from 1 in this order.
    static let roles = [
        "epc", "parent", "child", "input", "output", "quantity", "child_quantity", "input_quantity", "output_quantity",
    ]

    /// The number of a role (0 for a name that is not one, which no row holds).
    static func role(_ name: String) -> Int64 {
        roles.firstIndex(of: name).map { Int64($0 + 1) } ?? 0
    }

    /// The numbers of some roles.
    static func roles(_ names: [String]) -> [Int64] { names.map(role) }

    /// The name of a role number.
    static func roleName(_ code: Int64) -> String {
        code >= 1 && code <= Int64(roles.count) ? roles[Int(code - 1)] : ""
    }

    /// `source` is 1, `destination` 2.
    static func direction(_ name: String) -> Int64 { name == "source" ? 1 : 2 }

    /// The name of a direction number.
    static func directionName(_ code: Int64) -> String { code == 1 ? "source" : "destination" }
}
