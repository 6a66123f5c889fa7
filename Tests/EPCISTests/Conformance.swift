import Foundation
import TestSupport

/// The official EPCIS conformance material beside the repository (../shared/conformance/epcis), read in place.
///
/// `TestPaths.conformance` finds it (`SUYUAN_CONFORMANCE_DIR`, as scripts/test sets it, else beside the checkout).
enum Conformance {
    /// The `epcis` folder of the conformance set.
    static var epcisDirectory: URL { TestPaths.epcisConformance }

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
