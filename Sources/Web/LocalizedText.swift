public import EPCIS
import Foundation

/// A text that master data may give in several languages (the same attribute repeated with `@language` or
/// `xml:lang`), shown in the reader's language when it is there.
public struct LocalizedText: Hashable, Sendable {
    /// One variant: its language tag (nil when the value had none) and its text.
    public struct Variant: Hashable, Sendable {
        public var language: String?
        public var text: String
    }

    /// The variants in the order the data gave them.
    public private(set) var variants: [Variant] = []

    /// No text.
    public init() {}

    /// A text in no particular language.
    /// - Parameter text: the text.
    public init(_ text: String) { add(text, language: nil) }

    /// The texts of master data values (language-tagged or plain); empty values are left out.
    /// - Parameter values: the values of one attribute.
    public init(values: [ExtensionValue]) {
        for value in values {
            if let tagged = value.languageTaggedText {
                add(tagged.text, language: tagged.language)
            } else if case .string(let text) = value {
                add(text, language: nil)
            } else if case .number(let text) = value {
                add(text, language: nil)
            }
        }
    }

    /// Adds a variant (ignored when the text is empty).
    public mutating func add(_ text: String, language: String?) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return }
        variants.append(Variant(language: language, text: trimmed))
    }

    /// Whether there is no text at all.
    public var isEmpty: Bool { variants.isEmpty }

    /// The text for a reader: the variant in their language, else one in no language, else the first.
    /// - Parameter language: the reader's language.
    /// - Returns: the text, nil when there is none.
    public func text(in language: PageLanguage) -> String? {
        variants.first { $0.language.map(language.matches) == true }?.text
            ?? variants.first { $0.language == nil }?.text
            ?? variants.first?.text
    }
}
