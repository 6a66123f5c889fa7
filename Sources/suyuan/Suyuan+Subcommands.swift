import ArgumentParser

extension Suyuan {
    /// Every top-level subcommand, in the order `suyuan --help` lists them.
    static let subcommandList: [any ParsableCommand.Type] = [
        IDCommand.self,
        EPCISCommand.self,
        CaptureCommand.self,
        ImportCommand.self,
        ExportCommand.self,
        QueryCommand.self,
        TraceCommand.self,
        RecallCommand.self,
        ReconcileCommand.self,
        DemoCommand.self,
        RebuildCommand.self,
        MigrateCommand.self,
        VerifyCommand.self,
        ProofCommand.self,
        VerifyProofCommand.self,
        ServeCommand.self,
        KeyCommand.self,
        PortalCommand.self,
        BenchCommand.self,
    ]
}
