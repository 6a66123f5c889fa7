import ArgumentParser
import Foundation
import Identifiers

/// `suyuan id describe TEXT`: says what a scanned or pasted identifier is, as one JSON object.
struct IDDescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Describe a scan, Digital Link, EPC URN, RFID hex or China drug, pesticide or vet drug code.",
        discussion: """
            Prints one JSON object: key, ais, elementString, urn, digitalLink (and scheme/filter for RFID input).
            Fields that cannot be derived are left out. Bad input: exit status 2 and one line on stderr.
            """
    )

    @Argument(help: "The text to describe (quote it; raw scans may hold ASCII 29 group separators).")
    var text: String

    @Option(name: .customLong("gcp-length"), help: "GS1 Company Prefix length (6-12), to derive EPC URNs from keys.")
    var gcpLength: Int?

    @Option(name: .customLong("gcp-table"), help: "File of 'prefix,length' lines, to derive EPC URNs from keys.")
    var gcpTable: String?

    @Option(help: "Domain for the Digital Link.")
    var domain: String = "https://id.gs1.org"

    func run() throws {
        do {
            let source = try PrefixLengthOptions.source(length: gcpLength, tablePath: gcpTable)
            let description = try IdentifierDescription.read(text, prefixLengths: source)
            print(DescriptionJSON.render(description, domain: domain, prefixLengths: source))
        } catch let error as IdentifierError {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode(2)
        }
    }
}

/// Company prefix length options shared by `id` subcommands.
enum PrefixLengthOptions {
    static func source(length: Int?, tablePath: String?) throws -> (any CompanyPrefixLengthSource)? {
        if let length {
            guard (6...12).contains(length) else {
                throw IdentifierError(.companyPrefix, "--gcp-length \(length): a GS1 Company Prefix has 6 to 12 digits")
            }
            return FixedCompanyPrefixLength(length)
        }
        if let tablePath {
            guard let text = try? String(contentsOfFile: tablePath, encoding: .utf8) else {
                throw IdentifierError(.syntax, "--gcp-table \(tablePath): cannot read the file")
            }
            return try CompanyPrefixLengthTable(parsing: text)
        }
        return nil
    }
}
