import ArgumentParser
import EPCIS
import Foundation

/// Reading a document named on the command line, with every problem on standard error when it cannot be read.
enum DocumentInput {
    /// Reads and decodes `path` (`-` for standard input); JSON-LD or XML by content.
    /// - Throws: `ExitCode(1)` after printing what is wrong.
    static func read(_ path: String) throws -> EPCISDocument {
        let data = try bytes(path)
        do {
            return try EPCISDocumentReader().read(data)
        } catch {
            let lines = error.diagnostics.map { "\($0.severity.rawValue): \($0.description)\n" }.joined()
            FileHandle.standardError.write(Data(lines.utf8))
            throw ExitCode(1)
        }
    }

    /// The bytes of `path` (`-` for standard input).
    /// - Throws: `ExitCode(1)` after saying why the file cannot be read.
    static func bytes(_ path: String) throws -> Data {
        do {
            return path == "-"
                ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            FileHandle.standardError.write(Data("\(path): cannot read: \(error.localizedDescription)\n".utf8))
            throw ExitCode(1)
        }
    }
}
