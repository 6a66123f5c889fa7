import ArgumentParser

/// `suyuan epcis …`: read, check, hash and convert EPCIS 2.0 documents.
struct EPCISCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "epcis",
        abstract: "Read, validate, hash and convert EPCIS 2.0 documents (JSON-LD or XML).",
        subcommands: EPCISCommand.subcommandList
    )
}
