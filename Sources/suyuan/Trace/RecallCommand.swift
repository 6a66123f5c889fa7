import ArgumentParser
import Foundation
import Server
import Storage
import StorageSQLite
import TraceEngine

/// `suyuan recall ID --reason TEXT` (records a recall), and `recall list`, `recall show ID`, `recall ack ID`.
struct RecallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recall",
        abstract: "Recall an identifier and record it; list, show and acknowledge recorded recalls.",
        discussion: """
            `suyuan recall ID --reason TEXT` traces the identifier forward, records the recall (every identifier \
            reached, and per holder the quantity to withdraw) and prints it with its ID. Holders then acknowledge \
            it with `suyuan recall ack RECALL-ID --party PARTY --by NAME`.
            """,
        subcommands: [Issue.self, List.self, Show.self, Ack.self],
        defaultSubcommand: Issue.self
    )

    /// Records a new recall.
    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "issue",
            abstract: "Trace an identifier forward, record the recall and print it with its ID (the default).")

        @OptionGroup var options: TraceOptions

        @Option(help: "Why (e.g. 'melamine above limit').")
        var reason: String

        @Option(help: "Who starts the recall (a person, an authority, a PGLN); default: your login name.")
        var by: String?

        func run() async throws {
            guard let initiator = by ?? Self.userName else {
                throw ValidationError("--by: say who starts the recall (no login name to default to)")
            }
            let key = try TraceKey.resolve(options.id)
            try await options.storeOption.withStore { store in
                let (record, recall) = try await RecallOutput.storing {
                    try await RecallIssuer.issue(key, reason: reason, by: initiator, in: store, budget: options.budget)
                }
                if options.json {
                    print(TraceOutput.json(recall, id: record.id, initiatedBy: initiator))
                } else {
                    print("RECALL \(record.id) of \(recall.trace.root): \(reason) (by \(initiator))")
                    if recall.trace.truncated { print("WARNING: the trace was cut short by its budget; holders may be missing") }
                    print("WITHDRAW")
                    print(TraceOutput.holderTable(recall.withdrawals).joined(separator: "\n"))
                    print("")
                    print(TraceOutput.table(recall.trace))
                }
            }
        }
    }

    /// Lists recorded recalls.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The recorded recalls, newest first.")

        @Option(help: "The most recalls to list.")
        var limit = 50

        @Flag(help: "Print JSON instead of a table.")
        var json = false

        @OptionGroup var storeOption: StoreOption

        func run() async throws {
            let recalls = try await storeOption.withStore { store in
                try await RecallOutput.storing { try await store.recalls(limit: limit) }
            }
            if json {
                print(TraceOutput.encode(["recalls": recalls.map(RecallOutput.dto)]))
            } else {
                print(RecallOutput.list(recalls))
            }
        }
    }

    /// Shows one recall.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "One recall: what, why, who, when, and each holder's state.")

        @Argument(help: "The recall's ID.")
        var id: String

        @Flag(help: "Print JSON instead of a table.")
        var json = false

        @OptionGroup var storeOption: StoreOption

        func run() async throws {
            let found = try await storeOption.withStore { store in
                try await RecallOutput.storing { try await store.recall(id: id) }
            }
            guard let recall = found else { throw RecallOutput.failure("no recall \(id)") }
            print(json ? TraceOutput.encode(RecallOutput.dto(recall)) : RecallOutput.detail(recall))
        }
    }

    /// Records a holder's acknowledgement.
    struct Ack: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ack", abstract: "Record that a holding party acknowledged the recall (withdrew the goods).")

        @Argument(help: "The recall's ID.")
        var id: String

        @Option(help: "The holding party, in any form `suyuan id describe` accepts (PGLN URN, Digital Link…).")
        var party: String

        @Option(help: "Who acknowledges for the party; default: your login name.")
        var by: String?

        @Option(help: "What the party says (e.g. '12 cases withdrawn').")
        var note: String?

        @Flag(help: "Print JSON instead of a table.")
        var json = false

        @OptionGroup var storeOption: StoreOption

        func run() async throws {
            guard let person = by ?? Self.userName else {
                throw ValidationError("--by: say who acknowledges (no login name to default to)")
            }
            let updated = try await storeOption.withStore { store in
                guard let recall = try await RecallOutput.storing({ try await store.recall(id: id) }) else {
                    throw RecallOutput.failure("no recall \(id)")
                }
                // The party as the recall names it, whatever spelling was typed.
                let wanted = (try? TraceKey.resolve(party)) ?? party
                let parties = Set(recall.holders.compactMap(\.party))
                guard let named = parties.first(where: { $0 == party || ((try? TraceKey.resolve($0)) ?? $0) == wanted }) else {
                    throw RecallOutput.failure(
                        "recall \(id) has no holder \(party); its holders are: \(parties.sorted().joined(separator: ", "))")
                }
                let updated = try await RecallOutput.storing {
                    try await store.acknowledge(recallID: id, party: named, RecallAcknowledgement(by: person, at: Date(), note: note))
                }
                return updated
            }
            print(json ? TraceOutput.encode(RecallOutput.dto(updated)) : RecallOutput.detail(updated))
        }
    }
}

extension ParsableCommand {
    /// The login name, the default of `--by`.
    static var userName: String? {
        let name = ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.userName
        return name.isEmpty ? nil : name
    }
}

/// Renders recorded recalls, and turns store errors into a message and exit 1.
enum RecallOutput {
    static func time(_ date: Date) -> String { TraceJSON.time(date) }

    static func dto(_ recall: RecallRecord) -> TraceJSON.RecallDTO { TraceJSON.dto(recall) }

    static func list(_ recalls: [RecallRecord]) -> String {
        guard !recalls.isEmpty else { return "no recalls recorded" }
        let header = ["ID", "ISSUED", "ROOT", "HOLDERS", "PENDING", "REASON"]
        let rows = recalls.map {
            [$0.id, time($0.issuedAt), $0.root, String($0.holders.count), String($0.pendingCount), $0.reason]
        }
        return table(header, rows)
    }

    static func detail(_ recall: RecallRecord) -> String {
        var lines = [
            "RECALL \(recall.id)",
            "  root:         \(recall.root)",
            "  reason:       \(recall.reason)",
            "  initiated by: \(recall.initiatedBy)",
            "  issued at:    \(time(recall.issuedAt))",
            "  trace:        \(recall.identifiers.count) identifiers, \(recall.parties.count) parties, "
                + "\(recall.eventCount) events, depth \(recall.depth)" + (recall.truncated ? " (TRUNCATED by the budget)" : ""),
            "  holders:      \(recall.holders.count), \(recall.pendingCount) pending",
            "",
        ]
        let rows = recall.holders.map { holder in
            [
                holder.party ?? "?", holder.location, holder.identifier, String(format: "%.3f", holder.quantity), holder.uom,
                holder.acknowledgement.map { "acknowledged by \($0.by) at \(time($0.at))" + ($0.note.map { ": \($0)" } ?? "") }
                    ?? "pending",
            ]
        }
        lines.append(rows.isEmpty ? "  (no holders)" : table(["PARTY", "LOCATION", "IDENTIFIER", "QUANTITY", "UOM", "STATE"], rows))
        return lines.joined(separator: "\n")
    }

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let widths = (0..<header.count).map { column in (rows + [header]).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            let text = "  " + cells.enumerated()
                .map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
            return String(text.reversed().drop { $0 == " " }.reversed())
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }

    /// Prints a message to stderr and returns exit 1.
    static func failure(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
        return ExitCode(1)
    }

    /// Runs a store call; a ``StorageError`` becomes its message on stderr and exit 1.
    static func storing<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as StorageError {
            throw failure(error.message)
        }
    }
}
