import Identifiers
import Testing

@Suite struct RobustnessTests {
    @Test("arbitrary text never crashes the reader: it is described or rejected with an error")
    func arbitraryTextIsDescribedOrRejected() {
        // Given deterministic noise drawn from the characters identifiers are made of
        var generator = InputGenerator(seed: 99)
        let alphabets = [
            "0123456789", "0123456789ABCDEF", "0123456789()", "urn:epc:id:sgtin.0123456789%2F*",
            "https://x.y/01/21/10/414/254/8003/0123456789?=&%", "]d2\u{1D}0123456789ABC", "8123456789 -",
        ]
        let prefixes = ["", "urn:epc:id:sgtin:", "urn:epc:tag:sgtin-96:", "https://id.gs1.org/01/", "(01)", "]C1", "30", "0x3"]
        var described = 0
        for round in 0..<3_000 {
            let alphabet = alphabets[round % alphabets.count]
            let text = prefixes[generator.next(prefixes.count)] + generator.text(40, charset: alphabet)
            // When read
            do {
                _ = try IdentifierDescription.read(text, prefixLengths: FixedCompanyPrefixLength(7))
                described += 1
            } catch {
                // Then a rejection carries a message
                #expect(!error.message.isEmpty)
            }
        }
        #expect(described > 0)
    }

    @Test("every 96-bit header with random bits decodes or is rejected")
    func randomTagMemory() {
        var generator = InputGenerator(seed: 5)
        for header in ["30", "31", "32", "33", "34", "35", "36", "37", "38", "39"] {
            for _ in 0..<200 {
                let hex = header + generator.text(60, charset: "0123456789ABCDEF")
                if let tag = try? EPCTag(hex: hex), let reencoded = try? tag.hex() {
                    // A decoded tag re-encodes to a value that decodes to the same identity
                    #expect((try? EPCTag(hex: reencoded))?.epc == tag.epc, "\(hex)")
                }
            }
        }
    }
}
