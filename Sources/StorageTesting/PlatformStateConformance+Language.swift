import EPCIS
import Foundation
import Storage
import Testing

extension PlatformStateConformance {
    /// A master data value in several languages reads back with each language kept (JSON-LD `@language`, XML
    /// `xml:lang`), its text alone compared by queries; untagged values stay plain text.
    public func languageTaggedMasterDataKeepsItsLanguage() async throws {
        // Given a product class named in Chinese and in English, and once without a language
        let store = try await makeStore()
        let xmlTagged = ExtensionValue.object([
            ExtensionElement(
                name: QualifiedName(namespace: ExtensionValue.xmlNamespace, localName: "lang", prefix: "xml"),
                value: .string("en")),
            ExtensionElement(name: QualifiedName(namespace: "", localName: "@value"), value: .string("Pork carcass")),
        ])
        let product = VocabularyElement(
            id: "https://id.gs1.org/01/06901234000016",
            attributes: [
                VocabularyAttribute(
                    id: Self.mda("descriptionShort"), value: .languageTagged("冷鲜猪胴体", language: "zh-CN")),
                VocabularyAttribute(id: Self.mda("descriptionShort"), value: xmlTagged),
                VocabularyAttribute(id: Self.mda("descriptionShort"), value: .string("Carcass")),
            ])
        // When
        try await capture(["urn:epcglobal:epcis:vtype:EPCClass": [product]], in: store, serial: "7")
        let classes = try await store.vocabularyElements(type: "urn:epcglobal:epcis:vtype:EPCClass")
        // Then every value keeps its language, in the order captured
        let values = try #require(classes.first).attributes.map(\.value)
        #expect(values == [
            .languageTagged("冷鲜猪胴体", language: "zh-CN"), .languageTagged("Pork carcass", language: "en"),
            .string("Carcass"),
        ])
        #expect(values.map(\.masterDataText) == ["冷鲜猪胴体", "Pork carcass", "Carcass"])
    }
}
