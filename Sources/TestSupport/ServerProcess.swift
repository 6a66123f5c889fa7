public import Foundation

/// A `suyuan serve` process started the way a user starts one, for tests that need real servers: its log goes to a
/// file (so it can never fill a pipe and stall), its port is read from that log, and it is stopped with SIGTERM.
public final class ServerProcess: @unchecked Sendable {
    /// The process (only the test that started it touches it).
    public let process: Process
    /// The port it listens on.
    public let port: Int
    /// Its log (standard error).
    public let logFile: URL

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts `suyuan serve ARGUMENTS --port 0` and waits, off the cooperative pool, until it says where it listens.
    /// - Parameters:
    ///   - arguments: what follows `serve` (the store, the platform, …); `--port 0` is added unless a port is given.
    ///   - environment: extra environment variables.
    ///   - timeout: how long to wait for it to listen.
    /// - Returns: the running server.
    /// - Throws: when it exits or does not listen in time (the error carries its log).
    public static func start(
        _ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 60
    ) async throws -> ServerProcess {
        try await offThePool { try ServerProcess(arguments, environment: environment, timeout: timeout) }
    }

    /// Starts `suyuan serve ARGUMENTS --port 0` and waits until it says where it listens (blocking: ``start(_:environment:timeout:)``).
    /// - Parameters:
    ///   - arguments: what follows `serve` (the store, the platform, …); `--port 0` is added unless a port is given.
    ///   - environment: extra environment variables.
    ///   - timeout: how long to wait for it to listen.
    /// - Throws: when it exits or does not listen in time (the error carries its log).
    private init(
        _ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 60
    ) throws {
        logFile = FileManager.default.temporaryDirectory.appendingPathComponent("suyuan-serve-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let log = try FileHandle(forWritingTo: logFile)
        process = Process()
        process.executableURL = SuyuanBinary.url
        process.arguments = ["serve"] + arguments + (arguments.contains("--port") ? [] : ["--port", "0"])
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardError = log
        process.standardOutput = log
        try process.run()
        try? log.close()
        let deadline = Date().addingTimeInterval(timeout)
        var found: Int?
        while found == nil {
            let text = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"listening on [0-9.]+:(\d+)"#, options: .regularExpression) {
                found = Int(text[range].split(separator: ":").last ?? "")
            } else if !process.isRunning || Date() > deadline {
                if process.isRunning { process.terminate() }
                throw ServerProcessError(message: "suyuan serve did not listen:\n" + text)
            } else {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        port = found ?? 0
    }

    /// Whether it still runs.
    public var isRunning: Bool { process.isRunning }

    /// How it ended: its exit status, or 128 + the signal that killed it; nil while it runs.
    public var ended: Int32? {
        guard !process.isRunning else { return nil }
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }

    /// What it logged so far.
    public var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// Sends SIGTERM and waits for it to exit.
    /// - Parameter timeout: how long to wait.
    /// - Returns: whether it exited in time (with its status); a process that did not is killed.
    @discardableResult
    public func stop(timeout: TimeInterval = 20) -> (exited: Bool, status: Int32) {
        guard process.isRunning else { return (true, process.terminationStatus) }
        process.terminate()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return (false, process.terminationStatus)
        }
        return (true, process.terminationStatus)
    }

    /// Kills it with SIGKILL (a crash) and waits.
    public func kill9() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: logFile)
    }
}

/// A server process that would not start.
public struct ServerProcessError: Error, CustomStringConvertible {
    /// What went wrong, with the server's log.
    public var message: String
    public var description: String { message }

    /// Makes one.
    public init(message: String) { self.message = message }
}

/// A throwaway PostgreSQL cluster of a test's own (scripts/pg-cluster.sh), which the test may restart or kill.
public final class ScratchPostgres: @unchecked Sendable {
    /// Its folder.
    public let folder: URL
    /// Its port on 127.0.0.1.
    public let port: Int

    /// Whether one can be made here: PostgreSQL 15's binaries are installed and we may become `postgres` (root).
    public static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/15/bin/initdb") && getuid() == 0
    }

    /// Starts a new cluster, off the cooperative pool.
    public static func start() async throws -> ScratchPostgres { try await offThePool { try ScratchPostgres() } }

    private init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("suyuan-pg-\(UUID().uuidString.prefix(8))")
        let output = try Self.script(["start", folder.path])
        guard let port = Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw ServerProcessError(message: "scripts/pg-cluster.sh start printed \(output)")
        }
        self.port = port
    }

    /// A store URL naming a fresh schema of this cluster, with a ledger key file of its own.
    public func storeURL(schema: String = "s" + UUID().uuidString.prefix(8).lowercased()) -> String {
        "postgres://suyuan@127.0.0.1:\(port)/suyuan?schema=\(schema)&ledgerKey=\(folder.path)/\(schema).ledger-key.pem"
    }

    /// `pg_ctl restart -m fast`: every session is cut and the server comes back.
    public func restart() async throws {
        let folder = folder
        _ = try await offThePool { try Self.script(["restart", folder.path]) }
    }

    /// kill -9 of the postmaster, then a start (crash recovery).
    public func crash() async throws {
        let folder = folder
        _ = try await offThePool { try Self.script(["kill", folder.path]) }
    }

    /// Stops the server (the cluster stays).
    public func pause() async throws {
        let folder = folder
        _ = try await offThePool { try Self.script(["pause", folder.path]) }
    }

    /// Starts a paused server again.
    public func resume() async throws {
        let folder = folder
        _ = try await offThePool { try Self.script(["resume", folder.path]) }
    }

    deinit { _ = try? Self.script(["stop", folder.path]) }

    private static func script(_ arguments: [String]) throws -> String {
        let script = TestPaths.repository.appendingPathComponent("scripts/pg-cluster.sh").path
        let (status, text) = try Shell.run("/bin/bash", [script] + arguments)
        guard status == 0 else {
            throw ServerProcessError(message: "scripts/pg-cluster.sh \(arguments.joined(separator: " ")) failed: \(text)")
        }
        return text
    }
}

/// Runs a program with posix_spawn and waitpid, its output into a file. Foundation's `Process` waits for a child's
/// exit through its own monitor, which missed the exit of a script whose daemon (PostgreSQL's postmaster) lives on.
public enum Shell {
    /// Runs `program` with `arguments`, waits for it, and returns its exit status and its output (both streams).
    /// - Throws: when it cannot be started.
    public static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("suyuan-shell-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: outputFile) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outputFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, program, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw ServerProcessError(message: "cannot start \(program): error \(spawned)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let output = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
        // WEXITSTATUS: the exit code sits in the second byte of a normal exit's status.
        let exited = status & 0x7f == 0
        return (exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), output)
    }
}

/// A free TCP port on 127.0.0.1 (bound and released at once), for servers that must know their port before they
/// start (peers files name each other's URLs).
public enum FreePort {
    /// A port nobody listens on now.
    public static func next() -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
