import EPCIS
import Foundation
import Testing

@Suite struct JSONConformanceTests {
    @Test("every schema-valid conformance document decodes", arguments: JSONConformanceFiles.valid)
    func decodes(_ file: String) throws {
        // Given a conformance document
        let data = try Conformance.data(file)
        // When it is decoded
        let result = Result { () throws(EPCISDocumentError) in try JSONDocumentDecoder().decode(data) }
        // Then it has events and no diagnostics
        if case .failure(let error) = result { Issue.record("\(file):\n\(error)") }
        let document = try result.get()
        #expect(!document.events.isEmpty)
    }

    @Test(
        "conformance documents that break the schema are refused with the reason",
        arguments: JSONConformanceFiles.refusedFiles)
    func refuses(_ file: String) throws {
        // Given a document that breaks the schema
        let data = try Conformance.data(file)
        let reason = try #require(JSONConformanceFiles.refused[file])
        // When it is decoded
        let error = try #require(throws: EPCISDocumentError.self) { try JSONDocumentDecoder().decode(data) }
        // Then it is invalid and one diagnostic names the reason
        #expect(error.code == .invalid)
        #expect(error.diagnostics.contains { $0.message.contains(reason) }, "\(error)")
    }
}
