import ArgumentParser

extension EPCISCommand {
    /// The `epcis` subcommands.
    static let subcommandList: [any ParsableCommand.Type] = [
        EPCISValidateCommand.self,
        EPCISHashCommand.self,
        EPCISConvertCommand.self,
    ]
}
