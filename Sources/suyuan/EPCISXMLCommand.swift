import ArgumentParser
import EPCIS
import Foundation

/// `suyuan epcis xml FILE|-`: reads an EPCIS document (XML 2.0 or 1.2, or JSON-LD) and writes it as EPCIS 2.0 XML,
/// or, with `--check`, only lists every problem with its line.
struct EPCISXMLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xml",
        abstract: "Read an EPCIS document (XML 2.0/1.2 or JSON-LD) and write it as EPCIS 2.0 XML."
    )

    @Argument(help: "The document to read, or - for standard input.")
    var file: String

    @Flag(help: "Only check the document: print every problem, one per line, and write nothing else.")
    var check = false

    @Option(help: "Identifier form: No_Preference, Always_EPC_URN or Always_GS1_Digital_Link.")
    var epcFormat: String = EPCFormat.asCaptured.rawValue

    @Flag(help: "Write the XML on one line.")
    var compact = false

    func run() throws {
        guard let format = EPCFormat(rawValue: epcFormat) else {
            throw ValidationError("unknown --epc-format '\(epcFormat)'")
        }
        let data = file == "-"
            ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
        let isJSON = data.first { !" \t\r\n".utf8.contains($0) } == UInt8(ascii: "{")
        let document: EPCISDocument
        do {
            document = isJSON ? try JSONDocumentDecoder().decode(data) : try XMLDocumentDecoder().decode(data)
        } catch {
            FileHandle.standardError.write(Data("\(error.code): \(error.diagnostics.count) problem(s)\n\(error)\n".utf8))
            throw ExitCode(1)
        }
        if check {
            print("ok: \(document.events.count) event(s)")
            return
        }
        let options = XMLDocumentEncoder.Options(epcFormat: format, prettyPrinted: !compact)
        FileHandle.standardOutput.write(XMLDocumentEncoder(options: options).encode(document))
    }
}
