public import Foundation

/// Debian's `zbarimg` (zbar-tools) as the tests' independent reader of the QR Codes we draw: the code pages, the
/// label sheets. Found at `SUYUAN_ZBARIMG`, else `/usr/bin/zbarimg` or `/usr/local/bin/zbarimg`.
public enum ZBar {
    /// Every QR Code zbarimg reads in an image, one text per code, in the order it reports them.
    /// - Parameter image: a PNG or other image file.
    /// - Throws: ``ChromiumError`` when zbarimg is missing (scripts/lib.sh `ensure_oracles` installs it).
    public static func codes(in image: URL) throws -> [String] {
        let candidates = (ProcessInfo.processInfo.environment["SUYUAN_ZBARIMG"].map { [$0] } ?? [])
            + ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"]
        guard let zbarimg = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw ChromiumError("zbarimg (Debian zbar-tools) is missing; scripts/lib.sh ensure_oracles installs it")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: zbarimg)
        process.arguments = ["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", image.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
