public import Foundation

/// Runs blocking work (waiting for a process, polling a file) on a thread of its own and awaits it, so that the
/// threads of Swift's cooperative pool (two on a two-core machine) stay free for the tasks the work may be waiting
/// for: the test's own server, its PostgreSQL pool, other tests. A test that blocks a pool thread while a process it
/// started waits for something only a pool task can do hangs the whole suite.
/// - Parameter work: the blocking work.
/// - Returns: what it returns.
public func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}

/// A helper process of a test (an oracle, a tool) that could not run or failed: thrown from work off the pool, where
/// `#expect` has no test to record its issue in.
public struct HelperProcessError: Error, CustomStringConvertible {
    public var description: String

    /// Makes one.
    public init(_ description: String) { self.description = description }
}

/// The Python of the test oracles (`SUYUAN_ORACLE_PYTHON`, set by scripts/test) run with `arguments`, waited for
/// (blocking: call it inside ``offThePool(_:)``); its standard output.
/// - Throws: ``HelperProcessError`` when the variable is not set or the run exits with a failure.
public func runOraclePython(_ arguments: [String]) throws -> Data {
    guard let python = ProcessInfo.processInfo.environment["SUYUAN_ORACLE_PYTHON"] else {
        throw HelperProcessError("SUYUAN_ORACLE_PYTHON is not set (scripts/test sets it)")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw HelperProcessError("\(python) \(arguments) exited with \(process.terminationStatus)")
    }
    return data
}
