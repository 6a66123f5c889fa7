/// GS1 element strings: the AI data a GS1 barcode carries (GS1 General Specifications §7.8), read from raw scanner
/// output (symbology identifier, FNC1 as ASCII 29) or from the bracketed human-readable form.
public struct ElementString: Hashable, Sendable, CustomStringConvertible {
    /// The group separator (ASCII 29) that stands for FNC1 in scanner output.
    public static let groupSeparator: Character = "\u{1D}"

    /// The elements in the order they were read.
    public var elements: [AIElement]
    /// The symbology identifier that preceded the data (e.g. `]d2` Data Matrix, `]C1` GS1-128, `]Q3` QR Code,
    /// `]e0` DataBar), if any.
    public var symbologyIdentifier: String?

    /// Creates an element string from elements, checking each one.
    /// - Parameter elements: The elements.
    /// - Throws: ``IdentifierError`` when an AI is unknown or a value breaks its AI's rules.
    public init(elements: [AIElement]) throws(IdentifierError) {
        for element in elements { try Self.validate(element) }
        self.elements = elements
        self.symbologyIdentifier = nil
    }

    /// Parses raw scan data (`]d2010950600013435217201225…` with ASCII 29 separators, also the `\u{1D}`
    /// written as `<GS>` or `{GS}`) or the bracketed form `(01)09506000134352(17)201225(10)ABC`.
    /// - Parameter text: The text.
    /// - Throws: ``IdentifierError`` naming the AI and rule that fail.
    public init(parsing text: String) throws(IdentifierError) {
        var body = Substring(Self.replacingTextualSeparators(in: text).trimmingASCIIWhitespace())
        guard !body.isEmpty else { throw IdentifierError(.empty, "element string: the input is empty") }
        var symbology: String?
        if body.first == "]", body.count >= 3 {
            symbology = String(body.prefix(3))
            body = body.dropFirst(3)
        }
        if body.first == "(" {
            elements = try Self.parseBracketedUTF8(Array(body.utf8))
        } else {
            elements = try Self.parseRawUTF8(Array(body.utf8))
        }
        symbologyIdentifier = symbology
    }

    /// Spellings of FNC1/GS that people paste when they cannot type ASCII 29: `<GS>`, `{GS}`, `\x1D`, `␝`.
    static let textualSeparators = ["<GS>", "{GS}", "\\x1D", "\\x1d", "\u{241D}"]

    static func replacingTextualSeparators(in text: String) -> String {
        // A byte scan first: substring search through the string-processing library is slow on the hot path.
        let markers: Set<UInt8> = [UInt8(ascii: "<"), UInt8(ascii: "{"), UInt8(ascii: "\\"), 0xE2]
        guard text.utf8.contains(where: markers.contains) else { return text }
        guard textualSeparators.contains(where: { text.contains($0) }) else { return text }
        var out = text
        for spelling in textualSeparators {
            while let range = out.firstRange(of: spelling) {
                out.replaceSubrange(range, with: String(groupSeparator))
            }
        }
        return out
    }

    /// The bracketed human-readable form, e.g. `(01)09506000134352(21)123`.
    public var bracketed: String { elements.map(\.description).joined() }

    /// The data as a barcode encodes it (without symbology identifier): AIs of predefined length are followed
    /// directly by the next AI, others by a group separator (ASCII 29), none at the end.
    public var barcodeData: String {
        var out = ""
        for (index, element) in elements.enumerated() {
            out += element.ai + element.value
            let predefined = AIDictionary.definition(for: element.ai)?.isPredefinedLength ?? false
            if !predefined && index < elements.count - 1 { out.append(Self.groupSeparator) }
        }
        return out
    }

    /// The bracketed form.
    public var description: String { bracketed }

    /// The value of the first element with `ai`.
    /// - Parameter ai: An AI such as `17`.
    /// - Returns: The value, or nil.
    public func value(of ai: String) -> String? { elements.first { $0.ai == ai }?.value }

    static func validate(_ element: AIElement) throws(IdentifierError) {
        guard let definition = AIDictionary.definition(for: element.ai) else {
            throw IdentifierError(.unknownAI, "AI \(element.ai) is not a known GS1 Application Identifier")
        }
        try definition.validate(element.value)
    }
}

extension String {
    func trimmingASCIIWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return self[start...end]
    }
}
