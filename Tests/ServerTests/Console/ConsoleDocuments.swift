import Foundation

/// EPCIS documents written by hand for the console tests (not made by DemoChains): an infant formula lot in JSON-LD
/// with parties, places and the product named in Chinese and English, and serialised cans in XML whose master data
/// is Chinese only. Event times are days before `now`, so that the dashboard's weeks hold them.
enum ConsoleDocuments {
    static let lot = "https://id.gs1.org/01/06920000000012/10/L2611"
    static let dairy = "urn:epc:id:pgln:6920000.00001"
    static let coldChain = "urn:epc:id:pgln:6920000.00002"
    static let market = "urn:epc:id:pgln:6920000.00003"

    /// `2026-03-01T10:00:00+08:00` for an instant.
    static func china(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3_600)
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'+08:00'"
        return formatter.string(from: date)
    }

    /// The formula lot L2611: made at the dairy's plant (100 cans), shipped to the cold chain, received there short
    /// (90: a quantity mismatch), 60 shipped on to the market and received there, so that the cold chain (30) and
    /// the market (60) hold it. The cold chain's licence is revoked, so each of its steps is an unlicensed party's.
    static func formulaJSON(now: Date) -> String {
        func at(_ days: Double) -> String { china(now.addingTimeInterval(-days * 86_400)) }
        let places = [
            dairy: "urn:epc:id:sgln:6920000.00001.0", coldChain: "urn:epc:id:sgln:6920000.00002.0",
            market: "urn:epc:id:sgln:6920000.00003.0",
        ]
        func event(_ days: Double, _ step: String, _ quantity: Int, at place: String, from: String? = nil,
                   to: String? = nil, advice: String? = nil, action: String = "OBSERVE") -> String
        {
            var text = #"{"type": "ObjectEvent", "eventTime": "\#(at(days))", "eventTimeZoneOffset": "+08:00", "#
                + #""action": "\#(action)", "bizStep": "\#(step)", "#
                + #""quantityList": [{"epcClass": "urn:epc:class:lgtin:6920000.000001.L2611", "#
                + #""quantity": \#(quantity), "#
                + #""uom": "EA"}], "bizLocation": {"id": "\#(place)"}"#
            // The owning party beside its place: the trace names a place's holder by it.
            if let from, let place = places[from] {
                text += #", "sourceList": [{"type": "owning_party", "source": "\#(from)"}, "#
                    + #"{"type": "location", "source": "\#(place)"}]"#
            }
            if let to, let place = places[to] {
                text += #", "destinationList": [{"type": "owning_party", "destination": "\#(to)"}, "#
                    + #"{"type": "location", "destination": "\#(place)"}]"#
            }
            if let advice {
                text += #", "bizTransactionList": [{"type": "desadv", "#
                    + #""bizTransaction": "urn:epcglobal:cbv:bt:6920000000012:\#(advice)"}]"#
            }
            return text + "}"
        }
        func named(_ id: String, _ zh: String, _ en: String, extra: String = "") -> String {
            #"{"id": "\#(id)", "attributes": [{"id": "cbvmda:name", "#
                + #""attribute": {"@value": "\#(zh)", "@language": "zh-CN"}}, "#
                + #"{"id": "cbvmda:name", "attribute": {"@value": "\#(en)", "@language": "en"}}\#(extra)]}"#
        }
        func attribute(_ name: String, _ value: String) -> String {
            #", {"id": "https://ns.suyuan.org/mda#\#(name)", "attribute": "\#(value)"}"#
        }
        let parties = [
            named(dairy, "内蒙古乳业有限公司", "Inner Mongolia Dairy Co.",
                  extra: attribute("licenceStatus", "active") + attribute("licenceNumber", "SC10615010000011")),
            named(coldChain, "杭州鲜达冷链物流", "Hangzhou Xianda Cold Chain", extra: attribute("licenceStatus", "revoked")),
        ].joined(separator: ",\n")
        let locations = [
            named("urn:epc:id:sgln:6920000.00001.0", "呼和浩特工厂", "Hohhot plant", extra: attribute("owner", dairy)),
            named("urn:epc:id:sgln:6920000.00002.0", "杭州冷库", "Hangzhou cold store",
                  extra: attribute("owner", coldChain)),
        ].joined(separator: ",\n")
        let plant = "urn:epc:id:sgln:6920000.00001.0"
        let store = "urn:epc:id:sgln:6920000.00002.0"
        let events = [
            event(10, "commissioning", 100, at: plant, action: "ADD"),
            event(9, "shipping", 100, at: plant, from: dairy, to: coldChain, advice: "DESADV-1"),
            event(8.75, "receiving", 90, at: store, from: dairy, to: coldChain, advice: "DESADV-1"),
            event(3, "shipping", 60, at: store, from: coldChain, to: market, advice: "DESADV-2"),
            event(2.5, "receiving", 60, at: "urn:epc:id:sgln:6920000.00003.0", from: coldChain, to: market,
                  advice: "DESADV-2"),
        ].joined(separator: ",\n")
        let created = at(0)
        return #"""
            {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
             "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "\#(created)",
             "epcisHeader": {"epcisMasterData": {"vocabularyList": [
               {"type": "urn:epcglobal:epcis:vtype:Party", "vocabularyElementList": [\#(parties)]},
               {"type": "urn:epcglobal:epcis:vtype:BusinessLocation", "vocabularyElementList": [\#(locations)]},
               {"type": "urn:epcglobal:epcis:vtype:EPCClass", "vocabularyElementList": [
                 {"id": "https://id.gs1.org/01/06920000000012", "attributes": [
                   {"id": "cbvmda:descriptionShort", "attribute": {"@value": "婴幼儿配方奶粉 900克", "@language": "zh-CN"}},
                   {"id": "cbvmda:descriptionShort",
                    "attribute": {"@value": "Infant formula 900 g", "@language": "en"}}]}]}
             ]}},
             "epcisBody": {"eventList": [\#(events)]}}
            """#
    }

    /// Two serialised cans in XML, named only in Chinese: made at the plant, received at the market with no shipment
    /// behind it, can 1 sold there twice (a clone).
    static func cansXML(now: Date) -> String {
        func at(_ days: Double) -> String { china(now.addingTimeInterval(-days * 86_400)) }
        func event(_ days: Double, _ step: String, _ serials: [Int], place: String, action: String = "OBSERVE")
            -> String
        {
            """
            <ObjectEvent><eventTime>\(at(days))</eventTime><eventTimeZoneOffset>+08:00</eventTimeZoneOffset>
            <epcList>\(serials.map { "<epc>urn:epc:id:sgtin:6920000.000002.\($0)</epc>" }.joined())</epcList>
            <action>\(action)</action><bizStep>urn:epcglobal:cbv:bizstep:\(step)</bizStep>
            <bizLocation><id>\(place)</id></bizLocation></ObjectEvent>
            """
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0"
                creationDate="\(at(0))">
            <EPCISHeader><extension><EPCISMasterData><VocabularyList>
            <Vocabulary type="urn:epcglobal:epcis:vtype:Party"><VocabularyElementList>
            <VocabularyElement id="\(market)">
            <attribute id="urn:epcglobal:cbv:mda#name" xml:lang="zh-CN">西湖区惠民超市</attribute>
            <attribute id="https://ns.suyuan.org/mda#licenceStatus">active</attribute></VocabularyElement>
            </VocabularyElementList></Vocabulary>
            <Vocabulary type="urn:epcglobal:epcis:vtype:BusinessLocation"><VocabularyElementList>
            <VocabularyElement id="urn:epc:id:sgln:6920000.00003.0">
            <attribute id="urn:epcglobal:cbv:mda#name">惠民超市西湖店</attribute>
            <attribute id="https://ns.suyuan.org/mda#owner">\(market)</attribute></VocabularyElement>
            </VocabularyElementList></Vocabulary>
            </VocabularyList></EPCISMasterData></extension></EPCISHeader>
            <EPCISBody><EventList>
            \(event(5, "commissioning", [1, 2], place: "urn:epc:id:sgln:6920000.00001.0", action: "ADD"))
            \(event(4, "receiving", [1, 2], place: "urn:epc:id:sgln:6920000.00003.0"))
            \(event(2, "retail_selling", [1], place: "urn:epc:id:sgln:6920000.00003.0"))
            \(event(1, "retail_selling", [1], place: "urn:epc:id:sgln:6920000.00003.0"))
            </EventList></EPCISBody></epcis:EPCISDocument>
            """
    }
}
