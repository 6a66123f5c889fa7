/// A deterministic EPCIS document of varied events in JSON-LD and in XML, with the same content in both:
/// ObjectEvents (ADD with ilmd and user extensions), AggregationEvents, TransformationEvents with ilmd, and
/// ObjectEvents with sensor data.
struct BenchEventDocuments {
    let count: Int

    private struct Event {
        let kind: Int
        let minute: Int
        let serial: Int
        let lot: Int
        let value: Int
    }

    private var events: [Event] {
        var state: UInt64 = 0xE9C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<count).map { _ in
            Event(kind: next(4), minute: next(60 * 24 * 28), serial: 1 + next(9_999_999), lot: next(100_000), value: next(400))
        }
    }

    private func time(_ minute: Int) -> String {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "2026-02-\(two(1 + minute / 1440))T\(two(minute / 60 % 24)):\(two(minute % 60)):00.000+08:00"
    }

    func json() -> String {
        var out = """
            {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",{"ex":"https://ns.suyuan.example/epcis/"}],\
            "type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-03-01T00:00:00Z","epcisBody":{"eventList":[
            """
        for (index, e) in events.enumerated() {
            out += index > 0 ? ",\n" : "\n"
            let sgtin = "urn:epc:id:sgtin:6901234.012345.\(e.serial)"
            let head = "\"eventTime\":\"\(time(e.minute))\",\"eventTimeZoneOffset\":\"+08:00\""
            let lot = "urn:epc:class:lgtin:6901234.012345.L\(e.lot)"
            switch e.kind {
            case 0:
                out += "{\"type\":\"ObjectEvent\",\(head),\"epcList\":[\"\(sgtin)\"],\"action\":\"ADD\","
                    + "\"bizStep\":\"commissioning\",\"disposition\":\"active\","
                    + "\"readPoint\":{\"id\":\"urn:epc:id:sgln:6901234.00001.0\"},"
                    + "\"ilmd\":{\"cbvmda:lotNumber\":\"L\(e.lot)\",\"ex:farm\":{\"ex:id\":\"F\(e.value)\",\"ex:pen\":\(e.value % 7)}},"
                    + "\"ex:temperature\":\(e.value / 10).5}"
            case 1:
                out += "{\"type\":\"AggregationEvent\",\(head),\"parentID\":\"urn:epc:id:sscc:6901234.0\(e.serial)\","
                    + "\"childEPCs\":[\"\(sgtin)\",\"urn:epc:id:sgtin:6901234.012345.\(e.serial + 1)\"],"
                    + "\"action\":\"ADD\",\"bizStep\":\"packing\",\"bizLocation\":{\"id\":\"urn:epc:id:sgln:6901234.00002.0\"}}"
            case 2:
                out += "{\"type\":\"TransformationEvent\",\(head),"
                    + "\"inputQuantityList\":[{\"epcClass\":\"\(lot)\",\"quantity\":\(e.value).5,\"uom\":\"KGM\"}],"
                    + "\"outputEPCList\":[\"\(sgtin)\"],\"bizStep\":\"commissioning\","
                    + "\"ilmd\":{\"cbvmda:lotNumber\":\"P\(e.lot)\",\"ex:line\":\"\(e.value % 5)\"}}"
            default:
                out += "{\"type\":\"ObjectEvent\",\(head),\"epcList\":[\"\(sgtin)\"],\"action\":\"OBSERVE\","
                    + "\"bizStep\":\"inspecting\",\"sensorElementList\":[{\"sensorMetadata\":{\"time\":\"\(time(e.minute))\"},"
                    + "\"sensorReport\":[{\"type\":\"Temperature\",\"value\":\(e.value / 10).25,\"uom\":\"CEL\"},"
                    + "{\"type\":\"RelativeHumidity\",\"value\":\(e.value % 100),\"uom\":\"P1\"}]}]}"
            }
        }
        return out + "]}}"
    }

    func xml() -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:ex="https://ns.suyuan.example/epcis/" \
            xmlns:cbvmda="urn:epcglobal:cbv:mda:" schemaVersion="2.0" creationDate="2026-03-01T00:00:00Z"><EPCISBody><EventList>
            """
        for e in events {
            out += "\n"
            let sgtin = "urn:epc:id:sgtin:6901234.012345.\(e.serial)"
            let head = "<eventTime>\(time(e.minute))</eventTime><eventTimeZoneOffset>+08:00</eventTimeZoneOffset>"
            let lot = "urn:epc:class:lgtin:6901234.012345.L\(e.lot)"
            switch e.kind {
            case 0:
                out += "<ObjectEvent>\(head)<epcList><epc>\(sgtin)</epc></epcList><action>ADD</action>"
                    + "<bizStep>urn:epcglobal:cbv:bizstep:commissioning</bizStep><disposition>urn:epcglobal:cbv:disp:active</disposition>"
                    + "<readPoint><id>urn:epc:id:sgln:6901234.00001.0</id></readPoint>"
                    + "<ilmd><cbvmda:lotNumber>L\(e.lot)</cbvmda:lotNumber><ex:farm><ex:id>F\(e.value)</ex:id><ex:pen>\(e.value % 7)</ex:pen></ex:farm></ilmd>"
                    + "<ex:temperature>\(e.value / 10).5</ex:temperature></ObjectEvent>"
            case 1:
                out += "<AggregationEvent>\(head)<parentID>urn:epc:id:sscc:6901234.0\(e.serial)</parentID>"
                    + "<childEPCs><epc>\(sgtin)</epc><epc>urn:epc:id:sgtin:6901234.012345.\(e.serial + 1)</epc></childEPCs>"
                    + "<action>ADD</action><bizStep>urn:epcglobal:cbv:bizstep:packing</bizStep>"
                    + "<bizLocation><id>urn:epc:id:sgln:6901234.00002.0</id></bizLocation></AggregationEvent>"
            case 2:
                out += "<TransformationEvent>\(head)<inputQuantityList><quantityElement><epcClass>\(lot)</epcClass>"
                    + "<quantity>\(e.value).5</quantity><uom>KGM</uom></quantityElement></inputQuantityList>"
                    + "<outputEPCList><epc>\(sgtin)</epc></outputEPCList><bizStep>urn:epcglobal:cbv:bizstep:commissioning</bizStep>"
                    + "<ilmd><cbvmda:lotNumber>P\(e.lot)</cbvmda:lotNumber><ex:line>\(e.value % 5)</ex:line></ilmd></TransformationEvent>"
            default:
                out += "<ObjectEvent>\(head)<epcList><epc>\(sgtin)</epc></epcList><action>OBSERVE</action>"
                    + "<bizStep>urn:epcglobal:cbv:bizstep:inspecting</bizStep><sensorElementList><sensorElement>"
                    + "<sensorMetadata time=\"\(time(e.minute))\"/>"
                    + "<sensorReport type=\"gs1:Temperature\" value=\"\(e.value / 10).25\" uom=\"CEL\"/>"
                    + "<sensorReport type=\"gs1:RelativeHumidity\" value=\"\(e.value % 100)\" uom=\"P1\"/>"
                    + "</sensorElement></sensorElementList></ObjectEvent>"
            }
        }
        return out + "</EventList></EPCISBody></epcis:EPCISDocument>\n"
    }
}
