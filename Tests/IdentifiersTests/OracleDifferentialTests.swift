import TestSupport
import Foundation
import Identifiers
import Testing

/// Differential tests: the same few hundred deterministic inputs go through our parser and through independent
/// implementations (biip 5.2.0 for element strings and Digital Links, epcpy 0.1.8 for EPC binary), in one Python
/// process (Oracle/oracle.py). `scripts/test` installs them and sets SUYUAN_ORACLE_PYTHON.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SUYUAN_ORACLE_PYTHON"] != nil))
struct OracleDifferentialTests {
    struct Answers: Decodable {
        struct ElementAnswer: Decodable {
            var ok: Bool
            var ais: [[String]]?
            var dl: String?
            var canonical: String?
            var error: String?
        }
        struct EPCAnswer: Decodable {
            var ok: Bool
            var hex: String?
            var elementString: String?
            var urn: String?
            var error: String?
        }
        var elementStrings: [ElementAnswer]
        var digitalLinks: [ElementAnswer]
        var epc: [EPCAnswer]
        var hexes: [EPCAnswer]
        var urns: [URNAnswer]
    }
    struct URNAnswer: Decodable {
        var elementString: String?
        var canonical: String?
    }

    struct Question: Encodable {
        var urn: String
        var scheme: String
        var filter: Int
    }

    static func ask(
        elementStrings: [String] = [], digitalLinks: [String] = [], epc: [Question] = [], hexes: [String] = [],
        urns: [String] = []
    ) async throws -> Answers {
        try await offThePool { () throws -> Answers in
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Oracle/oracle.py")
            struct Batch: Encodable {
                var elementStrings: [String]
                var digitalLinks: [String]
                var epc: [Question]
                var hexes: [String]
                var urns: [String]
            }
            let input = FileManager.default.temporaryDirectory.appendingPathComponent("suyuan-oracle-\(UUID().uuidString).json")
            defer { try? FileManager.default.removeItem(at: input) }
            try JSONEncoder().encode(Batch(elementStrings: elementStrings, digitalLinks: digitalLinks, epc: epc, hexes: hexes, urns: urns))
                .write(to: input)
            let data = try runOraclePython([script.path, input.path])
            return try JSONDecoder().decode(Answers.self, from: data)
        }
    }

    @Test("element strings, Digital Links and EPC binary agree with biip and epcpy on a generated table")
    func agreesWithOracles() async throws {
        // Given a deterministic table of valid and broken inputs
        var generator = InputGenerator(seed: 2026)
        let valid = (0..<240).map { _ in generator.message() }
        let rawForms = valid.enumerated().map { index, elements in
            generator.symbology(index) + (try? ElementString(elements: elements))!.barcodeData
        }
        let bracketed = valid.map { $0.map(\.description).joined() }
        let broken = (0..<80).map { index in generator.broken(bracketed[index]) }
        let allElementStrings = bracketed + rawForms + broken
        let links = valid.prefix(120).compactMap { elements in
            IdentifierDescriptionLink.link(elements, domain: generator.domain())
        }
        let epcQuestions = (0..<200).map { _ in generator.epcQuestion() }
        var ourHexes: [String?] = []
        for question in epcQuestions {
            let id = try EPCIdentifier.parse(question.urn)
            let scheme = EPCBinaryScheme(rawValue: question.scheme)
            ourHexes.append(id.flatMap { id in scheme.flatMap { try? EPCTag(epc: id, scheme: $0, filter: question.filter).hex() } })
        }
        // When both sides answer
        let answers = try await Self.ask(
            elementStrings: allElementStrings, digitalLinks: links, epc: epcQuestions, hexes: ourHexes.compactMap { $0 })

        // Then valid element strings give the same AIs and values, and broken ones that biip rejects we reject too
        var compared = 0
        for (text, answer) in zip(allElementStrings, answers.elementStrings) {
            let ours = try? ElementString(parsing: text)
            if answer.ok {
                guard let ours else {
                    // We are stricter than biip on check digits inside messages and on calendar days.
                    #expect(broken.contains(text), "we reject what biip accepts: \(text)")
                    continue
                }
                #expect(ours.elements.map { [$0.ai, $0.value] } == answer.ais ?? [], "\(text)")
                if let dl = answer.dl, let link = try? IdentifierDescription.read(text).digitalLink() {
                    #expect(Self.sameLink(link, dl), "\(text): \(link) vs biip \(dl)")
                }
                compared += 1
            } else {
                #expect(ours == nil, "biip rejects \(text) (\(answer.error ?? "")) but we accept it")
            }
        }
        #expect(compared >= 450)

        // Digital Links we build parse in biip to the same elements and canonical link
        for (link, answer) in zip(links, answers.digitalLinks) {
            #expect(answer.ok, "biip rejects our Digital Link \(link): \(answer.error ?? "")")
            let ours = try DigitalLink(parsing: link)
            #expect(ours.elements.map { [$0.ai, $0.value] } == answer.ais ?? [], "\(link)")
            if let canonical = answer.canonical {
                #expect(Self.sameLink(ours.uri(domain: "https://id.gs1.org"), canonical), "\(link) vs \(canonical)")
            }
        }

        // EPC binary: same hex, same element string; and epcpy decodes our hex to the same URN
        var hexIndex = 0
        for ((question, ours), answer) in zip(zip(epcQuestions, ourHexes), answers.epc) {
            #expect(answer.ok == (ours != nil), "\(question): epcpy \(answer.error ?? "ok"), ours \(ours ?? "refused")")
            if let ours, let hex = answer.hex {
                #expect(ours == hex, "\(question.urn) \(question.scheme) filter \(question.filter)")
                let decoded = answers.hexes[hexIndex]
                #expect(decoded.urn == question.urn, "epcpy decodes \(ours) to \(decoded.urn ?? decoded.error ?? "")")
                hexIndex += 1
            } else if ours != nil {
                hexIndex += 1
            }
            if let expected = answer.elementString, let id = try EPCIdentifier.parse(question.urn) {
                let mine = id.elements.map(\.description).joined()
                let theirs = expected.hasSuffix("(254)0") ? String(expected.dropLast(6)) : expected
                #expect(mine == theirs, "\(question.urn)")
            }
        }
    }

    @Test("EPC URNs of every scheme give epcpy's element string and the event hash reference's canonical Digital Link")
    func urnsAgreeWithOracles() async throws {
        // Given URNs of every GS1 scheme, with escaped and literal special characters
        var generator = InputGenerator(seed: 7)
        let urns = (0..<300).map { _ in generator.anyURN() }
        // When epcpy and the GS1 event hash reference implementation translate them
        let answers = try await Self.ask(urns: urns)
        // Then our element strings and canonical Digital Links are the same
        var compared = (elementStrings: 0, links: 0)
        for (urn, answer) in zip(urns, answers.urns) {
            let id = try #require(try EPCIdentifier.parse(urn), "\(urn)")
            // epcpy 0.1.8 cuts a GIAI's asset reference at the first ':' (TDS writes ':' literally in URNs).
            let epcpyCutsAtColon = urn.hasPrefix("urn:epc:id:giai:") && urn.dropFirst(16).contains(":")
            if let expected = answer.elementString, !epcpyCutsAtColon {
                let theirs = expected.hasSuffix("(254)0") ? String(expected.dropLast(6)) : expected
                #expect(id.elements.map(\.description).joined() == theirs, "\(urn)")
                compared.elementStrings += 1
            }
            if let canonical = answer.canonical {
                #expect(id.digitalLink() == canonical, "\(urn)")
                compared.links += 1
            }
            // And the URN comes back from the Digital Link with the URN's own prefix length
            if let link = id.digitalLink(), let length = id.companyPrefixLength {
                let back = try EPCIdentifier.parse(link, prefixLengths: FixedCompanyPrefixLength(length))
                #expect(back?.urn.map(PercentEncodingNormaliser.normalise) == PercentEncodingNormaliser.normalise(urn))
            }
        }
        #expect(compared.elementStrings >= 200)
        #expect(compared.links >= 200)
    }

    /// Same path, same query parameters in any order.
    static func sameLink(_ a: String, _ b: String) -> Bool {
        func split(_ s: String) -> (Substring, Set<Substring>) {
            let parts = s.split(separator: "?", maxSplits: 1)
            return (parts[0], Set(parts.count > 1 ? parts[1].split(separator: "&") : []))
        }
        return split(a) == split(b)
    }
}

/// Makes URNs comparable whatever characters they chose to escape: decodes every escape, then applies the TDS
/// escaping.
enum PercentEncodingNormaliser {
    static func normalise(_ urn: String) -> String {
        // TDS escapes exactly " % & / < > ? (and # for CPI); everything else is written literally.
        var out = ""
        var index = urn.startIndex
        while index < urn.endIndex {
            if urn[index] == "%", let end = urn.index(index, offsetBy: 3, limitedBy: urn.endIndex),
                let byte = UInt8(urn[urn.index(after: index)..<end], radix: 16)
            {
                let character = Character(Unicode.Scalar(byte))
                out += "\"%&/<>?#".contains(character) ? "%" + String(byte, radix: 16, uppercase: true) : String(character)
                index = end
            } else {
                out.append(urn[index])
                index = urn.index(after: index)
            }
        }
        return out
    }
}

/// The Digital Link of elements, built the way `suyuan id describe` builds it.
enum IdentifierDescriptionLink {
    static func link(_ elements: [AIElement], domain: String) -> String? {
        guard let text = try? ElementString(elements: elements).bracketed,
            let description = try? IdentifierDescription.read(text)
        else { return nil }
        return description.digitalLink(domain: domain)
    }
}
