import Foundation

/// Reads the codes in a photo taken with the receive page's `<input type=file accept=image/* capture>`, with
/// Debian's `zbarimg` (package zbar-tools: QR Code, EAN/UPC, Code 128 and GS1-128, DataBar; not GS1 DataMatrix).
///
/// The decoder is found at `SUYUAN_ZBARIMG`, else `/usr/bin/zbarimg` or `/usr/local/bin/zbarimg`; without one the
/// receive page offers only the typed code (scripts/lib.sh installs it for the tests). The photo is written to a
/// temporary file, read, and removed; the decoder runs off the server's event loops.
struct PortalScanner: Sendable {
    let executable: String

    /// The decoder of this machine, nil when there is none.
    static let installed: PortalScanner? = {
        let environment = ProcessInfo.processInfo.environment["SUYUAN_ZBARIMG"].map { [$0] } ?? []
        let found = (environment + ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"])
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        return found.map(PortalScanner.init(executable:))
    }()

    /// The texts of every code found in an image, in the order the decoder reports them.
    func codes(in image: Data) async throws -> [String] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("suyuan-scan-\(UUID().uuidString)")
        try image.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let executable = executable
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: executable)
                    process.arguments = ["--quiet", "--raw", file.path]
                    let output = Pipe()
                    process.standardOutput = output
                    process.standardError = FileHandle.nullDevice
                    try process.run()
                    let data = output.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map {
                        $0.trimmingCharacters(in: .whitespaces)
                    }.filter { !$0.isEmpty }
                })
            }
        }
    }
}
