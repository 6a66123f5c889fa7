import ArgumentParser

/// `suyuan bench`: in-process benchmarks that print throughput figures.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run in-process benchmarks and print throughput figures.",
        subcommands: [
            BenchIdentifiers.self, BenchEPCIS.self, BenchEPCISJSON.self, BenchEPCISXML.self, BenchLedger.self,
            BenchCapture.self,
        ]
    )
}
