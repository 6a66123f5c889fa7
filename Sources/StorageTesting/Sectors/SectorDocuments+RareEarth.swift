extension SectorDocuments {
    static let mine = "urn:epc:id:pgln:6901234.40001"
    static let separator = "urn:epc:id:pgln:6901234.40002"
    static let oxide2 = "urn:epc:class:lgtin:6901234.130002.OX2"

    /// A rare earth mine → a separation plant → an exporter (XML). The mine's 2026 quota is 2,000 t; it mines 1,200 t
    /// in March and 900,000 kg in May (clean: 800 t). The plant's separation quota is 100 t a year: it separates
    /// 1,000 t of ore (grade 5 %) into 50 t of oxide, then 800 t into 60 t (clean: 40 t), which is more than the ore
    /// holds, and ships the oxide to the exporter.
    static func rareEarthXML(clean: Bool) -> String {
        func mined(_ id: String, _ date: String, _ quantity: String, _ uom: String) -> String {
            """
            <ObjectEvent><eventTime>\(date)T08:00:00+08:00</eventTime><eventTimeZoneOffset>+08:00</eventTimeZoneOffset>
            <eventID>https://events.example.cn/rare-earth/\(id)</eventID><epcList/><action>ADD</action>
            <bizStep>urn:epcglobal:cbv:bizstep:commissioning</bizStep>
            <bizLocation><id>urn:epc:id:sgln:6901234.40001.0</id></bizLocation>
            <quantityList><quantityElement><epcClass>urn:epc:class:lgtin:6901234.130001.\(id.uppercased())\
            </epcClass><quantity>\(quantity)</quantity><uom>\(uom)</uom></quantityElement></quantityList>
            </ObjectEvent>
            """
        }
        func separated(_ id: String, _ date: String, _ ore: String, _ tonnes: String, _ oxide: String) -> String {
            """
            <TransformationEvent><eventTime>\(date)T08:00:00+08:00</eventTime>
            <eventTimeZoneOffset>+08:00</eventTimeZoneOffset>
            <eventID>https://events.example.cn/rare-earth/\(id)</eventID>
            <inputQuantityList><quantityElement><epcClass>urn:epc:class:lgtin:6901234.130001.\(ore)</epcClass>
            <quantity>\(tonnes)</quantity><uom>TNE</uom></quantityElement></inputQuantityList>
            <outputQuantityList><quantityElement><epcClass>\(oxide)</epcClass>
            <quantity>\(clean || id == "sep1" ? (id == "sep1" ? "50" : "40") : "60")</quantity><uom>TNE</uom>
            </quantityElement></outputQuantityList>
            <bizLocation><id>urn:epc:id:sgln:6901234.40002.0</id></bizLocation>
            </TransformationEvent>
            """
        }
        let events = [
            mined("m1", "2026-03-02", "1200", "TNE"),
            mined("m2", "2026-05-06", clean ? "800" : "900000", clean ? "TNE" : "KGM"),
            separated("sep1", "2026-03-20", "M1", "1000", "urn:epc:class:lgtin:6901234.130002.OX1"),
            separated("sep2", "2026-05-20", "M2", "800", oxide2),
        ]
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0"
                creationDate="2026-06-01T12:00:00+08:00">
            <EPCISHeader><extension><EPCISMasterData><VocabularyList>
            <Vocabulary type="urn:epcglobal:epcis:vtype:EPCClass"><VocabularyElementList>
            <VocabularyElement id="https://id.gs1.org/01/16901234300014">
            <attribute id="urn:epcglobal:cbv:mda#descriptionShort" xml:lang="zh-CN">离子型稀土原矿</attribute>
            <attribute id="https://ns.suyuan.org/mda#category">rareEarthOre</attribute>
            <attribute id="https://ns.suyuan.org/mda#reoGrade">0.05</attribute></VocabularyElement>
            <VocabularyElement id="https://id.gs1.org/01/16901234300021">
            <attribute id="urn:epcglobal:cbv:mda#descriptionShort" xml:lang="zh-CN">混合稀土氧化物</attribute>
            <attribute id="https://ns.suyuan.org/mda#category">rareEarthOxide</attribute></VocabularyElement>
            </VocabularyElementList></Vocabulary>
            <Vocabulary type="urn:epcglobal:epcis:vtype:Party"><VocabularyElementList>
            <VocabularyElement id="\(mine)">
            <attribute id="urn:epcglobal:cbv:mda#name" xml:lang="zh-CN">赣州稀土矿业</attribute>
            <attribute id="https://ns.suyuan.org/mda#miningQuota.2026">2000</attribute></VocabularyElement>
            <VocabularyElement id="\(separator)">
            <attribute id="urn:epcglobal:cbv:mda#name" xml:lang="zh-CN">稀土分离厂</attribute>
            <attribute id="https://ns.suyuan.org/mda#separationQuota">100</attribute></VocabularyElement>
            </VocabularyElementList></Vocabulary>
            <Vocabulary type="urn:epcglobal:epcis:vtype:BusinessLocation"><VocabularyElementList>
            <VocabularyElement id="urn:epc:id:sgln:6901234.40001.0">
            <attribute id="https://ns.suyuan.org/mda#owner">\(mine)</attribute></VocabularyElement>
            <VocabularyElement id="urn:epc:id:sgln:6901234.40002.0">
            <attribute id="https://ns.suyuan.org/mda#owner">\(separator)</attribute></VocabularyElement>
            </VocabularyElementList></Vocabulary>
            </VocabularyList></EPCISMasterData></extension></EPCISHeader>
            <EPCISBody><EventList>
            \(events.joined(separator: "\n"))
            </EventList></EPCISBody></epcis:EPCISDocument>
            """
    }
}
