/// Hand-written EPCIS documents for the sector rules, each with an injected violation or, `clean`, without it.
enum SectorDocuments {
    static let pesticide = "https://id.suyuan.org/cn/pesticide/10800051001123456789012345678901"

    /// A vegetable farm and a pig farm (JSON, master data in Chinese). Field 1 is sprayed with imidacloprid (a
    /// pesticide code, pre-harvest interval 7 days) on 1 March and harvested on the 5th (clean: the 9th); the lot is
    /// washed and packed the next day. Field 2 is sprayed the same day and harvested on the 10th. Pigs 1 and 2 are
    /// given amoxicillin (withdrawal 28 days) on 1 March; pig 1 is slaughtered on the 20th (clean: 2 April) and its
    /// pork cut the next day; pig 2 on 5 April.
    static func farmJSON(clean: Bool) -> String {
        let harvest1 = clean ? "2026-03-09" : "2026-03-05"
        let pack1 = clean ? "2026-03-10" : "2026-03-06"
        let slaughter1 = clean ? "2026-04-02" : "2026-03-20"
        let cut1 = clean ? "2026-04-03" : "2026-03-21"
        return #"""
            {
              "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
              "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-04-06T12:00:00+08:00",
              "epcisHeader": {"epcisMasterData": {"vocabularyList": [
                {"type": "urn:epcglobal:epcis:vtype:EPCClass", "vocabularyElementList": [
                  {"id": "\#(pesticide)", "attributes": [
                    {"id": "urn:epcglobal:cbv:mda#descriptionShort",
                     "attribute": {"@value": "10%吡虫啉可湿性粉剂", "@language": "zh-CN"}},
                    {"id": "https://ns.suyuan.org/mda#preHarvestIntervalDays", "attribute": "7"}]},
                  {"id": "https://id.gs1.org/01/16901234100027", "attributes": [
                    {"id": "urn:epcglobal:cbv:mda#descriptionShort",
                     "attribute": {"@value": "阿莫西林可溶性粉", "@language": "zh-CN"}},
                    {"id": "https://ns.suyuan.org/mda#withdrawalPeriodDays", "attribute": "28"}]},
                  {"id": "https://id.gs1.org/01/16901234100041", "attributes": [
                    {"id": "urn:epcglobal:cbv:mda#descriptionShort", "attribute": {"@value": "大白菜", "@language": "zh-CN"}},
                    {"id": "https://ns.suyuan.org/mda#category", "attribute": "vegetable"}]}
                ]},
                {"type": "urn:epcglobal:epcis:vtype:BusinessLocation", "vocabularyElementList": [
                  {"id": "urn:epc:id:sgln:6901234.10001.0", "attributes": [
                    {"id": "urn:epcglobal:cbv:mda#name", "attribute": {"@value": "一号菜地", "@language": "zh-CN"}}]},
                  {"id": "urn:epc:id:sgln:6901234.10003.0", "attributes": [
                    {"id": "urn:epcglobal:cbv:mda#name", "attribute": {"@value": "二号菜地", "@language": "zh-CN"}}]}
                ]}
              ]}},
              "epcisBody": {"eventList": [
                {"type": "ObjectEvent", "eventTime": "2026-03-01T08:00:00+08:00", "eventTimeZoneOffset": "+08:00",
                 "eventID": "https://events.example.cn/farm-spray-1",
                 "epcList": ["\#(pesticide)"], "action": "OBSERVE",
                 "bizStep": "https://ns.suyuan.org/bizstep#spraying",
                 "bizLocation": {"id": "urn:epc:id:sgln:6901234.10001.0"}},
                {"type": "ObjectEvent", "eventTime": "2026-03-01T09:00:00+08:00", "eventTimeZoneOffset": "+08:00",
                 "eventID": "https://events.example.cn/farm-spray-2",
                 "epcList": ["\#(pesticide)"], "action": "OBSERVE",
                 "bizStep": "https://ns.suyuan.org/bizstep#spraying",
                 "bizLocation": {"id": "urn:epc:id:sgln:6901234.10003.0"}},
                {"type": "ObjectEvent", "eventTime": "\#(harvest1)T07:00:00+08:00", "eventTimeZoneOffset": "+08:00",
                 "eventID": "https://events.example.cn/farm-harvest-1", "action": "ADD", "bizStep": "commissioning",
                 "quantityList": [{"epcClass": "urn:epc:class:lgtin:6901234.110004.CAB1", "quantity": 800, "uom": "KGM"}],
                 "bizLocation": {"id": "urn:epc:id:sgln:6901234.10001.0"}},
                {"type": "TransformationEvent", "eventTime": "\#(pack1)T10:00:00+08:00", "eventTimeZoneOffset": "+08:00",
                 "eventID": "https://events.example.cn/farm-pack-1", "bizStep": "https://ns.suyuan.org/bizstep#packing",
                 "inputQuantityList": [{"epcClass": "urn:epc:class:lgtin:6901234.110004.CAB1", "quantity": 800, "uom": "KGM"}],
                 "outputQuantityList": [{"epcClass": "urn:epc:class:lgtin:6901234.110004.CAB1P", "quantity": 760, "uom": "KGM"}],
                 "bizLocation": {"id": "urn:epc:id:sgln:6901234.10002.0"}},
                {"type": "ObjectEvent", "eventTime": "2026-03-10T07:00:00+08:00", "eventTimeZoneOffset": "+08:00",
                 "eventID": "https://events.example.cn/farm-harvest-2", "action": "ADD", "bizStep": "commissioning",
                 "quantityList": [{"epcClass": "urn:epc:class:lgtin:6901234.110004.CAB2", "quantity": 500, "uom": "KGM"}],
                 "bizLocation": {"id": "urn:epc:id:sgln:6901234.10003.0"}},
                {"type": "ObjectEvent", "eventTime": "2026-03-01T15:00:00+08:00", "eventTimeZoneOffset": "+08:00",
                 "eventID": "https://events.example.cn/farm-treat-pigs",
                 "epcList": ["urn:epc:id:sgtin:6901234.100055.1", "urn:epc:id:sgtin:6901234.100055.2"],
                 "quantityList": [{"epcClass": "urn:epc:class:lgtin:6901234.110002.AMX1", "quantity": 0.2, "uom": "KGM"}],
                 "action": "OBSERVE", "bizStep": "https://ns.suyuan.org/bizstep#treating",
                 "bizLocation": {"id": "urn:epc:id:sgln:6901234.10005.0"}},
                {"type": "TransformationEvent", "eventTime": "\#(slaughter1)T06:00:00+08:00", "eventTimeZoneOffset": "+08:00",
                 "eventID": "https://events.example.cn/farm-slaughter-1", "bizStep": "https://ns.suyuan.org/bizstep#slaughtering",
                 "inputEPCList": ["urn:epc:id:sgtin:6901234.100055.1"],
                 "outputQuantityList": [{"epcClass": "urn:epc:class:lgtin:6901234.100062.PORK1", "quantity": 82, "uom": "KGM"}],
                 "bizLocation": {"id": "urn:epc:id:sgln:6901234.10006.0"}},
                {"type": "TransformationEvent", "eventTime": "\#(cut1)T06:00:00+08:00", "eventTimeZoneOffset": "+08:00",
                 "eventID": "https://events.example.cn/farm-cut-1",
                 "inputQuantityList": [{"epcClass": "urn:epc:class:lgtin:6901234.100062.PORK1", "quantity": 82, "uom": "KGM"}],
                 "outputQuantityList": [{"epcClass": "urn:epc:class:lgtin:6901234.100079.LOIN1", "quantity": 9, "uom": "KGM"}],
                 "bizLocation": {"id": "urn:epc:id:sgln:6901234.10006.0"}},
                {"type": "TransformationEvent", "eventTime": "2026-04-05T06:00:00+08:00", "eventTimeZoneOffset": "+08:00",
                 "eventID": "https://events.example.cn/farm-slaughter-2",
                 "inputEPCList": ["urn:epc:id:sgtin:6901234.100055.2"],
                 "outputQuantityList": [{"epcClass": "urn:epc:class:lgtin:6901234.100062.PORK2", "quantity": 80, "uom": "KGM"}],
                 "bizLocation": {"id": "urn:epc:id:sgln:6901234.10006.0"}}
              ]}
            }
            """#
    }
}
