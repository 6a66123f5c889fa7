import ArgumentParser
import Identifiers

/// `suyuan bench identifiers`: parse throughput of element strings, Digital Links, EPC URNs and RFID hex.
struct BenchIdentifiers: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "identifiers",
        abstract: "Time identifier parsing (element strings, Digital Links, EPC URNs, RFID hex decodes) in-process."
    )

    @Option(help: "Inputs per kind (generated deterministically).")
    var count: Int = 20_000

    @Option(help: "Timed passes over the inputs; the best pass is reported.")
    var passes: Int = 5

    func run() throws {
        let inputs = BenchInputs(count: count)
        print("suyuan bench identifiers: \(count) inputs per kind, best of \(passes) passes")
        report("element strings (raw scan, GS separators)", inputs.scans) { _ = try ElementString(parsing: $0) }
        report("element strings (bracketed)", inputs.bracketed) { _ = try ElementString(parsing: $0) }
        report("Digital Links → EPCIdentifier", inputs.links) { _ = try EPCIdentifier.parse($0) }
        report("EPC URNs → EPCIdentifier", inputs.urns) { _ = try EPCIdentifier.parse($0) }
        report("EPC URN → canonical Digital Link", inputs.urns) { _ = try EPCIdentifier.parse($0)?.digitalLink() }
        report("RFID hex decodes (SGTIN-96)", inputs.hexes) { _ = try EPCTag(hex: $0) }
    }

    private func report(_ name: String, _ items: [String], _ body: (String) throws -> Void) {
        var best = Duration.seconds(1_000_000)
        var failures = 0
        let clock = ContinuousClock()
        for _ in 0..<max(1, passes) {
            let elapsed = clock.measure {
                for item in items {
                    do { try body(item) } catch { failures += 1 }
                }
            }
            best = min(best, elapsed)
        }
        let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
        let rate = Double(items.count) / seconds
        let failed = failures > 0 ? "  (\(failures) failures!)" : ""
        print("  \(name.padded(to: 44)) \(Int(rate).formattedWithSeparators.padded(to: 12, left: true)) /s\(failed)")
    }
}

/// Deterministic inputs: a linear congruential generator, so every run parses the same texts.
struct BenchInputs {
    var scans: [String] = []
    var bracketed: [String] = []
    var links: [String] = []
    var urns: [String] = []
    var hexes: [String] = []

    init(count: Int) {
        var state: UInt64 = 0x5EED
        func next(_ bound: UInt64) -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (state >> 33) % bound
        }
        let gs = "\u{1D}"
        for _ in 0..<count {
            let cp = String(9_500_000 + next(400_000))
            let itemRef = String(next(100_000)).leftPadded(6)
            let body = String(itemRef.prefix(1)) + cp + String(itemRef.dropFirst())
            let gtin = body + String(GS1CheckDigit.compute(body) ?? 0)
            let serial = String(1 + next(200_000_000_000))
            let lot = "L" + String(next(1_000_000))
            let date = "2\(next(9))\(String(1 + next(12)).leftPadded(2))\(String(1 + next(28)).leftPadded(2))"
            let weight = String(next(999_999)).leftPadded(6)
            scans.append("]d201\(gtin)17\(date)3103\(weight)10\(lot)\(gs)21\(serial)")
            bracketed.append("(01)\(gtin)(17)\(date)(3103)\(weight)(10)\(lot)(21)\(serial)")
            links.append("https://example.com/01/\(gtin)/10/\(lot)/21/\(serial)?17=\(date)")
            urns.append("urn:epc:id:sgtin:\(cp).\(itemRef).\(serial)")
            if let id = try? EPCIdentifier.parse("urn:epc:id:sgtin:\(cp).\(itemRef).\(serial)"),
                let hex = try? EPCTag(epc: id, scheme: .sgtin96, filter: 1).hex()
            {
                hexes.append(hex)
            }
        }
    }
}

extension String {
    fileprivate func leftPadded(_ length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }

    fileprivate func padded(to length: Int, left: Bool = false) -> String {
        let pad = String(repeating: " ", count: max(0, length - count))
        return left ? pad + self : self + pad
    }
}

extension Int {
    fileprivate var formattedWithSeparators: String {
        var digits = Array(String(self))
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: index)
            index -= 3
        }
        return String(digits)
    }
}
