import ArgumentParser

/// `suyuan id`: read, translate and encode GS1 identifiers.
struct IDCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "id",
        abstract: "Read, translate and encode GS1 identifiers, EPC URNs, RFID tags and China drug codes.",
        subcommands: [IDDescribeCommand.self, IDEncodeCommand.self]
    )
}
