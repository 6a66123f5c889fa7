public import EPCIS

extension ExtensionValue {
    /// The value as the SQL stores keep a master data attribute: text and numbers as written, booleans as
    /// `true`/`false`, lists and structures as their texts joined by spaces; a language-tagged string as its text
    /// (its language is kept beside it, see ``masterDataLanguage``), so that `EQ_ATTR_` compares the text alone.
    public var masterDataText: String {
        if let tagged = languageTaggedText { return tagged.text }
        return switch self {
        case .string(let text), .number(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .null: ""
        case .array(let items): items.map(\.masterDataText).joined(separator: " ")
        case .object(let elements): elements.map(\.value.masterDataText).joined(separator: " ")
        }
    }

    /// The language of a language-tagged master data value (``EPCIS/ExtensionValue/languageTaggedText``), which the
    /// stores keep beside its text; nil for any other value.
    public var masterDataLanguage: String? { languageTaggedText?.language }

    /// A master data value as the stores give it back: its text, tagged with its language when it had one.
    /// - Parameters:
    ///   - text: the stored text.
    ///   - language: the stored language, if any.
    /// - Returns: `.string(text)`, or a language-tagged string.
    public static func masterData(_ text: String, language: String?) -> ExtensionValue {
        guard let language, !language.isEmpty else { return .string(text) }
        return .languageTagged(text, language: language)
    }
}
