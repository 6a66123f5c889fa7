import ArgumentParser
import EPCIS
import Foundation
import Server
import Storage

/// `suyuan capture FILE…`: stores EPCIS documents (JSON-LD or XML, read from the content) and their master data.
struct CaptureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capture",
        abstract: "Capture EPCIS 2.0 documents (JSON-LD or XML) or master data into the event store.",
        discussion: """
            Each file is one transaction: all of its events or none. Prints one summary line per file. An invalid \
            document or an event that is already stored stores nothing of that file, prints every problem to \
            stderr and exits 1.
            """
    )

    @Argument(help: "EPCIS documents (.json, .jsonld or .xml).")
    var files: [String]

    @OptionGroup var storeOption: StoreOption

    func run() async throws {
        try await storeOption.withStore { store in try await capture(into: store) }
    }

    private func capture(into store: any CommandStore) async throws {
        for file in files {
            let clock = ContinuousClock()
            let start = clock.now
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: file))
                let (document, locations, format) = try EPCISDocumentReader().readLocated(data)
                var context = CaptureContext()
                context.documentFormat = format
                let receipt = try await store.capture(document, locations: locations, context: context)
                let elapsed = clock.now - start
                print(
                    "\(file): stored \(receipt.eventIDs.count) events and \(receipt.masterDataElements) master data "
                        + "elements (\(format)) in \(elapsed.formatted(.units(allowed: [.milliseconds]))) "
                        + "into \(storeOption.name)")
            } catch let error as StorageError {
                FileHandle.standardError.write(Data("\(file): \(error.description)\n".utf8))
                throw ExitCode(1)
            } catch let error as EPCISDocumentError {
                FileHandle.standardError.write(Data("\(file): nothing was stored\n\(error.description)\n".utf8))
                throw ExitCode(1)
            } catch {
                FileHandle.standardError.write(
                    Data("\(file): cannot read the file: \(error.localizedDescription)\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}
