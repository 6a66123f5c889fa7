import Foundation

/// The reference implementation's hashes and pre-hash strings (reference-hashes/*.json), per conformance file.
enum EventHashReference {
    struct Entry: Sendable {
        let hashes: [String]
        let preHashes: [String]
    }

    /// Every file of a reference set that the reference hashed (files where it failed or found no events are left out).
    static func entries(_ set: String) -> [String: Entry] {
        guard let data = try? Conformance.data("reference-hashes/\(set).json"),
            let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let files = root["files"] as? [String: Any]
        else { return [:] }
        var out: [String: Entry] = [:]
        for (path, value) in files {
            guard let entry = value as? [String: Any], let hashes = entry["hashes"] as? [String],
                let preHashes = entry["prehashes"] as? [String], !hashes.isEmpty
            else { continue }
            out[path] = Entry(hashes: hashes, preHashes: preHashes)
        }
        return out
    }

    static func preHash(_ file: String, _ index: Int, set: String = "gs1-EPCIS") -> String? {
        guard let entry = entries(set)[file], index < entry.preHashes.count else { return nil }
        return entry.preHashes[index]
    }

    static func hash(_ file: String, _ index: Int, set: String = "gs1-EPCIS") -> String? {
        guard let entry = entries(set)[file], index < entry.hashes.count else { return nil }
        return entry.hashes[index]
    }
}
