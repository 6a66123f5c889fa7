/// EPCIS documents written by hand for the consumer page tests (not made by DemoChains): the shapes a new user
/// sends, in JSON-LD and in XML, with master data in Chinese and in English, and sparse data.
enum HandWrittenDocuments {
    static let carcassGTIN = "06901234000016"
    static let loinGTIN = "06901234000023"
    static let drugGTIN = "06901234000030"
    static let carcassPath = "/01/06901234000016/10/CARC01"
    static let loinPath = "/01/06901234000023/10/LOIN01"
    static let reportURL = "https://lab.example.cn/reports/2026-0301-17.pdf"
    static let batchRelease = "https://qa.example.cn/batch-release/AMX-2605"

    /// A pork carcass lot slaughtered, inspected (a lab report as `certificationInfo`), cut into loins (ILMD with a
    /// structured certification), shipped cold (temperature sensor readings) and received at a market; product
    /// classes and places named in master data in both languages, the market only in Chinese, the parties not at
    /// all. Times are China time (+08:00).
    static let porkJSON = #"""
        {
          "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
                       {"gs1": "https://gs1.org/voc/"}],
          "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-03-01T16:00:00+08:00",
          "epcisHeader": {"epcisMasterData": {"vocabularyList": [
            {"type": "urn:epcglobal:epcis:vtype:EPCClass", "vocabularyElementList": [
              {"id": "https://id.gs1.org/01/06901234000016", "attributes": [
                {"id": "cbvmda:descriptionShort", "attribute": {"@value": "冷鲜猪胴体", "@language": "zh-CN"}},
                {"id": "cbvmda:descriptionShort", "attribute": {"@value": "Pork carcass, chilled", "@language": "en"}},
                {"id": "cbvmda:manufacturerOfTradeItemPartyName",
                 "attribute": {"@value": "金华肉联厂", "@language": "zh-CN"}},
                {"id": "cbvmda:manufacturerOfTradeItemPartyName",
                 "attribute": {"@value": "Jinhua Meat Packers", "@language": "en"}},
                {"id": "cbvmda:countryOfOrigin", "attribute": "CN"}]},
              {"id": "urn:epc:idpat:sgtin:6901234.000002.*", "attributes": [
                {"id": "cbvmda:descriptionShort", "attribute": {"@value": "冷鲜猪里脊", "@language": "zh-CN"}},
                {"id": "cbvmda:descriptionShort", "attribute": {"@value": "Pork loin, chilled", "@language": "en"}}]}
            ]},
            {"type": "urn:epcglobal:epcis:vtype:BusinessLocation", "vocabularyElementList": [
              {"id": "urn:epc:id:sgln:6901234.00001.0", "attributes": [
                {"id": "cbvmda:name", "attribute": {"@value": "金华屠宰场", "@language": "zh-CN"}},
                {"id": "cbvmda:name", "attribute": {"@value": "Jinhua Slaughterhouse", "@language": "en"}},
                {"id": "cbvmda:city", "attribute": {"@value": "金华", "@language": "zh-CN"}},
                {"id": "cbvmda:city", "attribute": {"@value": "Jinhua", "@language": "en"}}]},
              {"id": "urn:epc:id:sgln:6901234.00002.0", "attributes": [
                {"id": "cbvmda:name", "attribute": "杭州农贸市场"}]}
            ]}
          ]}},
          "epcisBody": {"eventList": [
            {"type": "ObjectEvent", "eventTime": "2026-03-01T06:00:00+08:00", "eventTimeZoneOffset": "+08:00",
             "action": "ADD", "bizStep": "commissioning", "disposition": "active",
             "quantityList": [{"epcClass": "urn:epc:class:lgtin:6901234.000001.CARC01", "quantity": 100, "uom": "KGM"}],
             "bizLocation": {"id": "urn:epc:id:sgln:6901234.00001.0"}},
            {"type": "ObjectEvent", "eventTime": "2026-03-01T08:30:00+08:00", "eventTimeZoneOffset": "+08:00",
             "action": "OBSERVE", "bizStep": "inspecting", "disposition": "conformant",
             "quantityList": [{"epcClass": "urn:epc:class:lgtin:6901234.000001.CARC01", "quantity": 100, "uom": "KGM"}],
             "bizLocation": {"id": "urn:epc:id:sgln:6901234.00001.0"},
             "certificationInfo": "https://lab.example.cn/reports/2026-0301-17.pdf"},
            {"type": "TransformationEvent", "eventTime": "2026-03-01T10:00:00+08:00", "eventTimeZoneOffset": "+08:00",
             "bizStep": "commissioning",
             "inputQuantityList": [{"epcClass": "urn:epc:class:lgtin:6901234.000001.CARC01", "quantity": 100,
                                    "uom": "KGM"}],
             "outputQuantityList": [{"epcClass": "urn:epc:class:lgtin:6901234.000002.LOIN01", "quantity": 8,
                                     "uom": "KGM"}],
             "bizLocation": {"id": "urn:epc:id:sgln:6901234.00001.0"},
             "ilmd": {"cbvmda:itemExpirationDate": "2026-03-08",
                      "gs1:certification": {"gs1:certificationStandard": "GB 2707-2016",
                                            "gs1:certificationAgency": "浙江省食品检验研究院",
                                            "gs1:certificationValue": "合格",
                                            "gs1:certificationIdentification": "ZJ-2026-0301"}}},
            {"type": "ObjectEvent", "eventTime": "2026-03-01T12:00:00+08:00", "eventTimeZoneOffset": "+08:00",
             "action": "OBSERVE", "bizStep": "shipping", "disposition": "in_transit",
             "quantityList": [{"epcClass": "urn:epc:class:lgtin:6901234.000002.LOIN01", "quantity": 8, "uom": "KGM"}],
             "bizLocation": {"id": "urn:epc:id:sgln:6901234.00001.0"},
             "sourceList": [{"type": "owning_party", "source": "urn:epc:id:pgln:6901234.00009"}],
             "destinationList": [{"type": "owning_party", "destination": "urn:epc:id:pgln:6901234.00008"}],
             "sensorElementList": [{"sensorReport": [
               {"type": "Temperature", "value": 2, "uom": "CEL"}, {"type": "Temperature", "value": 4, "uom": "CEL"},
               {"type": "Temperature", "value": 3, "uom": "CEL"}]}]},
            {"type": "ObjectEvent", "eventTime": "2026-03-01T15:00:00+08:00", "eventTimeZoneOffset": "+08:00",
             "action": "OBSERVE", "bizStep": "receiving", "disposition": "sellable_accessible",
             "quantityList": [{"epcClass": "urn:epc:class:lgtin:6901234.000002.LOIN01", "quantity": 8, "uom": "KGM"}],
             "bizLocation": {"id": "urn:epc:id:sgln:6901234.00002.0"},
             "sourceList": [{"type": "owning_party", "source": "urn:epc:id:pgln:6901234.00009"}],
             "destinationList": [{"type": "owning_party", "destination": "urn:epc:id:pgln:6901234.00008"}]}
          ]}
        }
        """#

    /// Drug packs in XML: the class named with `xml:lang`, two pharmacies; packs 1–4 commissioned, released by the
    /// maker's quality inspection (a batch release certificate as `certificationInfo`) and received at pharmacy A;
    /// pack 2 sold there, pack 3 sold at pharmacy B (which never received it), pack 4 sold twice.
    static var drugXML: String {
        func event(_ time: String, _ step: String, _ serials: [Int], at place: String, action: String = "OBSERVE")
            -> String
        {
            """
            <ObjectEvent><eventTime>2026-05-0\(time)+08:00</eventTime><eventTimeZoneOffset>+08:00</eventTimeZoneOffset>
            <epcList>\(serials.map { "<epc>urn:epc:id:sgtin:6901234.000003.\($0)</epc>" }.joined())</epcList>
            <action>\(action)</action><bizStep>urn:epcglobal:cbv:bizstep:\(step)</bizStep>
            <bizLocation><id>urn:epc:id:sgln:6901234.0000\(place).0</id></bizLocation></ObjectEvent>
            """
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0"
                creationDate="2026-05-04T12:00:00+08:00">
            <EPCISHeader><extension><EPCISMasterData><VocabularyList>
            <Vocabulary type="urn:epcglobal:epcis:vtype:EPCClass"><VocabularyElementList>
            <VocabularyElement id="urn:epc:idpat:sgtin:6901234.000003.*">
            <attribute id="urn:epcglobal:cbv:mda#regulatedProductName" xml:lang="zh-CN">阿莫西林胶囊</attribute>
            <attribute id="urn:epcglobal:cbv:mda#regulatedProductName" xml:lang="en">\
            Amoxicillin capsules 0.25 g</attribute>
            </VocabularyElement></VocabularyElementList></Vocabulary>
            <Vocabulary type="urn:epcglobal:epcis:vtype:BusinessLocation"><VocabularyElementList>
            <VocabularyElement id="urn:epc:id:sgln:6901234.00005.0">
            <attribute id="urn:epcglobal:cbv:mda#name" xml:lang="zh-CN">仁心大药房</attribute>
            <attribute id="urn:epcglobal:cbv:mda#name" xml:lang="en">Renxin Pharmacy</attribute></VocabularyElement>
            <VocabularyElement id="urn:epc:id:sgln:6901234.00006.0">
            <attribute id="urn:epcglobal:cbv:mda#name">Kangjian Pharmacy</attribute></VocabularyElement>
            </VocabularyElementList></Vocabulary>
            </VocabularyList></EPCISMasterData></extension></EPCISHeader>
            <EPCISBody><EventList>
            \(event("1T08:00:00", "commissioning", [1, 2, 3, 4], at: "4", action: "ADD"))
            <ObjectEvent><eventTime>2026-05-01T09:00:00+08:00</eventTime>
            <eventTimeZoneOffset>+08:00</eventTimeZoneOffset>
            <certificationInfo>\(batchRelease)</certificationInfo>
            <epcList>\((1...4).map { "<epc>urn:epc:id:sgtin:6901234.000003.\($0)</epc>" }.joined())</epcList>
            <action>OBSERVE</action><bizStep>urn:epcglobal:cbv:bizstep:inspecting</bizStep>
            <disposition>urn:epcglobal:cbv:disp:conformant</disposition>
            <bizLocation><id>urn:epc:id:sgln:6901234.00004.0</id></bizLocation></ObjectEvent>
            \(event("2T09:00:00", "receiving", [1, 2, 3, 4], at: "5"))
            \(event("3T10:15:00", "retail_selling", [2, 4], at: "5"))
            \(event("3T11:00:00", "retail_selling", [3], at: "6"))
            \(event("4T09:30:00", "retail_selling", [4], at: "5"))
            </EventList></EPCISBody></epcis:EPCISDocument>
            """
    }

    /// Sparse data: one commissioning, no master data at all, in New York (−05:00).
    static let sparseJSON = #"""
        {"@context": "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
         "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-04-01T09:00:00-05:00",
         "epcisBody": {"eventList": [
           {"type": "ObjectEvent", "eventTime": "2026-04-01T09:00:00-05:00", "eventTimeZoneOffset": "-05:00",
            "action": "ADD", "bizStep": "commissioning", "epcList": ["urn:epc:id:sgtin:6901234.000004.77"],
            "bizLocation": {"id": "urn:epc:id:sgln:6901234.00007.0"}}]}}
        """#
}
