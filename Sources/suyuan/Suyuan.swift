import ArgumentParser

/// The `suyuan` command: one binary for every part of the platform.
@main
struct Suyuan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suyuan",
        abstract: "Suyuan: an open traceability platform for key commodities (GS1, EPCIS 2.0, CBV 2.0).",
        version: "0.1.0",
        subcommands: Suyuan.subcommandList
    )
}
