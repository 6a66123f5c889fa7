import ArgumentParser

extension Suyuan {
    /// Every top-level subcommand, in the order `suyuan --help` lists them.
    static let subcommandList: [any ParsableCommand.Type] = [
        EPCISCommand.self,
        IDCommand.self,
        BenchCommand.self,
        VerifyProofCommand.self,
    ]
}
