import Foundation

@testable import EPCIS

/// Deterministic, varied events for differential tests, with their JSON-LD rendering (keys in the order a sender
/// would write them), so that the reference implementation can hash the same events.
struct EventHashSampleEvents {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    private mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }

    private mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }

    static let namespace = "http://ns.example.com/epcis/"

    /// One JSON value with ordered object members.
    indirect enum JSON {
        case string(String), number(String), bool(Bool), array([JSON]), object([(String, JSON)])

        var text: String {
            switch self {
            case .string(let s):
                var out = "\""
                for scalar in s.unicodeScalars {
                    switch scalar {
                    case "\"": out += "\\\""
                    case "\\": out += "\\\\"
                    default: out.unicodeScalars.append(scalar)
                    }
                }
                return out + "\""
            case .number(let n): return n
            case .bool(let b): return b ? "true" : "false"
            case .array(let items): return "[" + items.map(\.text).joined(separator: ",") + "]"
            case .object(let members):
                return "{" + members.map { JSON.string($0.0).text + ":" + $0.1.text }.joined(separator: ",") + "}"
            }
        }
    }

    private mutating func gtinURN(serial: Bool) -> (urn: String, dl: String) {
        let item = pick(["011111", "011122", "077889", "066666"])
        let s = String(100 + next(900))
        let urn = serial ? "urn:epc:id:sgtin:4012345.\(item).\(s)" : "urn:epc:class:lgtin:4012345.\(item).L\(s)"
        let gtin = String(item.prefix(1)) + "4012345" + String(item.dropFirst())
        let dl = "https://id.gs1.org/01/" + gtin + DigitalLinkNormaliser.checkDigit(gtin) + (serial ? "/21/" : "/10/L") + s
        return (urn, dl)
    }

    private mutating func epc() -> String {
        let (urn, dl) = gtinURN(serial: true)
        switch next(4) {
        case 0: return dl
        case 1: return "urn:epc:id:sscc:4012345.0\(String(100_000_000 + next(899_999_999)))"
        default: return urn
        }
    }

    private mutating func time() -> String {
        let day = 1 + next(28), hour = next(24), minute = next(60)
        let fraction = pick(["", ".5", ".123", ".1234", ".000", ".0005", ".0015", ".9994"])
        let zone = pick(["Z", "+01:00", "-06:00", "+08:00", "+05:30"])
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "2024-03-\(two(day))T\(two(hour)):\(two(minute)):\(two(next(60)))\(fraction)\(zone)"
    }

    private mutating func extensionValue(depth: Int) -> (ExtensionValue, JSON) {
        switch next(depth > 0 ? 4 : 6) {
        case 0: let n = pick(["10", "2.50", "-3", "1e3", "0.25"]); return (.number(n), .number(n))
        case 1: let s = pick(["abc", "Example of a vendor/user extension", "urn:epc:id:sgtin:4012345.011111.1"]); return (.string(s), .string(s))
        case 2: let s = pick(["0012", "x y", "2019-04-02T14:05:00.000+01:00"]); return (.string(s), .string(s))
        case 3: let s = "v\(next(50))"; return (.string(s), .string(s))
        case 4:
            var model: [ExtensionElement] = [], json: [(String, JSON)] = []
            for name in ["a", "b", "c"].prefix(1 + next(3)) {
                let (m, j) = extensionValue(depth: depth + 1)
                model.append(ExtensionElement(name: QualifiedName(namespace: Self.namespace, localName: name), value: m))
                json.append(("example:" + name, j))
            }
            return (.object(model), .object(json))
        default:
            let items = (0..<(1 + next(3))).map { _ in String(next(100)) }
            return (.array(items.map { .string($0) }), .array(items.map { .string($0) }))
        }
    }

    private mutating func extensions(_ count: Int) -> ([ExtensionElement], [(String, JSON)]) {
        var model: [ExtensionElement] = [], json: [(String, JSON)] = []
        for name in ["myField", "other", "temperatureLog"].prefix(count) {
            let (m, j) = extensionValue(depth: 0)
            model.append(ExtensionElement(name: QualifiedName(namespace: Self.namespace, localName: name), value: m))
            json.append(("example:" + name, j))
        }
        return (model, json)
    }

    /// The next event and its JSON-LD object.
    mutating func event() -> (EPCISEvent, JSON) {
        let type = pick(EventType.allCases)
        let eventTime = time()
        let offset = pick(["+01:00", "-06:00", "+08:00"])
        // The generator only writes valid timestamps.
        var event = EPCISEvent(type: type, eventTime: EPCISDateTime(eventTime) ?? EPCISDateTime(Date()), eventTimeZoneOffset: offset)
        var json: [(String, JSON)] = [("type", .string(type.rawValue))]
        if next(2) == 0 {
            event.eventID = "urn:uuid:00000000-0000-4000-8000-\(String(100_000_000_000 + next(800_000_000)))"
            json.append(("eventID", .string(event.eventID ?? "")))
        }
        json += [("eventTime", .string(eventTime)), ("eventTimeZoneOffset", .string(offset))]
        if next(5) == 0 {
            event.certificationInfo = ["https://accreditation-council.example.org/certificate/ABC\(next(99))"]
            json.append(("certificationInfo", .string(event.certificationInfo[0])))
        }
        func epcs(_ n: Int) -> [String] { (0..<n).map { _ in self.epc() } }
        func quantities(_ n: Int) -> ([QuantityElement], JSON) {
            var model: [QuantityElement] = [], items: [JSON] = []
            for _ in 0..<n {
                let cls = next(2) == 0 ? gtinURN(serial: false).urn : gtinURN(serial: false).dl
                var member: [(String, JSON)] = [("epcClass", .string(cls))]
                var element = QuantityElement(epcClass: IdentifierURI(cls))
                if next(3) > 0 {
                    let q = pick(["10", "200.5", "30.0", "1"])
                    element.quantity = Double(q)
                    member.append(("quantity", .number(q)))
                    if next(2) == 0 { element.uom = "KGM"; member.append(("uom", .string("KGM"))) }
                }
                model.append(element)
                items.append(.object(member))
            }
            return (model, .array(items))
        }
        switch type {
        case .objectEvent, .transactionEvent:
            if type == .transactionEvent, next(2) == 0 {
                event.parentID = IdentifierURI(epc())
                json.append(("parentID", .string(event.parentID?.text ?? "")))
            }
            let list = epcs(next(4))
            event.epcList = list.map { IdentifierURI($0) }
            json.append(("epcList", .array(list.map(JSON.string))))
            if next(2) == 0 {
                let (model, j) = quantities(1 + next(2))
                event.quantityList = model
                json.append(("quantityList", j))
            }
        case .aggregationEvent, .associationEvent:
            event.parentID = IdentifierURI(type == .associationEvent ? "urn:epc:id:grai:4012345.55555.\(next(999))" : epc())
            json.append(("parentID", .string(event.parentID?.text ?? "")))
            let list = epcs(1 + next(3))
            event.childEPCs = list.map { IdentifierURI($0) }
            json.append(("childEPCs", .array(list.map(JSON.string))))
            if next(2) == 0 {
                let (model, j) = quantities(1 + next(2))
                event.childQuantityList = model
                json.append(("childQuantityList", j))
            }
        case .transformationEvent:
            let inputs = epcs(1 + next(3)), outputs = epcs(next(3))
            event.inputEPCList = inputs.map { IdentifierURI($0) }
            json.append(("inputEPCList", .array(inputs.map(JSON.string))))
            let (model, j) = quantities(1 + next(2))
            event.inputQuantityList = model
            json.append(("inputQuantityList", j))
            event.outputEPCList = outputs.map { IdentifierURI($0) }
            if !outputs.isEmpty { json.append(("outputEPCList", .array(outputs.map(JSON.string)))) }
            if next(2) == 0 {
                event.transformationID = "urn:uuid:11111111-2222-4333-8444-55555555555\(next(10))"
                json.append(("transformationID", .string(event.transformationID ?? "")))
            }
        }
        if type != .transformationEvent {
            let action = pick(Action.allCases)
            event.action = action
            json.append(("action", .string(action.rawValue)))
        }
        let step = pick(["shipping", "receiving", "commissioning", "inspecting", "urn:epcglobal:cbv:bizstep:packing"])
        event.bizStep = CBVValue(step, in: .bizStep)
        json.append(("bizStep", .string(step)))
        if next(3) > 0 {
            let disposition = pick(["in_transit", "in_progress", "active"])
            event.disposition = CBVValue(disposition, in: .disposition)
            json.append(("disposition", .string(disposition)))
        }
        if next(6) == 0 {
            event.persistentDisposition = PersistentDisposition(
                set: [CBVValue("completeness_verified", in: .disposition)].compactMap { $0 },
                unset: [CBVValue("completeness_inferred", in: .disposition)].compactMap { $0 })
            json.append(("persistentDisposition", .object([
                ("set", .array([.string("completeness_verified")])), ("unset", .array([.string("completeness_inferred")])),
            ])))
        }
        let sgln = "urn:epc:id:sgln:4012345.0000\(next(10)).\(pick(["0", "12", "400"]))"
        event.readPoint = LocationReference(id: IdentifierURI(sgln))
        json.append(("readPoint", .object([("id", .string(sgln))])))
        if next(2) == 0 {
            event.bizLocation = LocationReference(id: "urn:epc:id:sgln:4012345.00001.0")
            json.append(("bizLocation", .object([("id", .string("urn:epc:id:sgln:4012345.00001.0"))])))
        }
        if next(2) == 0 {
            var items: [JSON] = []
            for _ in 0..<(1 + next(2)) {
                let btt = pick(["po", "desadv", "inv"])
                let id = pick(["urn:epcglobal:cbv:bt:4012345000009:\(next(999))", "http://transaction.acme.com/po/\(next(99_999))"])
                event.bizTransactionList.append(BizTransaction(type: CBVValue(btt, in: .bizTransactionType), id: IdentifierURI(id)))
                items.append(.object([("type", .string(btt)), ("bizTransaction", .string(id))]))
            }
            json.append(("bizTransactionList", .array(items)))
        }
        if next(3) == 0, let owning = CBVValue("owning_party", in: .sourceDestType) {
            event.sourceList = [SourceDestination(type: owning, id: "urn:epc:id:pgln:4012345.00000")]
            event.destinationList = [SourceDestination(type: owning, id: "urn:epc:id:pgln:0614141.00001")]
            json.append(("sourceList", .array([.object([("type", .string("owning_party")), ("source", .string("urn:epc:id:pgln:4012345.00000"))])])))
            json.append(("destinationList", .array([.object([("type", .string("owning_party")), ("destination", .string("urn:epc:id:pgln:0614141.00001"))])])))
        }
        if next(3) == 0 {
            var elements: [JSON] = []
            for _ in 0..<(1 + next(2)) {
                var metadata = SensorMetadata()
                let t = time()
                metadata.time = EPCISDateTime(t)
                metadata.deviceID = "urn:epc:id:giai:4000001.111"
                var reports: [SensorReport] = [], reportJSON: [JSON] = []
                for _ in 0..<(1 + next(3)) {
                    let measurement = pick(["Temperature", "AbsoluteHumidity", "Speed"])
                    var report = SensorReport(type: CBVValue(measurement, in: .measurementType))
                    let value = pick(["26", "26.5", "12.125", "-3.0"])
                    report.value = Double(value)
                    report.uom = "CEL"
                    var member: [(String, JSON)] = [("type", .string(measurement)), ("value", .number(value)), ("uom", .string("CEL"))]
                    if next(3) == 0 {
                        report.stringValue = "SomeString"
                        member.append(("stringValue", .string("SomeString")))
                    }
                    reports.append(report)
                    reportJSON.append(.object(member))
                }
                event.sensorElementList.append(SensorElement(metadata: metadata, reports: reports))
                elements.append(.object([
                    ("sensorMetadata", .object([("time", .string(t)), ("deviceID", .string("urn:epc:id:giai:4000001.111"))])),
                    ("sensorReport", .array(reportJSON)),
                ]))
            }
            json.append(("sensorElementList", .array(elements)))
        }
        if (type == .objectEvent && event.action == .add) || type == .transformationEvent, next(2) == 0 {
            let (model, j) = extensions(1 + next(2))
            event.ilmd = model
            json.append(("ilmd", .object(j)))
        }
        let (model, j) = extensions(next(3))
        event.extensions = model
        json += j
        return (event, .object(json))
    }

    /// A JSON-LD EPCIS document of the events.
    static func document(_ events: [JSON]) -> String {
        JSON.object([
            ("@context", .array([
                .string("https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"),
                .object([("example", .string(namespace))]),
            ])),
            ("type", .string("EPCISDocument")), ("schemaVersion", .string("2.0")),
            ("creationDate", .string("2024-03-01T00:00:00Z")),
            ("epcisBody", .object([("eventList", .array(events))])),
        ]).text
    }
}
