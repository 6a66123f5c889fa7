import ArgumentParser
import Foundation
import Identifiers

/// `suyuan id encode URN --scheme sgtin-96 [--filter N]`: prints the RFID tag hex.
struct IDEncodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encode",
        abstract: "Encode an EPC URN (or a Digital Link with --gcp-length) as RFID EPC binary hex."
    )

    @Argument(help: "An EPC pure identity URN, e.g. urn:epc:id:sgtin:0614141.812345.6789.")
    var urn: String

    @Option(help: "Binary scheme: \(EPCBinaryScheme.allCases.map(\.rawValue).joined(separator: ", ")).")
    var scheme: String

    @Option(help: "Filter value 0-7.")
    var filter: Int = 0

    @Option(name: .customLong("gcp-length"), help: "GS1 Company Prefix length, when the input is a Digital Link.")
    var gcpLength: Int?

    func run() throws {
        do {
            guard let binaryScheme = EPCBinaryScheme(rawValue: scheme.lowercased()) else {
                throw IdentifierError(
                    .unknownScheme,
                    "--scheme \(scheme): not one of \(EPCBinaryScheme.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let source = try PrefixLengthOptions.source(length: gcpLength, tablePath: nil)
            guard let epc = try EPCIdentifier.parse(urn, prefixLengths: source) else {
                throw IdentifierError(.syntax, "\(urn): not an EPC URN or GS1 Digital Link")
            }
            print(try EPCTag(epc: epc, scheme: binaryScheme, filter: filter).hex())
        } catch let error as IdentifierError {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode(2)
        }
    }
}
