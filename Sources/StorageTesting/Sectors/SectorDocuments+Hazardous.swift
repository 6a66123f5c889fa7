extension SectorDocuments {
    static let chemicalPlant = "urn:epc:id:pgln:6901234.20001"
    static let chemicalWarehouse = "urn:epc:id:pgln:6901234.20002"
    static let waterworks = "urn:epc:id:pgln:6901234.20003"
    static let quarry = "urn:epc:id:pgln:6901234.20004"
    static let chlorine = "urn:epc:class:lgtin:6901234.120001.CL1"
    static let explosive = "urn:epc:class:lgtin:6901234.120002.EX1"

    /// A chemical plant → a hazardous goods warehouse → users (JSON, master data in Chinese). The plant makes 10 t
    /// of liquid chlorine and 5 t of emulsion explosive and ships both to the warehouse (licensed for both). The
    /// warehouse ships 3 t of chlorine to the waterworks (licensed for chemicals only) and 1 t of explosive to the
    /// waterworks too (clean: to the quarry, licensed for explosives), then counts its chlorine: 6.5 t (clean: 7 t).
    static func hazardousJSON(clean: Bool) -> String {
        let explosiveTo = clean ? quarry : waterworks
        let explosivePlace = clean ? "urn:epc:id:sgln:6901234.20004.0" : "urn:epc:id:sgln:6901234.20003.0"
        func move(_ id: String, _ time: String, _ step: String, _ item: String, _ tonnes: Double,
                  from: (String, String), to: (String, String), at place: String) -> String {
            #"""
            {"type": "ObjectEvent", "eventTime": "2026-05-\#(time):00+08:00", "eventTimeZoneOffset": "+08:00",
             "eventID": "https://events.example.cn/hazardous/\#(id)", "action": "OBSERVE", "bizStep": "\#(step)",
             "quantityList": [{"epcClass": "\#(item)", "quantity": \#(tonnes), "uom": "TNE"}],
             "bizLocation": {"id": "\#(place)"},
             "sourceList": [{"type": "owning_party", "source": "\#(from.0)"}, {"type": "location", "source": "\#(from.1)"}],
             "destinationList": [{"type": "owning_party", "destination": "\#(to.0)"},
                                 {"type": "location", "destination": "\#(to.1)"}]}
            """#
        }
        let plant = (chemicalPlant, "urn:epc:id:sgln:6901234.20001.0")
        let warehouse = (chemicalWarehouse, "urn:epc:id:sgln:6901234.20002.0")
        let user = (waterworks, "urn:epc:id:sgln:6901234.20003.0")
        let blaster = (explosiveTo, explosivePlace)
        let events = [
            #"""
            {"type": "ObjectEvent", "eventTime": "2026-05-01T08:00:00+08:00", "eventTimeZoneOffset": "+08:00",
             "eventID": "https://events.example.cn/hazardous/make", "action": "ADD", "bizStep": "commissioning",
             "quantityList": [{"epcClass": "\#(chlorine)", "quantity": 10, "uom": "TNE"},
                              {"epcClass": "\#(explosive)", "quantity": 5, "uom": "TNE"}],
             "bizLocation": {"id": "urn:epc:id:sgln:6901234.20001.0"}}
            """#,
            move("ship-cl", "02T08:00", "shipping", chlorine, 10, from: plant, to: warehouse, at: plant.1),
            move("ship-ex", "02T08:30", "shipping", explosive, 5, from: plant, to: warehouse, at: plant.1),
            move("recv-cl", "02T14:00", "receiving", chlorine, 10, from: plant, to: warehouse, at: warehouse.1),
            move("recv-ex", "02T14:30", "receiving", explosive, 5, from: plant, to: warehouse, at: warehouse.1),
            move("issue-cl", "03T09:00", "shipping", chlorine, 3, from: warehouse, to: user, at: warehouse.1),
            move("issue-ex", "03T09:30", "shipping", explosive, 1, from: warehouse, to: blaster, at: warehouse.1),
            move("use-cl", "03T15:00", "receiving", chlorine, 3, from: warehouse, to: user, at: user.1),
            move("use-ex", "03T15:30", "receiving", explosive, 1, from: warehouse, to: blaster, at: blaster.1),
            #"""
            {"type": "ObjectEvent", "eventTime": "2026-05-04T18:00:00+08:00", "eventTimeZoneOffset": "+08:00",
             "eventID": "https://events.example.cn/hazardous/count", "action": "OBSERVE", "bizStep": "cycle_counting",
             "quantityList": [{"epcClass": "\#(chlorine)", "quantity": \#(clean ? "7" : "6.5"), "uom": "TNE"},
                              {"epcClass": "\#(explosive)", "quantity": 4, "uom": "TNE"}],
             "bizLocation": {"id": "urn:epc:id:sgln:6901234.20002.0"}}
            """#,
        ]
        func party(_ id: String, _ name: String, _ licences: String) -> String {
            #"""
            {"id": "\#(id)", "attributes": [
              {"id": "urn:epcglobal:cbv:mda#name", "attribute": {"@value": "\#(name)", "@language": "zh-CN"}},
              {"id": "https://ns.suyuan.org/mda#licences", "attribute": "\#(licences)"}]}
            """#
        }
        return #"""
            {
              "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
              "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-05-05T12:00:00+08:00",
              "epcisHeader": {"epcisMasterData": {"vocabularyList": [
                {"type": "urn:epcglobal:epcis:vtype:EPCClass", "vocabularyElementList": [
                  {"id": "https://id.gs1.org/01/16901234200017", "attributes": [
                    {"id": "urn:epcglobal:cbv:mda#descriptionShort", "attribute": {"@value": "液氯", "@language": "zh-CN"}},
                    {"id": "https://ns.suyuan.org/mda#licenceClass", "attribute": "hazardousChemical"}]},
                  {"id": "https://id.gs1.org/01/16901234200024", "attributes": [
                    {"id": "urn:epcglobal:cbv:mda#descriptionShort", "attribute": {"@value": "乳化炸药", "@language": "zh-CN"}},
                    {"id": "https://ns.suyuan.org/mda#licenceClass", "attribute": "explosive"}]}
                ]},
                {"type": "urn:epcglobal:epcis:vtype:Party", "vocabularyElementList": [
                  \#(party(chemicalPlant, "化工厂", "hazardousChemical,explosive")),
                  \#(party(chemicalWarehouse, "危化品仓库", "hazardousChemical，explosive")),
                  \#(party(waterworks, "自来水厂", "hazardousChemical")),
                  \#(party(quarry, "采石场", "explosive"))
                ]}
              ]}},
              "epcisBody": {"eventList": [
                \#(events.joined(separator: ",\n"))
              ]}
            }
            """#
    }
}
