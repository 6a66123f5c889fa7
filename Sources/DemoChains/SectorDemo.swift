public import EPCIS
public import Foundation

/// Demo chains for the product classes the sector rules cover (docs/sector-rules.md): a vegetable farm that
/// sprays, a pig farm that treats, an elevator maintenance company, a cylinder filling station, a chemical plant →
/// warehouse → users, a rare earth mine → separation plant, and a cold chain for dairy and vaccines. Each run of a
/// class carries, with the given probability, one injected violation, recorded in ``truth``; the rest are clean.
///
/// Deterministic from the seed. Every run ends before `end`, and asset histories end within two weeks of it, so
/// that the rules judged at `end` find exactly the truth.
public struct SectorDemo: Sendable {
    /// The company prefix of every identifier, apart from the four food and drug chains'.
    static let prefix = "6977777"
    static let namespace = DemoWorld.namespace
    static let maintaining = "https://ns.suyuan.org/bizstep#maintaining"
    static let filling = "https://ns.suyuan.org/bizstep#filling"
    static let treating = "https://ns.suyuan.org/bizstep#treating"

    /// The classes, one run of each in turn.
    public enum Chain: String, CaseIterable, Sendable {
        case vegetables, pigs, elevators, cylinders, chemicals, rareEarth, coldChain
    }

    /// The master data and events, one document per chain.
    public private(set) var documents: [EPCISDocument] = []
    /// The injected violations: kind (a reconciliation finding kind), identifier (EPC URN or PGLN), events.
    public private(set) var truth: [DemoAnomaly] = []
    /// The time the rules are to be judged at.
    public let end: Date

    var rng: SplitMix64
    var events: [EPCISEvent] = []
    var elements: [String: [VocabularyElement]] = [:]
    var eventSerial = 0

    /// Generates the chains.
    /// - Parameters:
    ///   - runs: how many runs of each class.
    ///   - seed: the seed.
    ///   - end: when the rules are judged; every event lies before it.
    ///   - violationRate: the probability that a run carries a violation.
    public init(runs: Int, seed: UInt64, end: Date, violationRate: Double = 0.3) {
        self.end = end
        rng = SplitMix64(seed: seed ^ 0x5EC7_0125)
        masterData()
        var documents: [EPCISDocument] = []
        for chain in Chain.allCases {
            events = []
            for run in 0..<runs {
                let violation = rng.chance(violationRate)
                switch chain {
                case .vegetables: vegetables(run, violation)
                case .pigs: pigs(run, violation)
                case .elevators: elevator(run, violation)
                case .cylinders: cylinder(run, violation)
                case .chemicals: chemicals(run, violation)
                case .rareEarth: rareEarth(run, violation)
                case .coldChain: coldChain(run, violation)
                }
            }
            var document = EPCISDocument(events: events)
            document.creationDate = EPCISDateTime(end)
            document.masterData = elements.keys.sorted().map { Vocabulary(type: $0, elements: elements[$0]!) }
            elements = [:]
            documents.append(document)
        }
        self.documents = documents
    }

    // MARK: identifiers

    static func lot(_ item: String, _ lot: String) -> String { "urn:epc:class:lgtin:\(prefix).\(item).\(lot)" }
    static func gtin(_ item: String) -> String {
        let digits = item.prefix(1) + prefix + item.dropFirst()
        var sum = 0
        for (index, digit) in digits.reversed().enumerated() {
            sum += (Int(String(digit)) ?? 0) * (index % 2 == 0 ? 3 : 1)
        }
        return "https://id.gs1.org/01/\(digits)\((10 - sum % 10) % 10)"
    }
    static func place(_ number: Int) -> String { "urn:epc:id:sgln:\(prefix).\(String(number).leftPadded(5)).0" }
    static func party(_ number: Int) -> String { "urn:epc:id:pgln:\(prefix).\(String(number).leftPadded(5))" }
    static func asset(_ name: String) -> String { "urn:epc:id:giai:\(prefix).\(name)" }

    // MARK: building

    mutating func element(_ type: String, _ id: String, _ attributes: [String: String], name: String? = nil) {
        var list = attributes.keys.sorted().map {
            VocabularyAttribute(id: Self.namespace + $0, value: .string(attributes[$0]!))
        }
        if let name {
            list.append(VocabularyAttribute(id: "urn:epcglobal:cbv:mda#descriptionShort", value: .string(name)))
        }
        elements["urn:epcglobal:epcis:vtype:" + type, default: []].append(VocabularyElement(id: id, attributes: list))
    }

    /// An event `days` before the end.
    func event(_ type: EventType, daysBefore days: Double) -> EPCISEvent {
        EPCISEvent(
            type: type, eventTime: EPCISDateTime(end.addingTimeInterval(-days * 86_400)), eventTimeZoneOffset: "+08:00")
    }

    @discardableResult
    mutating func emit(_ event: EPCISEvent, _ step: String?, at place: String? = nil) -> String {
        var event = event
        eventSerial += 1
        let id = "https://demo.suyuan.org/sector/\(eventSerial)"
        event.eventID = id
        if let step { event.bizStep = CBVValue(step, in: .bizStep) }
        if event.type == .objectEvent, event.action == nil { event.action = .observe }
        if let place { event.bizLocation = LocationReference(id: IdentifierURI(place)) }
        events.append(event)
        return id
    }

    static func amount(_ lot: String, _ quantity: Double, _ uom: String? = "KGM") -> QuantityElement {
        QuantityElement(epcClass: IdentifierURI(lot), quantity: quantity, uom: uom)
    }

    mutating func record(_ kind: String, _ identifier: String, _ events: [String]) {
        guard let known = DemoAnomalyKind(rawValue: kind) else { preconditionFailure("not a sector kind: \(kind)") }
        truth.append(DemoAnomaly(kind: known, identifier: identifier, parties: [], events: events))
    }
}
