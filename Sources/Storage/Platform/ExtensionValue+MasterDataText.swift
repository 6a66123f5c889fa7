public import EPCIS

extension ExtensionValue {
    /// The value as the SQL stores keep a master data attribute: text and numbers as written, booleans as
    /// `true`/`false`, lists and structures as their texts joined by spaces.
    public var masterDataText: String {
        switch self {
        case .string(let text), .number(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .null: ""
        case .array(let items): items.map(\.masterDataText).joined(separator: " ")
        case .object(let elements): elements.map(\.value.masterDataText).joined(separator: " ")
        }
    }
}
