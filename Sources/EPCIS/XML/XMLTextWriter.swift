/// Writes XML text: elements, escaped text and attributes, optionally indented.
struct XMLTextWriter {
    private(set) var text = ""
    let prettyPrinted: Bool
    private var depth = 0

    init(prettyPrinted: Bool, depth: Int = 0) {
        self.prettyPrinted = prettyPrinted
        self.depth = depth
    }

    private mutating func indent() {
        guard prettyPrinted else { return }
        if !text.isEmpty { text += "\n" }
        text += String(repeating: "  ", count: depth)
    }

    private static func attributeText(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(escape($0.1, inAttribute: true))\"" }.joined()
    }

    /// `<name attributes>`, then what follows is inside it.
    mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        indent()
        text += "<\(name)\(Self.attributeText(attributes))>"
        depth += 1
    }

    /// `</name>`.
    mutating func close(_ name: String) {
        depth -= 1
        indent()
        text += "</\(name)>"
    }

    /// `<name attributes>text</name>`, or `<name attributes/>` when the text is empty.
    mutating func leaf(_ name: String, _ value: String, _ attributes: [(String, String)] = []) {
        indent()
        if value.isEmpty {
            text += "<\(name)\(Self.attributeText(attributes))/>"
        } else {
            text += "<\(name)\(Self.attributeText(attributes))>\(Self.escape(value, inAttribute: false))</\(name)>"
        }
    }

    /// Text inside the element that is open (mixed content).
    mutating func characters(_ value: String) {
        text += Self.escape(value, inAttribute: false)
    }

    /// Appends text that is already XML.
    mutating func raw(_ xml: String) {
        text += xml
    }

    static func escape(_ value: String, inAttribute: Bool) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for character in value.unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where inAttribute: result += "&quot;"
            case "\n" where inAttribute: result += "&#10;"
            case "\r": result += "&#13;"
            case "\t" where inAttribute: result += "&#9;"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }
}
