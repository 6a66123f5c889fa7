extension SectorDocuments {
    static let elevator1 = "urn:epc:id:giai:6901234.E1001"
    static let elevator2 = "urn:epc:id:giai:6901234.E1002"
    static let cylinder1 = "urn:epc:id:giai:6901234.C2001"
    static let cylinder2 = "urn:epc:id:giai:6901234.C2002"

    /// An elevator maintenance company and a cylinder filling station (XML, judged on 20 April 2026). Elevator 1 is
    /// maintained on 1 and 10 March, then not until 30 March, 20 days later (clean: the 24th and 8 April); elevator 2
    /// every two weeks but its inspection was due on 1 April and never done (clean: inspected on 25 March).
    /// Cylinder 1's inspection expired on 15 March and it is filled on the 10th and the 20th (clean: inspected on the
    /// 14th, valid five years); cylinder 2 is scrapped on 5 March and filled on the 8th (clean: not filled).
    static func equipmentXML(clean: Bool) -> String {
        func event(_ time: String, _ step: String, _ asset: String, id: String, disposition: String? = nil) -> String {
            """
            <ObjectEvent><eventTime>\(time)T09:00:00+08:00</eventTime><eventTimeZoneOffset>+08:00</eventTimeZoneOffset>
            <eventID>https://events.example.cn/equipment/\(id)</eventID>
            <epcList><epc>\(asset)</epc></epcList><action>OBSERVE</action><bizStep>\(step)</bizStep>
            \(disposition.map { "<disposition>urn:epcglobal:cbv:disp:\($0)</disposition>" } ?? "")
            <bizLocation><id>urn:epc:id:sgln:6901234.30001.0</id></bizLocation></ObjectEvent>
            """
        }
        let maintain = "https://ns.suyuan.org/bizstep#maintaining"
        let fill = "https://ns.suyuan.org/bizstep#filling"
        let inspect = "urn:epcglobal:cbv:bizstep:inspecting"
        var events = [
            event("2026-03-01", maintain, elevator1, id: "e1-m1"),
            event("2026-03-10", maintain, elevator1, id: "e1-m2"),
            event(clean ? "2026-03-24" : "2026-03-30", maintain, elevator1, id: "e1-m3"),
            event(clean ? "2026-04-08" : "2026-04-10", maintain, elevator1, id: "e1-m4"),
            event("2026-03-01", maintain, elevator2, id: "e2-m1"),
            event("2026-03-14", maintain, elevator2, id: "e2-m2"),
            event("2026-03-28", maintain, elevator2, id: "e2-m3"),
            event("2026-04-10", maintain, elevator2, id: "e2-m4"),
            event("2026-03-10", fill, cylinder1, id: "c1-f1"),
            event("2026-03-20", fill, cylinder1, id: "c1-f2"),
            event("2026-03-05", "urn:epcglobal:cbv:bizstep:decommissioning", cylinder2, id: "c2-scrap"),
        ]
        if clean {
            events.append(event("2026-03-25", inspect, elevator2, id: "e2-i1", disposition: "conformant"))
            events.append(event("2026-03-14", inspect, cylinder1, id: "c1-i1", disposition: "conformant"))
        } else {
            events.append(event("2026-03-08", fill, cylinder2, id: "c2-f1"))
            // A failed inspection does not renew the certificate.
            events.append(event("2026-03-25", inspect, elevator2, id: "e2-i1", disposition: "non_conformant"))
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" schemaVersion="2.0"
                creationDate="2026-04-20T12:00:00+08:00">
            <EPCISHeader><extension><EPCISMasterData><VocabularyList>
            <Vocabulary type="urn:epcglobal:epcis:vtype:EPCInstance"><VocabularyElementList>
            <VocabularyElement id="\(elevator1)">
            <attribute id="urn:epcglobal:cbv:mda#descriptionShort" xml:lang="zh-CN">1号客梯</attribute>
            <attribute id="https://ns.suyuan.org/mda#category">elevator</attribute>
            <attribute id="https://ns.suyuan.org/mda#inspectionDue">2026-12-31</attribute></VocabularyElement>
            <VocabularyElement id="\(elevator2)">
            <attribute id="https://ns.suyuan.org/mda#category">elevator</attribute>
            <attribute id="https://ns.suyuan.org/mda#inspectionDue">2026-04-01</attribute></VocabularyElement>
            <VocabularyElement id="\(cylinder1)">
            <attribute id="urn:epcglobal:cbv:mda#descriptionShort" xml:lang="zh-CN">液化石油气钢瓶</attribute>
            <attribute id="https://ns.suyuan.org/mda#category">gasCylinder</attribute>
            <attribute id="https://ns.suyuan.org/mda#inspectionDue">2026-03-15</attribute>
            <attribute id="https://ns.suyuan.org/mda#inspectionIntervalDays">1825</attribute></VocabularyElement>
            <VocabularyElement id="\(cylinder2)">
            <attribute id="https://ns.suyuan.org/mda#category">gasCylinder</attribute>
            <attribute id="https://ns.suyuan.org/mda#inspectionDue">2027-01-01</attribute></VocabularyElement>
            </VocabularyElementList></Vocabulary>
            </VocabularyList></EPCISMasterData></extension></EPCISHeader>
            <EPCISBody><EventList>
            \(events.joined(separator: "\n"))
            </EventList></EPCISBody></epcis:EPCISDocument>
            """
    }
}
