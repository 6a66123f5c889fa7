import Foundation

/// The official EPCIS conformance material beside the repository (../shared/conformance/epcis), read in place.
///
/// `SUYUAN_CONFORMANCE_DIR` (set by scripts/test) names the folder that holds `epcis/`; otherwise it is found
/// relative to this file.
enum Conformance {
    /// The `epcis` folder of the conformance set.
    static let epcisDirectory: URL = {
        if let dir = ProcessInfo.processInfo.environment["SUYUAN_CONFORMANCE_DIR"] {
            return URL(fileURLWithPath: dir).appendingPathComponent("epcis")
        }
        // Tests/EPCISTests/Conformance.swift → repository root → ../shared/conformance/epcis
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/conformance/epcis")
    }()

    /// Paths relative to the `epcis` folder of every file below `folder` whose name ends in one of `extensions`,
    /// sorted.
    static func files(under folder: String, extensions: [String]) -> [String] {
        let root = epcisDirectory.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            return []
        }
        var found: [String] = []
        for case let url as URL in walker where extensions.contains(url.pathExtension) {
            found.append(folder + "/" + url.path.dropFirst(root.path.count + 1))
        }
        return found.sorted()
    }

    /// The bytes of a conformance file.
    static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: epcisDirectory.appendingPathComponent(relativePath))
    }
}
