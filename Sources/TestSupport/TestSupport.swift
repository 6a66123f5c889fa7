public import Foundation

/// Where the tests find what lies outside the test targets: the repository, the built `suyuan` binary and the
/// official conformance material beside the checkout. One copy for every test target (a target of its own, since
/// test targets cannot share files).
public enum TestPaths {
    /// The repository root: this file is Sources/TestSupport/TestSupport.swift.
    public static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The shared conformance set (the folder that holds `epcis/`): `SUYUAN_CONFORMANCE_DIR` (scripts/test sets it),
    /// else `../shared/conformance` beside the checkout, or beside its folder of worktrees.
    public static let conformance: URL = {
        if let dir = ProcessInfo.processInfo.environment["SUYUAN_CONFORMANCE_DIR"] {
            return URL(fileURLWithPath: dir)
        }
        let candidates = ["../shared/conformance", "../../shared/conformance"].map {
            repository.appendingPathComponent($0).standardized
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) } ?? candidates[0]
    }()

    /// The official EPCIS 2.0 material: examples, schemas, the REST binding's OpenAPI.
    public static var epcisConformance: URL { conformance.appendingPathComponent("epcis") }
}

/// The `suyuan` binary that `swift build --build-tests` (and so scripts/test) leaves in .build/debug, run the way a
/// user runs it.
public enum SuyuanBinary {
    /// What a run printed and how it ended.
    public struct Output: Sendable {
        /// The exit status.
        public var status: Int32
        /// Standard output.
        public var stdout: Data
        /// Standard error.
        public var stderr: Data
        /// Standard output as UTF-8 text.
        public var text: String { String(decoding: stdout, as: UTF8.self) }
        /// Standard error as UTF-8 text.
        public var errorText: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// The binary.
    public static var url: URL { TestPaths.repository.appendingPathComponent(".build/debug/suyuan") }

    /// Whether it was built.
    public static var canRun: Bool { FileManager.default.isExecutableFile(atPath: url.path) }

    /// Runs it with arguments and waits, off the cooperative pool (``offThePool(_:)``). Standard error goes to a
    /// temporary file, so that neither output can fill its pipe and stall the process while the other is read.
    public static func run(_ arguments: [String]) async throws -> Output {
        try await offThePool { try runBlocking(arguments) }
    }

    private static func runBlocking(_ arguments: [String]) throws -> Output {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        let out = Pipe()
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("suyuan-stderr-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: errorFile.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: errorFile.path])
        }
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let err = try FileHandle(forWritingTo: errorFile)
        defer { try? err.close() }
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: stdout, stderr: (try? Data(contentsOf: errorFile)) ?? Data())
    }
}
