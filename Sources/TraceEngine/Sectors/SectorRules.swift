public import EPCIS
public import Foundation

/// An event as the sector rules see it: its trace facts, its temperature readings and its ID.
public struct SectorEvent: Hashable, Sendable {
    /// A temperature reading of a sensor report (a value, or a minimum and a maximum).
    public struct Reading: Hashable, Sendable {
        /// When it was taken (the report's time, else the element's, else the event's).
        public var time: Date
        /// The values read: `value`, `minValue` and `maxValue`, whichever the report gives.
        public var values: [Double]
        /// Their UN/CEFACT unit (`CEL`, `FAH`, `KEL`); nil when the report gave none.
        public var uom: String?
    }

    /// The trace facts (identifiers as canonical keys, business step as its bare CBV term or URI).
    public var facts: TraceEvent
    /// The event's `gs1:Temperature` readings.
    public var readings: [Reading]

    /// Makes a sector event from its parts.
    public init(facts: TraceEvent, readings: [Reading]) {
        self.facts = facts
        self.readings = readings
    }

    /// Makes the sector view of an event.
    /// - Parameters:
    ///   - event: the event.
    ///   - id: its ID (eventID, else its hash).
    public init(_ event: EPCISEvent, id: String) {
        var keys: [String: String] = [:]
        self.init(event, id: id, keys: &keys)
    }

    /// Makes the sector view of an event, with a cache of canonical keys shared by many events.
    /// - Parameters:
    ///   - event: the event.
    ///   - id: its ID (eventID, else its hash).
    ///   - keys: canonical keys by captured spelling; filled as spellings are met.
    public init(_ event: EPCISEvent, id: String, keys: inout [String: String]) {
        facts = TraceEvent(event, fallbackID: id, keys: &keys)
        facts.id = id
        readings = []
        for element in event.sensorElementList {
            for report in element.reports where report.type?.standardTerm == "Temperature" {
                let values = [report.value, report.minValue, report.maxValue].compactMap { $0 }
                guard !values.isEmpty else { continue }
                let time = report.time ?? element.metadata?.time ?? event.eventTime
                readings.append(Reading(time: time.date, values: values, uom: report.uom))
            }
        }
    }
}

/// The rules of the product classes the State Council's 2015 opinion names beyond food and drugs: farm inputs
/// (withdrawal periods and pre-harvest intervals), special equipment (maintenance, inspection, cylinder filling),
/// hazardous goods (warehouse stock, licensed receivers), rare earth (quotas, separation mass balance) and the cold
/// chain (temperature excursions). Each reads its limits from master data (``SectorMasterData``) and answers
/// findings with the events that show them. docs/sector-rules.md lists the attributes;
/// docs/decisions/0017-sector-rules.md says why they run as a pass of their own.
public struct SectorRules: Sendable {
    /// The knobs of the rules.
    public struct Configuration: Hashable, Sendable {
        /// Kinds not checked for identifiers of a category (e.g. `"sample": [.temperatureExcursion]`).
        public var disabled: [String: Set<FindingKind>]
        /// The longest time between two maintenances of an asset of a category (default: elevators, 15 days), when
        /// the asset's master data gives no `maintenanceIntervalDays`.
        public var maintenanceIntervals: [String: TimeInterval]
        /// The validity of an inspection by asset category (default: elevators, 365 days), when the asset's master
        /// data gives no `inspectionIntervalDays`.
        public var inspectionIntervals: [String: TimeInterval]
        /// The relative tolerance of a stock count against the warehouse's receipts minus issues.
        public var stockTolerance: Double
        /// The relative tolerance of a separation's output mass against its input mass times the ore's grade.
        public var separationTolerance: Double
        /// Temperature ranges by product category, for classes whose master data gives none.
        public var temperatureRanges: [String: TemperatureRange]

        /// Makes a configuration.
        public init(
            disabled: [String: Set<FindingKind>] = [:],
            maintenanceIntervals: [String: TimeInterval] = ["elevator": 15 * 86_400],
            inspectionIntervals: [String: TimeInterval] = ["elevator": 365 * 86_400],
            stockTolerance: Double = 0.001, separationTolerance: Double = 0.02,
            temperatureRanges: [String: TemperatureRange] = [:]
        ) {
            self.disabled = disabled
            self.maintenanceIntervals = maintenanceIntervals
            self.inspectionIntervals = inspectionIntervals
            self.stockTolerance = stockTolerance
            self.separationTolerance = separationTolerance
            self.temperatureRanges = temperatureRanges
        }
    }

    /// An allowed temperature range in a unit.
    public struct TemperatureRange: Hashable, Sendable {
        /// The lowest allowed reading, if any.
        public var minimum: Double?
        /// The highest allowed reading, if any.
        public var maximum: Double?
        /// The unit of both (`CEL` unless said).
        public var uom: String

        /// Makes a range.
        public init(minimum: Double?, maximum: Double?, uom: String = "CEL") {
            self.minimum = minimum
            self.maximum = maximum
            self.uom = uom
        }
    }

    /// The Suyuan business step of a maintenance (CBV 2.0 has none; `repairing` counts too).
    public static let maintaining = "https://ns.suyuan.org/bizstep#maintaining"
    /// The Suyuan business step of filling a gas cylinder (CBV 2.0 has none).
    public static let filling = "https://ns.suyuan.org/bizstep#filling"
    /// The kinds these rules find.
    public static let kinds: [FindingKind] = [
        .withdrawalPeriod, .preHarvestInterval, .maintenanceOverdue, .inspectionOverdue, .unsafeFill,
        .storageImbalance, .unlicensedReceiver, .quotaExceeded, .separationImbalance, .temperatureExcursion,
    ]

    /// The rules' knobs.
    public var configuration: Configuration
    /// The limits, periods, quotas, licences and ranges.
    public var masterData: SectorMasterData

    /// Makes the rules.
    public init(configuration: Configuration = Configuration(), masterData: SectorMasterData) {
        self.configuration = configuration
        self.masterData = masterData
    }

    /// Every finding of the sector rules over a set of events.
    /// - Parameters:
    ///   - events: the events (all of them: a rule needs each lot's and asset's whole history).
    ///   - now: the time overdue maintenance and inspections are judged at.
    /// - Returns: the findings, ordered by kind, then identifier, then first evidence.
    public func findings(_ events: [SectorEvent], now: Date) -> [Finding] {
        let ordered = events.sorted { ($0.facts.time, $0.facts.id) < ($1.facts.time, $1.facts.id) }
        var found: [Finding] = []
        found += inputPeriods(ordered)
        found += assets(ordered, now: now)
        found += hazardous(ordered)
        found += rareEarth(ordered)
        found += excursions(ordered)
        // Each finding happened when its latest evidence did (to the second), as the food and drug findings.
        let times = Dictionary(events.map { ($0.facts.id, $0.facts.time) }, uniquingKeysWith: { first, _ in first })
        for index in found.indices {
            let latest = found[index].events.compactMap { times[$0] }.max()
            found[index].at = latest.map { Date(timeIntervalSince1970: $0.timeIntervalSince1970.rounded(.down)) }
        }
        let order = Dictionary(uniqueKeysWithValues: FindingKind.allCases.enumerated().map { ($1, $0) })
        return found.sorted {
            (order[$0.kind]!, $0.key, $0.events.first ?? "") < (order[$1.kind]!, $1.key, $1.events.first ?? "")
        }
    }

    /// Whether a kind is checked for an identifier, by its category.
    func checks(_ kind: FindingKind, _ key: String) -> Bool {
        guard let category = masterData.category(of: key) else { return true }
        return !(configuration.disabled[category]?.contains(kind) ?? false)
    }

    /// Days, rounded to the hundredth, for a finding's figures.
    static func days(_ interval: TimeInterval) -> Double { (interval / 864).rounded() / 100 }
}
