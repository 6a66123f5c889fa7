import ArgumentParser
import EPCIS
import Foundation

/// `suyuan epcis json FILE`: reads an EPCIS 2.0 JSON-LD document, reports every problem, and writes it back in
/// the identifier form asked for.
struct EPCISJSONCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "json",
        abstract: "Check an EPCIS 2.0 JSON/JSON-LD document and write it back (URN, Digital Link or as captured)."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case captured, urn, dl

        var epcFormat: EPCFormat {
            switch self {
            case .captured: .asCaptured
            case .urn: .urn
            case .dl: .digitalLink
            }
        }
    }

    @Argument(help: "The document (a file path, or - for standard input).")
    var file: String

    @Option(help: "How to write identifiers: captured, urn or dl.")
    var epcFormat: Format = .captured

    @Flag(help: "Indent the output.")
    var pretty = false

    @Flag(help: "Only check: write nothing but the problems.")
    var check = false

    @Flag(help: "Read the events as a stream without keeping them (implies --check), and print the speed.")
    var stream = false

    func run() throws {
        let data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
        let decoder = JSONDocumentDecoder()
        let start = Date()
        do {
            if stream {
                var count = 0
                _ = try decoder.forEachEvent(in: data) { _, _ in count += 1 }
                let seconds = Date().timeIntervalSince(start)
                let megabytes = Double(data.count) / 1_000_000
                print("\(count) events, \(String(format: "%.1f", megabytes)) MB in \(String(format: "%.3f", seconds)) s: "
                    + "\(Int(Double(count) / seconds)) events/s, \(String(format: "%.1f", megabytes / seconds)) MB/s")
                return
            }
            let document = try decoder.decode(data)
            if check {
                print("\(document.events.count) events, no problems")
                return
            }
            let encoder = JSONDocumentEncoder(epcFormat: epcFormat.epcFormat, prettyPrinted: pretty)
            FileHandle.standardOutput.write(encoder.encode(document))
            if pretty { print() }
        } catch let error as EPCISDocumentError {
            FileHandle.standardError.write(Data("\(error.code): \(error.diagnostics.count) problem(s)\n\(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
