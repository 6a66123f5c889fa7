import ArgumentParser
import EPCIS
import Exchange
import Foundation
import Storage

/// `suyuan import FILE --as KIND` and `suyuan import template KIND`: spreadsheets in.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a CSV or XLSX spreadsheet of records as EPCIS 2.0 events, or write a template.",
        subcommands: [ImportFileCommand.self, ImportTemplateCommand.self],
        defaultSubcommand: ImportFileCommand.self
    )
}

/// Arguments naming the Exchange module's kinds and formats (its public types cannot conform to ArgumentParser's
/// protocols here without importing ArgumentParser publicly, so each option reads its text with these).
enum ExchangeArguments {
    static func importKind(_ text: String) throws -> ImportKind {
        guard let kind = ImportKind(name: text) else {
            throw ValidationError(
                "\(text) is not a kind of record: " + ImportKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return kind
    }

    static func exportKind(_ text: String) throws -> ExportKind {
        guard let kind = ExportKind(rawValue: text.lowercased()) else {
            throw ValidationError(
                "\(text) is not an export: " + ExportKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return kind
    }

    static func format(_ text: String) throws -> SheetTable.Format {
        guard let format = SheetTable.Format(rawValue: text.lowercased()) else {
            throw ValidationError("\(text) is not a format: csv or xlsx")
        }
        return format
    }
}

/// `suyuan import FILE --as KIND`.
struct ImportFileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "file",
        abstract: "Import a CSV or XLSX file (the format is read from its content).",
        discussion: """
            Every row is checked first: a file with any bad row stores nothing and prints every problem as \
            'row N, column C: rule' (exit 1). Event IDs derive from the rows, so a file sent again stores nothing \
            new. Kinds: harvest, shipping, receiving, transformation, treatment, inspection, sale.
            """
    )

    @Argument(help: "The spreadsheet (.csv or .xlsx).")
    var file: String

    @Option(name: .customLong("as"), help: "The kind of record each row is.", transform: ExchangeArguments.importKind)
    var kind: ImportKind

    @OptionGroup var storeOption: StoreOption

    func run() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            FileHandle.standardError.write(Data("\(file): cannot read the file: \(error.localizedDescription)\n".utf8))
            throw ExitCode(1)
        }
        let result: ImportResult
        do {
            result = try SpreadsheetImporter(kind: kind).read(data)
        } catch {
            FileHandle.standardError.write(Data("\(file): \(error)\n".utf8))
            throw ExitCode(1)
        }
        let terminal = isatty(STDERR_FILENO) == 1
        try await storeOption.withStore { store in
            do {
                let receipt = try await result.capture(into: store) { done, total in
                    guard terminal, total > 5_000 else { return }
                    FileHandle.standardError.write(Data("\rstoring \(done)/\(total) events".utf8))
                }
                if terminal && result.document.events.count > 5_000 { FileHandle.standardError.write(Data("\n".utf8)) }
                let elapsed = (clock.now - start).formatted(.units(allowed: [.milliseconds]))
                print(
                    "\(file): \(receipt.rows) rows (\(kind.rawValue)) → \(receipt.events) events: \(receipt.stored) "
                        + "stored, \(receipt.alreadyStored) already stored, in \(elapsed) into \(storeOption.name)")
            } catch {
                FileHandle.standardError.write(Data("\(file): \(error)\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}

/// `suyuan import template KIND`.
struct ImportTemplateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Write the spreadsheet template of a kind of record, with an example row."
    )

    @Argument(
        help: "harvest, shipping, receiving, transformation, treatment, inspection or sale.",
        transform: ExchangeArguments.importKind)
    var kind: ImportKind

    @Option(help: "csv or xlsx.", transform: ExchangeArguments.format)
    var format: SheetTable.Format = .csv

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    func run() async throws {
        let data = try ImportTemplate(kind).workbook.data(format)
        try ExportOutput.write(data, to: out)
    }
}

/// Where an export or a template goes: a file, or standard output.
enum ExportOutput {
    static func write(_ data: Data, to path: String?) throws {
        guard let path else {
            FileHandle.standardOutput.write(data)
            return
        }
        do {
            try data.write(to: URL(fileURLWithPath: path))
        } catch {
            FileHandle.standardError.write(Data("\(path): cannot write: \(error.localizedDescription)\n".utf8))
            throw ExitCode(1)
        }
    }
}
