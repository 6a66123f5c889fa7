import EPCIS
import Identifiers
import Foundation

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
            let description = try IdentifierDescription.read(trimmed, prefixLengths: nil)
            if let link = description.digitalLink() {
                // The key is the identity without data attributes (`?17=…`), as the stores index it.
                return IdentifierURI(String(link.prefix { $0 != "?" })).canonicalKey
            }
        } catch {
            guard trimmed.contains(":") else { throw Problem.badParameter("\(trimmed): \(error)") }
        }
        guard trimmed.contains(":") else {
            throw Problem.badParameter("\(trimmed): not an identifier (EPC URN, Digital Link, element string…)")
        }
        return IdentifierURI(trimmed).canonicalKey
    }
}
