import TestSupport
import Foundation

/// GS1's reference event hash generator (epcis-event-hash-generator from PyPI), run as a separate process on a
/// document: the test oracle for event hashes. `SUYUAN_ORACLE_PYTHON` names a Python with it installed
/// (scripts/test sets it); tests that need it are enabled only when it is set.
enum EventHashOracle {
    /// Whether the oracle is configured.
    static var isAvailable: Bool { ProcessInfo.processInfo.environment["SUYUAN_ORACLE_PYTHON"] != nil }

    /// What the reference printed for one document: the hash IDs and pre-hash strings of its events, in order.
    struct Output: Sendable {
        let hashes: [String]
        let preHashes: [String]
    }

    /// Hashes a document written in a test.
    /// - Parameters:
    ///   - text: the document.
    ///   - fileExtension: `xml` or `jsonld`; the reference tells the syntax by the file name.
    /// - Returns: the reference's hashes and pre-hash strings.
    static func run(document text: String, fileExtension: String) async throws -> Output {
        try await offThePool { () throws -> Output in
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("suyuan-oracle-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("document.\(fileExtension)")
            try Data(text.utf8).write(to: file)
            return try runBlocking(file: file)
        }
    }

    /// Hashes a document file.
    /// - Parameter file: the document; its extension tells the reference the syntax.
    /// - Returns: the reference's hashes and pre-hash strings.
    static func run(file: URL) async throws -> Output {
        try await offThePool { try runBlocking(file: file) }
    }

    private static func runBlocking(file: URL) throws -> Output {
        let process = Process()
        process.executableURL = URL(
            fileURLWithPath: ProcessInfo.processInfo.environment["SUYUAN_ORACLE_PYTHON"] ?? "python3")
        process.arguments = ["-m", "epcis_event_hash_generator", "-p", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        // Output: a header line, the hashes one per line, a blank line, "Pre-hash strings:", then the pre-hashes
        // separated by lines of "---".
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let hashes = lines.filter { $0.hasPrefix("ni:///") }
        guard let start = lines.firstIndex(of: "Pre-hash strings:") else {
            return Output(hashes: hashes, preHashes: [])
        }
        let rest = lines[(start + 1)...].joined(separator: "\n")
        let preHashes = rest.components(separatedBy: "\n---\n").map {
            $0.trimmingCharacters(in: .newlines)
        }.filter { !$0.isEmpty }
        return Output(hashes: hashes, preHashes: preHashes)
    }
}
