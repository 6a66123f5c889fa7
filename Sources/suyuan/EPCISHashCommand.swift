import ArgumentParser
import EPCIS
import Foundation

/// `suyuan epcis hash FILE`: the GS1 event hash ID of every event, one per line, in document order.
struct EPCISHashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash",
        abstract: "Print the GS1 event hash ID (CBV 2.0 section 8.9) of every event, one per line, in document order.",
        discussion: "JSON-LD or XML, told apart by the content. A document that cannot be read exits with status 1 "
            + "and every problem on standard error, one per line."
    )

    @Argument(help: "The EPCIS document, or - for standard input.")
    var file: String

    @Flag(name: .long, help: "Also print each event's canonical pre-hash string, on the line after its hash.")
    var prehash = false

    func run() throws {
        let data: Data
        do {
            data = file == "-"
                ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            FileHandle.standardError.write(Data("\(file): cannot read: \(error.localizedDescription)\n".utf8))
            throw ExitCode(1)
        }
        let reader = EPCISDocumentReader()
        let document: EPCISDocument
        let format = EPCISDocumentReader.format(of: data)
        do {
            document = try reader.read(data)
        } catch {
            let lines = error.diagnostics.map { "\($0.severity.rawValue): \($0.description)\n" }.joined()
            FileHandle.standardError.write(Data(lines.utf8))
            throw ExitCode(1)
        }
        let hasher = EventHasher(for: document, format: format)
        var out = ""
        for event in document.events {
            let preHash = hasher.preHashString(for: event)
            out += hasher.hashID(ofPreHashString: preHash) + "\n"
            if prehash { out += preHash + "\n" }
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
