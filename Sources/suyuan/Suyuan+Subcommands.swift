import ArgumentParser

extension Suyuan {
    /// Every top-level subcommand, in the order `suyuan --help` lists them.
    static let subcommandList: [any ParsableCommand.Type] = [
        IDCommand.self,
        EPCISCommand.self,
        VerifyProofCommand.self,
        CaptureCommand.self,
        QueryCommand.self,
        RebuildCommand.self,
        MigrateCommand.self,
        BenchCommand.self,
    ]
}
