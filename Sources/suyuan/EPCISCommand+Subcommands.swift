import ArgumentParser

extension EPCISCommand {
    /// The `epcis` subcommands.
    static let subcommandList: [any ParsableCommand.Type] = [
        EPCISHashCommand.self,
    ]
}
