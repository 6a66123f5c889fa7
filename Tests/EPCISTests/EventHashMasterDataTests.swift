import EPCIS
import Foundation
import Testing

/// ILMD in the CBV master-data namespace. The ratified EPCIS 2.0.0 JSON-LD context defines `cbvmda` as
/// `urn:epcglobal:cbv:mda:` (with the colon), so `cbvmda:countryOfOrigin` expands to
/// `urn:epcglobal:cbv:mda:countryOfOrigin`; GS1's XML examples declare `xmlns:cbvmda="urn:epcglobal:cbv:mda"`
/// (without it). The reference implementation hashes an element by the namespace its document gives it, colon or
/// not, and so do we.
@Suite struct EventHashMasterDataTests {
    static let event = """
        {"type": "ObjectEvent", "eventTime": "2024-03-02T10:00:00.000+01:00", "eventTimeZoneOffset": "+01:00",
         "epcList": ["urn:epc:id:sgtin:4012345.011111.1001"], "action": "ADD",
         "bizStep": "commissioning",
         "ilmd": {"cbvmda:countryOfOrigin": "GB", "cbvmda:lotNumber": "L7", "cbvmda:itemExpirationDate": "2025-01-31"}}
        """

    static func json(context: String) -> String {
        """
        {"@context": \(context), "type": "EPCISDocument", "schemaVersion": "2.0",
         "creationDate": "2024-03-02T11:00:00Z", "epcisBody": {"eventList": [\(event)]}}
        """
    }

    /// The standard context only: `cbvmda` is the one it defines.
    static let jsonStandardContext = json(
        context: #"["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"]"#)

    /// The ratified definition written out in the document, as the reference implementation's own example does.
    static let jsonDeclared = json(
        context: #"""
            ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"cbvmda": "urn:epcglobal:cbv:mda:"}]
            """#)

    static func xml(mda: String) -> String {
        """
        <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:cbvmda="\(mda)"
            schemaVersion="2.0" creationDate="2024-03-02T11:00:00Z">
          <EPCISBody><EventList>
            <ObjectEvent>
              <eventTime>2024-03-02T10:00:00.000+01:00</eventTime>
              <eventTimeZoneOffset>+01:00</eventTimeZoneOffset>
              <epcList><epc>urn:epc:id:sgtin:4012345.011111.1001</epc></epcList>
              <action>ADD</action>
              <bizStep>urn:epcglobal:cbv:bizstep:commissioning</bizStep>
              <ilmd>
                <cbvmda:countryOfOrigin>GB</cbvmda:countryOfOrigin>
                <cbvmda:lotNumber>L7</cbvmda:lotNumber>
                <cbvmda:itemExpirationDate>2025-01-31</cbvmda:itemExpirationDate>
              </ilmd>
            </ObjectEvent>
          </EventList></EPCISBody>
        </epcis:EPCISDocument>
        """
    }

    /// XML with the JSON-LD context's namespace (as the reference implementation's own XML example declares it).
    static let xmlWithColon = xml(mda: "urn:epcglobal:cbv:mda:")
    /// XML as GS1's XML examples declare it.
    static let xmlWithoutColon = xml(mda: "urn:epcglobal:cbv:mda")

    static func preHash(_ text: String, _ format: EPCISDocumentFormat) throws -> String {
        let data = Data(text.utf8)
        let document = try format == .xml ? XMLDocumentDecoder().decode(data) : JSONDocumentDecoder().decode(data)
        let event = try #require(document.events.first)
        return EventHasher(for: document, format: format).preHashString(for: event)
    }

    @Test("cbvmda:countryOfOrigin in JSON-LD is hashed as urn:epcglobal:cbv:mda:countryOfOrigin")
    func jsonExpandsWithTheColon() throws {
        // Given the element in JSON, with the standard context's cbvmda and with it written out
        // When both are hashed
        let standard = try Self.preHash(Self.jsonStandardContext, .json)
        let declared = try Self.preHash(Self.jsonDeclared, .json)
        // Then the element is named by the namespace the ratified context gives it
        #expect(standard.contains("ilmd{urn:epcglobal:cbv:mda:}countryOfOrigin=GB"), "\(standard)")
        #expect(standard == declared)
    }

    @Test("XML hashes cbvmda elements by the namespace the document declares, colon or not")
    func xmlKeepsItsNamespace() throws {
        // Given the element in XML under both spellings of the namespace, When both are hashed
        let withColon = try Self.preHash(Self.xmlWithColon, .xml)
        let withoutColon = try Self.preHash(Self.xmlWithoutColon, .xml)
        // Then each is named by its own namespace
        #expect(withColon.contains("{urn:epcglobal:cbv:mda:}countryOfOrigin=GB"), "\(withColon)")
        #expect(withoutColon.contains("{urn:epcglobal:cbv:mda}countryOfOrigin=GB"), "\(withoutColon)")
    }

    @Test("JSON-LD and XML that declare the same cbvmda namespace hash the event alike")
    func jsonAndXMLAgree() throws {
        let json = try Self.preHash(Self.jsonDeclared, .json)
        #expect(json == (try Self.preHash(Self.xmlWithColon, .xml)))
        #expect(json == (try Self.preHash(Self.jsonStandardContext, .json)))
    }

    @Test("in compatibility mode an undeclared cbvmda prefix is hashed as written, as the reference tool does")
    func compatibilityMode() throws {
        // Given JSON that relies on the standard context for cbvmda
        let document = try JSONDocumentDecoder().decode(Data(Self.jsonStandardContext.utf8))
        var hasher = EventHasher(for: document)
        hasher.keepsUndeclaredStandardPrefixes = true
        // When it is hashed in the reference's compatibility mode
        let preHash = hasher.preHashString(for: try #require(document.events.first))
        // Then the prefix stays as written
        #expect(preHash.contains("ilmdcbvmda:countryOfOrigin=GB"), "\(preHash)")
    }
}
