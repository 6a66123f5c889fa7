import ArgumentParser
import EPCIS
import Foundation

/// `suyuan epcis validate FILE`: decodes an EPCIS document (JSON-LD or XML) and checks it against the schema
/// rules (the decoders) and the semantic rules (``EPCISValidator``).
struct EPCISValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check an EPCIS 2.0 document (JSON-LD or XML); print every problem, one per line.",
        discussion: """
            Exits 0 and prints "valid: N events" when the document has no error (warnings go to stderr).
            Otherwise exits 1 and prints every problem as "location: message", in document order, where the
            location is a JSON pointer (JSON) or "line N" and the element path (XML).
            """
    )

    @Argument(help: "The EPCIS document to check (.json, .jsonld or .xml; the format is read from the content).")
    var file: String

    @Flag(name: .long, help: "Print the problems as a JSON array of {severity, location, message}.")
    var json = false

    @Option(name: .long, help: "Seconds an eventTime may lie in the future before it is refused.")
    var futureTolerance: Double = 600

    func run() throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            FileHandle.standardError.write(Data("\(file): cannot read the file: \(error.localizedDescription)\n".utf8))
            throw ExitCode(1)
        }
        let outcome = EPCISValidator(futureTolerance: futureTolerance).check(data)
        if outcome.accepted {
            if json {
                print(try Self.jsonText(outcome.diagnostics))
            } else {
                for warning in outcome.diagnostics {
                    FileHandle.standardError.write(Data("\(Self.line(warning))\n".utf8))
                }
                print("valid: \(outcome.eventCount) events")
            }
            return
        }
        if json {
            print(try Self.jsonText(outcome.diagnostics))
        } else {
            for diagnostic in outcome.diagnostics {
                print(Self.line(diagnostic))
            }
        }
        throw ExitCode(1)
    }

    /// `location: message`, with `warning: ` before the message of a warning.
    static func line(_ diagnostic: Diagnostic) -> String {
        diagnostic.severity == .warning
            ? "\(diagnostic.location): warning: \(diagnostic.message)" : diagnostic.description
    }

    static func jsonText(_ diagnostics: [Diagnostic]) throws -> String {
        struct Entry: Encodable {
            var severity: String
            var location: String
            var message: String
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let entries = diagnostics.map {
            Entry(severity: $0.severity.rawValue, location: $0.location, message: $0.message)
        }
        return String(decoding: try encoder.encode(entries), as: UTF8.self)
    }
}
