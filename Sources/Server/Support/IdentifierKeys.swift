import EPCIS
import Foundation
public import Identifiers

/// Turns any identifier a person or a scanner gives (EPC URN, Digital Link, element string, raw scan, RFID hex) into
/// the canonical key the stores index by (``EPCIS/IdentifierURI/canonicalKey``: a GS1 Digital Link for GS1 keys).
public enum IdentifierKeys {
    /// The canonical key of an identifier in any form; the text itself when it is no identifier at all.
    /// - Parameter text: what was given.
    /// - Returns: the canonical key.
    public static func canonical(_ text: String) -> String {
        (try? resolve(text)) ?? text
    }

    /// The canonical key of an identifier in any form.
    /// - Parameter text: what was given.
    /// - Returns: the canonical key.
    /// - Throws: ``Problem`` (400) naming why the text is not an identifier.
    public static func resolve(_ text: String) throws(Problem) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            if let key = key(of: try IdentifierDescription.read(trimmed, prefixLengths: nil)) { return key }
        } catch {
            guard trimmed.contains(":") else { throw Problem.badParameter("\(trimmed): \(error)") }
        }
        guard trimmed.contains(":") else {
            throw Problem.badParameter("\(trimmed): not an identifier (EPC URN, Digital Link, element string…)")
        }
        return IdentifierURI(trimmed).canonicalKey
    }

    /// The canonical key of an identifier already read, nil when it has no Digital Link form.
    /// - Parameter description: the identifier as `IdentifierDescription.read` gave it.
    /// - Returns: the identity without data attributes (`?17=…`), as the stores index it.
    public static func key(of description: IdentifierDescription) -> String? {
        description.digitalLink().map { IdentifierURI(String($0.prefix { $0 != "?" })).canonicalKey }
    }
}
