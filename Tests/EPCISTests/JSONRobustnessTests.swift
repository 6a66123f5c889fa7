import EPCIS
import Foundation
import Testing

@Suite struct JSONRobustnessTests {
    static let file = "gs1-EPCIS/JSON/WithFullCombinationOfFields/object_event_all_possible_fields.jsonld"

    @Test("every truncation of a document is refused as malformed, never a crash")
    func truncations() throws {
        // Given a valid document
        let data = try Conformance.data(Self.file)
        // When every prefix of it is decoded
        for length in stride(from: 0, to: data.count - 1, by: 7) {
            let prefix = data.prefix(length)
            // Then each is refused, as malformed JSON
            let error = #expect(throws: EPCISDocumentError.self) { try JSONDocumentDecoder().decode(Data(prefix)) }
            #expect(error?.code == .malformed, "length \(length)")
        }
    }

    @Test("byte flips give an error or a document, never a crash, and diagnose agrees with decode")
    func byteFlips() throws {
        // Given a valid document and a deterministic sequence of single-byte changes
        let data = try Conformance.data(Self.file)
        var state: UInt64 = 42
        for _ in 0..<500 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var bytes = [UInt8](data)
            bytes[Int((state >> 33) % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: state >> 13)
            let mutated = Data(bytes)
            // When it is decoded and diagnosed
            let decoded = Result { () throws(EPCISDocumentError) in try JSONDocumentDecoder().decode(mutated) }
            let errors = JSONDocumentDecoder().diagnose(mutated).filter { $0.severity == .error }
            // Then decode fails exactly when diagnose finds an error
            switch decoded {
            case .success: #expect(errors.isEmpty)
            case .failure(let error):
                #expect(!errors.isEmpty && error.diagnostics.filter { $0.severity == .error } == errors)
            }
        }
    }
}
