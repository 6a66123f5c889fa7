public import Foundation

/// A small file system of its own (a tmpfs of a few megabytes), for tests of what a store does when its disk fills
/// up: a filler file takes the room, and removing it makes room again. Mounting needs root (scripts/test and CI run
/// as root); ``isAvailable`` says whether this machine lets the tests mount one.
public final class SmallDisk: @unchecked Sendable {
    /// Where it is mounted.
    public let folder: URL
    private let filler: URL
    // Only the test that made the disk touches it, one step after another.
    private var mounted = true

    /// Whether a tmpfs can be mounted here (root, and a kernel that allows it).
    public static let isAvailable: Bool = {
        guard getuid() == 0 else { return false }
        guard let disk = try? SmallDisk(megabytes: 1) else { return false }
        disk.unmount()
        return true
    }()

    /// Mounts a new tmpfs of `megabytes` in a temporary folder.
    /// - Throws: when `mount` fails.
    public init(megabytes: Int) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("suyuan-small-disk-\(UUID().uuidString)")
        filler = folder.appendingPathComponent("filler")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let status = try Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", folder.path])
        guard status == 0 else {
            try? FileManager.default.removeItem(at: folder)
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: folder.path])
        }
    }

    deinit { unmount() }

    /// Takes every free byte but `leaving` with a filler file.
    public func fill(leaving: Int = 0) throws {
        FileManager.default.createFile(atPath: filler.path, contents: nil)
        let handle = try FileHandle(forWritingTo: filler)
        defer { try? handle.close() }
        let chunk = Data(count: 64 * 1_024)
        while free > leaving + chunk.count {
            try handle.write(contentsOf: chunk)
        }
        while free > leaving {
            do { try handle.write(contentsOf: Data(count: 4_096)) } catch { break }
        }
    }

    /// Removes the filler: the room it took is free again.
    public func makeRoom() throws {
        try FileManager.default.removeItem(at: filler)
    }

    /// Free bytes on the file system.
    public var free: Int {
        let attributes = try? FileManager.default.attributesOfFileSystem(forPath: folder.path)
        return (attributes?[.systemFreeSize] as? NSNumber)?.intValue ?? 0
    }

    /// Unmounts it and removes the folder.
    public func unmount() {
        guard mounted else { return }
        mounted = false
        _ = try? Self.run("/bin/umount", ["-l", folder.path])
        try? FileManager.default.removeItem(at: folder)
    }

    private static func run(_ tool: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
