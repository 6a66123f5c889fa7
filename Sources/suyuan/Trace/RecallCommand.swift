import ArgumentParser
import Foundation
import TraceEngine

/// `suyuan recall ID --reason TEXT`: the forward trace and, for each holder, what to withdraw.
struct RecallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recall",
        abstract: "Recall an identifier: every holder of everything made from it, with the quantities to withdraw.",
        discussion: "Prints the recall; storing it as a recall record is not part of this version."
    )

    @OptionGroup var options: TraceOptions

    @Option(help: "Why (e.g. 'melamine above limit').")
    var reason: String

    func run() async throws {
        try await options.withEngine { engine, key in
            report(try await engine.recall(key, reason: reason, budget: options.budget))
        }
    }

    private func report(_ recall: RecallResult) {
        if options.json {
            print(TraceOutput.json(recall))
        } else {
            print("RECALL of \(recall.trace.root): \(reason)")
            print("WITHDRAW")
            print(TraceOutput.holderTable(recall.withdrawals).joined(separator: "\n"))
            print("")
            print(TraceOutput.table(recall.trace))
        }
    }
}
