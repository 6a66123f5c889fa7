public import EPCIS
public import Foundation

/// What a consumer's scan shows, in no language yet: the product, its lot and dates, the maker, the origin, the
/// test results, the journey and the sales, each name as the master data gives it (in every language it has) with
/// the GS1 key to fall back on. The server reads it from the store (Server's `ConsumerStory+Reading.swift`);
/// ``ConsumerPageModel`` puts it in the reader's language. How names are chosen is decision 0014.
public struct ConsumerStory: Sendable, Hashable {
    /// A party, place or product as people read it: its master data name, else its GS1 key.
    public struct Name: Sendable, Hashable {
        /// The master data name, in every language given; may be empty.
        public var name: LocalizedText
        /// The canonical key to show when there is no name.
        public var key: String?

        /// Makes a name.
        public init(_ name: LocalizedText, key: String?) {
            self.name = name
            self.key = key
        }

        /// The text for a reader: the name in their language, else the readable key.
        public func text(_ catalog: MessageCatalog) -> String? {
            name.text(in: catalog.language) ?? key.map { ReadableKey.text($0, catalog: catalog) }
        }
    }

    /// What the sector rules say of the product's sources: a temperature excursion on its way, or whether the
    /// withdrawal period of a veterinary drug or the pre-harvest interval of a pesticide given to a source was
    /// kept (docs/sector-rules.md).
    public struct SectorNote: Sendable, Hashable {
        /// `temperatureExcursion`, `withdrawalPeriod` or `preHarvestInterval`.
        public var kind: String
        /// Whether the period was kept (always false for an excursion).
        public var kept: Bool
        /// The period in days, or the broken temperature bound.
        public var expected: Double?
        /// The days elapsed, or the extreme reading.
        public var actual: Double?
        /// The temperature unit.
        public var uom: String?
        /// How long an excursion lasted, in seconds.
        public var duration: Double?
        /// Where an excursion happened.
        public var place: Name?
        /// The drug or pesticide.
        public var input: Name?

        /// Makes a note.
        public init(
            kind: String, kept: Bool, expected: Double? = nil, actual: Double? = nil, uom: String? = nil,
            duration: Double? = nil, place: Name? = nil, input: Name? = nil
        ) {
            self.kind = kind
            self.kept = kept
            self.expected = expected
            self.actual = actual
            self.uom = uom
            self.duration = duration
            self.place = place
            self.input = input
        }
    }

    /// One recorded step of the journey.
    public struct Step: Sendable, Hashable {
        public var time: LocalTime
        public var type: EventType
        /// The CBV business step's bare term (`shipping`) or its URI.
        public var bizStep: String?
        /// The disposition's bare term or URI.
        public var disposition: String?
        public var party: Name?
        public var place: Name?

        /// Makes a step.
        public init(
            time: LocalTime, type: EventType, bizStep: String?, disposition: String?, party: Name?, place: Name?
        ) {
            self.time = time
            self.type = type
            self.bizStep = bizStep
            self.disposition = disposition
            self.party = party
            self.place = place
        }
    }

    /// A test result or certificate, from `certificationInfo`, structured certification details, a sensor report or
    /// an ILMD value, on whichever event of the chain carried it.
    public struct TestResult: Sendable, Hashable {
        /// What was tested or certified: a measured substance, an ILMD element's words, a certification standard.
        public var subject: String?
        /// The CBV measurement type (`MassConcentration`), for sensor reports.
        public var measurementType: String?
        /// The value with its unit code (UN/ECE Recommendation 20), or a text.
        public var value: String?
        public var uom: String?
        /// A certificate or report to open (`certificationInfo`, `certificationURI`).
        public var link: String?
        /// Who certified or tested: the certification agency, else the party that recorded the event.
        public var authority: Name?
        /// The certificate's number, when given.
        public var identification: String?
        /// The step that carried it (`inspecting`), when and where.
        public var bizStep: String?
        public var time: LocalTime?
        public var place: Name?

        /// Makes a result; set the fields the source gives.
        public init(subject: String? = nil, value: String? = nil, link: String? = nil) {
            self.subject = subject
            self.value = value
            self.link = link
        }
    }

    /// One sale or dispensing of the code (the NHSA rule: a serialised pack has exactly one).
    public struct Sale: Sendable, Hashable {
        public var time: LocalTime
        /// `retail_selling` or `dispensing`.
        public var bizStep: String
        public var place: Name?
        /// Whether the place selling it had received it first (a sale elsewhere hints at diversion).
        public var receivedThere: Bool

        /// Makes a sale.
        public init(time: LocalTime, bizStep: String, place: Name?, receivedThere: Bool) {
            self.time = time
            self.bizStep = bizStep
            self.place = place
            self.receivedThere = receivedThere
        }
    }

    public var key: String
    public var gtin: String?
    public var lot: String?
    public var serial: String?
    public var product: Name?
    public var category: String?
    public var manufacturer: Name?
    public var production: LocalTime?
    public var expiry: String?
    public var origins: [Name] = []
    public var results: [TestResult] = []
    public var journey: [Step] = []
    public var sales: [Sale] = []
    /// The clone findings of a serialised item (sold or seen in two places at once); 0 for a lot or class.
    public var cloneFindings = 0
    /// Temperature excursions of the product and its sources, and the withdrawal and pre-harvest status of its
    /// sources.
    public var sectorNotes: [SectorNote] = []
    /// The offset of the latest recorded step: where the product is now, for dates that belong to no event (scans,
    /// recalls).
    public var localOffsetMinutes = 0

    /// An empty story of a code.
    /// - Parameter key: the code's canonical key.
    public init(key: String) { self.key = key }

    /// Whether any event names the code.
    public var isKnown: Bool { !journey.isEmpty }
}
