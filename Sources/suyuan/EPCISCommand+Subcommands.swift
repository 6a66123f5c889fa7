import ArgumentParser

extension EPCISCommand {
    /// The `epcis` subcommands.
    static let subcommandList: [any ParsableCommand.Type] = [
        EPCISJSONCommand.self,
        EPCISXMLCommand.self,
        EPCISHashCommand.self,
        EPCISValidateCommand.self,
    ]
}
