import Foundation
import Identifiers
import Testing
import TestSupport

/// Test vectors from the GS1 event hash reference implementation's pre-hash strings, read in place from the
/// shared conformance set (env SUYUAN_CONFORMANCE_DIR, else ../shared/conformance beside the repository).
@Suite struct ConformanceVectorTests {
    static var conformanceDir: URL { TestPaths.conformance }

    static var available: Bool {
        FileManager.default.fileExists(atPath: conformanceDir.appendingPathComponent("epcis/reference-hashes").path)
    }

    /// file path (relative to epcis/) → its pre-hash strings.
    static func prehashes() throws -> [String: [String]] {
        let folder = conformanceDir.appendingPathComponent("epcis/reference-hashes")
        var result: [String: [String]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".json") {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            let files = object?["files"] as? [String: Any] ?? [:]
            for (path, entry) in files {
                result[path] = (entry as? [String: Any])?["prehashes"] as? [String] ?? []
            }
        }
        return result
    }

    /// The id.gs1.org links in a pre-hash string. Pre-hash strings concatenate names and values with no
    /// separator, so a link ends where the next known field name starts.
    static func links(in prehash: String) -> [String] {
        let fields = [
            "epc=", "epcList", "parentID", "action=", "quantity", "childEPCs", "childQuantityList", "inputQuantityList", "outputQuantityList",
            "outputEPCList", "inputEPCList", "bizStep=", "disposition=", "readPoint", "bizLocation", "bizTransaction",
            "type=", "source", "destination", "sensorElementList", "ilmd", "persistentDisposition", "uom=",
            "deviceID=", "deviceMetadata=", "rawData=", "dataProcessingMethod=", "bizRules=", "time=",
            "value=", "minValue=", "maxValue=", "meanValue=", "stringValue=", "booleanValue=", "hexBinaryValue=",
            "uriValue=", "percValue=", "sDev=", "percRank=", "sensorReport", "component=", "chemicalSubstance=",
            "microorganism=", "exception=", "startTime=", "endTime=",
            "transformationID", "errorDeclaration", "certificationInfo", "eventID", "madeUpField", "{", "\"",
        ]
        var result: [String] = []
        var rest = Substring(prehash)
        while let start = rest.firstRange(of: "https://id.gs1.org/") {
            let tail = rest[start.upperBound...]
            var end = tail.endIndex
            for field in fields {
                if let hit = tail.firstRange(of: field), hit.lowerBound < end { end = hit.lowerBound }
            }
            result.append(String(rest[start.lowerBound..<end]))
            rest = tail[end...]
        }
        return result
    }

    @Test("every canonical Digital Link in the reference pre-hashes parses and formats back unchanged",
          .enabled(if: available))
    func referenceDigitalLinksRoundTrip() throws {
        // Given every id.gs1.org link the reference implementation produced
        var seen = Set<String>()
        for strings in try Self.prehashes().values {
            for prehash in strings { seen.formUnion(Self.links(in: prehash)) }
        }
        #expect(seen.count > 50)
        var badCheckDigits: [String] = []
        for link in seen.sorted() {
            // When parsed
            do {
                let id = try EPCIdentifier.parse(link)
                // Then the canonical form is the same text
                #expect(id?.digitalLink() == link, "\(link)")
            } catch {
                // The reference passes links through unchecked; a few example documents carry a wrong check digit
                // (e.g. GRAI 03001345000771…) or a GRAI not starting with 0, which we reject.
                #expect(error.code == .checkDigit || error.code == .syntax, "\(link): \(error)")
                badCheckDigits.append(link)
            }
        }
        #expect(badCheckDigits.count <= 2, "\(badCheckDigits)")
    }

    @Test("every EPC URN in the example documents maps to a Digital Link in that document's reference pre-hashes",
          .enabled(if: available))
    func documentURNsMatchReferenceLinks() throws {
        var checked = 0
        for (path, strings) in try Self.prehashes() where !strings.isEmpty {
            let file = Self.conformanceDir.appendingPathComponent("epcis").appendingPathComponent(path)
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            let joined = strings.joined(separator: "\n")
            for match in text.matches(of: /urn:epc:(?:id|class|idpat):[a-z]+:[^\s"<>,\]\[]+/) {
                let urn = String(match.output)
                guard let id = try EPCIdentifier.parse(urn), let link = id.digitalLink() else { continue }
                // URNs outside the hashed parts (master data, queries) are absent altogether; a URN that maps to
                // a wrong link shows up as its primary key with a different tail.
                if joined.contains(link) {
                    checked += 1
                } else {
                    let key = link.split(separator: "/").prefix(5).joined(separator: "/")
                    let others = Self.links(in: joined).filter { $0.hasPrefix(key + "/") || $0 == key }
                    #expect(others.isEmpty, "\(path): \(urn) → \(link), the reference has \(others)")
                }
            }
        }
        #expect(checked > 100)
    }
}
