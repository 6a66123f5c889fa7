import Foundation

extension SectorDocuments {
    static let milk1 = "urn:epc:class:lgtin:6901234.140001.MILK1"
    static let milk2 = "urn:epc:class:lgtin:6901234.140001.MILK2"
    static let vaccine = "urn:epc:class:lgtin:6901234.140002.VAC1"
    static let pallet = "urn:epc:id:sscc:6901234.0000000017"

    /// A cold chain for dairy and vaccines (JSON, master data in Chinese). Fresh milk must stay within 2–6 °C;
    /// the vaccine within 35.6–46.4 °F (2–8 °C). Milk lot 1's truck reads 4, 9, 10, 5 °C (clean: 4, 5, 5.5, 5) —
    /// an excursion of two hours at the truck; lot 2 reads 39.2 °F (4 °C). The vaccine is packed on a pallet whose
    /// logger reads in kelvin: 278.15, 283.15 (10 °C), 277.15 (clean: 280.15 in the middle).
    static func coldChainJSON(clean: Bool) -> String {
        func reading(_ id: String, _ time: String, _ value: Double, _ uom: String, _ items: String, at place: String)
            -> String
        {
            #"""
            {"type": "ObjectEvent", "eventTime": "2026-07-01T\#(time):00+08:00", "eventTimeZoneOffset": "+08:00",
             "eventID": "https://events.example.cn/cold/\#(id)", "action": "OBSERVE",
             "bizStep": "sensor_reporting", \#(items),
             "bizLocation": {"id": "\#(place)"},
             "sensorElementList": [{"sensorMetadata": {"time": "2026-07-01T\#(time):00+08:00",
                                                       "deviceID": "urn:epc:id:giai:6901234.LOGGER7"},
               "sensorReport": [{"type": "gs1:Temperature", "value": \#(value), "uom": "\#(uom)"}]}]}
            """#
        }
        let truck = "urn:epc:id:sgln:6901234.50001.0"
        let store = "urn:epc:id:sgln:6901234.50002.0"
        let milk1Items = #""quantityList": [{"epcClass": "\#(milk1)", "quantity": 500, "uom": "LTR"}]"#
        let milk2Items = #""quantityList": [{"epcClass": "\#(milk2)", "quantity": 300, "uom": "LTR"}]"#
        let palletItems = #""epcList": ["\#(pallet)"]"#
        let milk = clean ? [4.0, 5, 5.5, 5] : [4.0, 9, 10, 5]
        var events = [
            #"""
            {"type": "AggregationEvent", "eventTime": "2026-07-01T07:00:00+08:00", "eventTimeZoneOffset": "+08:00",
             "eventID": "https://events.example.cn/cold/pack", "parentID": "\#(pallet)", "action": "ADD",
             "bizStep": "packing", "childQuantityList": [{"epcClass": "\#(vaccine)", "quantity": 2000}],
             "bizLocation": {"id": "\#(store)"}}
            """#,
        ]
        for (index, value) in milk.enumerated() {
            let time = String(format: "%02d:00", 8 + index)
            events.append(reading("milk1-\(index)", time, value, "CEL", milk1Items, at: truck))
        }
        events.append(reading("milk2-0", "09:00", 39.2, "FAH", milk2Items, at: truck))
        for (index, value) in [278.15, clean ? 280.15 : 283.15, 277.15].enumerated() {
            events.append(reading("vac-\(index)", "1\(index):00", value, "KEL", palletItems, at: store))
        }
        return #"""
            {
              "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"gs1": "https://gs1.org/voc/"}],
              "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-07-02T12:00:00+08:00",
              "epcisHeader": {"epcisMasterData": {"vocabularyList": [
                {"type": "urn:epcglobal:epcis:vtype:EPCClass", "vocabularyElementList": [
                  {"id": "https://id.gs1.org/01/16901234400011", "attributes": [
                    {"id": "urn:epcglobal:cbv:mda#descriptionShort",
                     "attribute": {"@value": "巴氏杀菌鲜牛奶", "@language": "zh-CN"}},
                    {"id": "https://ns.suyuan.org/mda#category", "attribute": "dairy"},
                    {"id": "https://ns.suyuan.org/mda#minTemperature", "attribute": "2"},
                    {"id": "https://ns.suyuan.org/mda#maxTemperature", "attribute": "6"}]},
                  {"id": "https://id.gs1.org/01/16901234400028", "attributes": [
                    {"id": "urn:epcglobal:cbv:mda#descriptionShort",
                     "attribute": {"@value": "乙肝疫苗", "@language": "zh-CN"}},
                    {"id": "https://ns.suyuan.org/mda#category", "attribute": "vaccine"},
                    {"id": "https://ns.suyuan.org/mda#minTemperature", "attribute": "35.6"},
                    {"id": "https://ns.suyuan.org/mda#maxTemperature", "attribute": "46.4"},
                    {"id": "https://ns.suyuan.org/mda#temperatureUom", "attribute": "FAH"}]}
                ]}
              ]}},
              "epcisBody": {"eventList": [
                \#(events.joined(separator: ",\n"))
              ]}
            }
            """#
    }
}
