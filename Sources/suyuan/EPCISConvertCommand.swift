import ArgumentParser
import EPCIS
import Foundation
import Identifiers

/// `suyuan epcis convert FILE --to json|xml [--epc-format urn|dl]`: writes a document in the other syntax, and
/// its identifiers as EPC URNs, GS1 Digital Links, or as captured.
struct EPCISConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert an EPCIS document between JSON-LD and XML, and its identifiers between EPC URN and Digital Link.",
        discussion: "Reads EPCIS 2.0 JSON-LD, EPCIS 2.0 XML or EPCIS 1.2 XML (told apart by the content) and writes "
            + "EPCIS 2.0. A document that cannot be read exits with status 1 and every problem on standard error. "
            + "A Digital Link becomes an EPC URN only when the GS1 Company Prefix length is known: give "
            + "--gcp-length or --gcp-table, or it stays as captured."
    )

    enum Syntax: String, ExpressibleByArgument, CaseIterable {
        case json, xml
    }

    enum IdentifierForm: String, ExpressibleByArgument, CaseIterable {
        case urn, dl, captured

        var epcFormat: EPCFormat {
            switch self {
            case .urn: .urn
            case .dl: .digitalLink
            case .captured: .asCaptured
            }
        }
    }

    @Argument(help: "The EPCIS document, or - for standard input.")
    var file: String

    @Option(name: .customLong("to"), help: "The syntax to write: json or xml.")
    var syntax: Syntax

    @Option(name: .customLong("epc-format"), help: "Identifiers as EPC URNs (urn), Digital Links (dl), or as captured.")
    var identifierForm: IdentifierForm = .captured

    @Option(name: .customLong("gcp-length"), help: "GS1 Company Prefix length, to write Digital Links as EPC URNs.")
    var gcpLength: Int?

    @Option(name: .customLong("gcp-table"), help: "File of 'prefix,length' lines, to write Digital Links as EPC URNs.")
    var gcpTable: String?

    @Flag(help: "Write on as few lines as possible.")
    var compact = false

    func run() throws {
        let prefixLengths: (any CompanyPrefixLengthSource)?
        do {
            prefixLengths = try PrefixLengthOptions.source(length: gcpLength, tablePath: gcpTable)
        } catch let error as IdentifierError {
            throw ValidationError(error.message)
        }
        let document = try DocumentInput.read(file)
        let output: Data
        switch syntax {
        case .json:
            output = JSONDocumentEncoder(
                epcFormat: identifierForm.epcFormat, prettyPrinted: !compact, prefixLengths: prefixLengths
            ).encode(document)
        case .xml:
            output = XMLDocumentEncoder(
                options: .init(
                    epcFormat: identifierForm.epcFormat, prettyPrinted: !compact, prefixLengths: prefixLengths)
            ).encode(document)
        }
        FileHandle.standardOutput.write(output)
        if output.last != UInt8(ascii: "\n") { FileHandle.standardOutput.write(Data("\n".utf8)) }
    }
}
