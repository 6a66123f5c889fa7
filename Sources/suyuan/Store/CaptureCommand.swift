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

    /// A file read, decoded and with its first batch planned, ready for the store's write transaction.
    private struct Prepared: Sendable {
        let pipeline: CapturePipeline
        let format: EPCISDocumentFormat
        let started: ContinuousClock.Instant
    }

    /// Stores the files in order, one transaction each. The next file is read, decoded and its first batch planned
    /// (on every core) while the current one is written (one core's work), so the writer does not wait for the
    /// planning between files; a file is written only once the one before it is stored.
    private func capture(into store: any CommandStore) async throws {
        @Sendable func prepare(_ file: String) async throws -> Prepared {
            let started = ContinuousClock.now
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            let (document, locations, format) = try EPCISDocumentReader().readLocated(data)
            var context = CaptureContext()
            context.documentFormat = format
            let pipeline = CapturePipeline(planning: document, locations: locations, context: context)
            return Prepared(pipeline: pipeline, format: format, started: started)
        }
        var upcoming = files.first.map { file in Task.detached { try await prepare(file) } }
        defer {
            // A file that fails leaves the next one planned: stop its planner.
            if let upcoming { Task { try? await upcoming.value.pipeline.cancel() } }
        }
        for (index, file) in files.enumerated() {
            do {
                guard let current = upcoming else { break }
                upcoming = nil
                let prepared = try await current.value
                if index + 1 < files.count {
                    let next = files[index + 1]
                    upcoming = Task.detached { try await prepare(next) }
                }
                let receipt = try await store.capture(planned: prepared.pipeline)
                let elapsed = ContinuousClock.now - prepared.started
                print(
                    "\(file): stored \(receipt.eventIDs.count) events and \(receipt.masterDataElements) master data "
                        + "elements (\(prepared.format)) in \(elapsed.formatted(.units(allowed: [.milliseconds]))) "
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
