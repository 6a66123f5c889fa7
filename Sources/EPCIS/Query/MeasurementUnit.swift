/// A unit of measure named by its UN/CEFACT Recommendation 20 common code, as sensor reports (`uom`) and sensor
/// query parameters (`GE_value_KEL`) name them, with what converts it to the base unit of its dimension.
///
/// EPCIS 2.0 (section 7.3.7.3) takes `uom` from the "Common Code" column of Recommendation 20, and GS1's sensor
/// conformance requirement (TCR-53, step 26) asks that a query bound in one unit match a reading recorded in
/// another: `GE_value_KEL` matches a reading in `CEL`. A value `v` in a unit is `v × factor + offset` in the base
/// unit. The factors are the SI definitions, as GS1's UnitConverterUNECERec20 tabulates them (for the avoirdupois
/// pound, the ounce and the US and UK gallons the exact legal definitions); only temperatures have an offset.
///
/// | dimension | base | units |
/// |---|---|---|
/// | temperature | KEL | KEL, CEL (+273.15), FAH (×5/9, +459.67×5/9), A48 (Rankine, ×5/9) |
/// | mass | KGM | KGM, GRM, MGM, MC, TNE, LBR (0.45359237), ONZ (0.028349523125), STN, LTN |
/// | volume | MTQ | MTQ, LTR, MLT, CMQ, DMQ, HLT, GLL (US, 3.785411784 L), GLI (UK, 4.54609 L) |
/// | pressure | PAL | PAL, KPA, MPA, A97 (hPa), BAR, MBR, PS (psi, 6894.757293168), ATM (101325) |
/// | dimensionless ratio | 1 | P1 (percent, relative humidity), 59 (ppm), 61 (ppb) |
/// | length | MTR | MTR, MMT, CMT, KMT, INH, FOT, YRD, SMI |
/// | speed | MTS | MTS, KMH, HM (mph), KNT |
/// | concentration (absolute humidity) | KMQ | KMQ (kg/m³), A93 (g/m³), GQ (µg/m³) |
/// | illuminance | LUX | LUX, KLX |
/// | time | SEC | SEC, MIN, HUR, DAY |
///
/// A unit outside the table converts to nothing but itself: a query names it and matches readings in it.
public struct MeasurementUnit: Hashable, Sendable {
    /// The physical quantities whose units convert into one another.
    public enum Dimension: String, Hashable, Sendable, CaseIterable {
        case temperature, mass, volume, pressure, ratio, length, speed, concentration, illuminance, time
    }

    /// The Recommendation 20 common code, e.g. `CEL`.
    public let code: String
    /// What it measures.
    public let dimension: Dimension
    /// Base-unit value of one unit (`KGM` per `LBR`: 0.45359237).
    public let factor: Double
    /// Base-unit value of zero in this unit (`KEL` at 0 `CEL`: 273.15).
    public let offset: Double

    /// The unit of a Recommendation 20 code, nil when the table does not hold it.
    /// - Parameter code: e.g. `FAH`.
    public init?(code: String) {
        guard let entry = Self.table[code] else { return nil }
        self.code = code
        dimension = entry.dimension
        factor = entry.factor
        offset = entry.offset
    }

    /// A value (a reading, a mean, a bound) in this unit expressed in `other`.
    /// - Parameters:
    ///   - value: the value in this unit.
    ///   - other: the unit wanted, of the same dimension.
    /// - Returns: the value in `other`, nil when the dimensions differ.
    public func convert(_ value: Double, to other: MeasurementUnit) -> Double? {
        guard dimension == other.dimension else { return nil }
        if code == other.code { return value }
        return (value * factor + offset - other.offset) / other.factor
    }

    /// A difference of two values (a standard deviation, a tolerance) in this unit expressed in `other`: scaled,
    /// never shifted, so that an sDev of 1.8 FAH is 1 CEL, not -16.2.
    /// - Parameters:
    ///   - difference: the difference in this unit.
    ///   - other: the unit wanted, of the same dimension.
    /// - Returns: the difference in `other`, nil when the dimensions differ.
    public func convert(difference: Double, to other: MeasurementUnit) -> Double? {
        guard dimension == other.dimension else { return nil }
        if code == other.code { return difference }
        return difference * factor / other.factor
    }

    /// Every unit the table holds, by code.
    public static var all: [MeasurementUnit] {
        table.keys.sorted().compactMap { MeasurementUnit(code: $0) }
    }

    private static let table: [String: (dimension: Dimension, factor: Double, offset: Double)] = {
        var table: [String: (dimension: Dimension, factor: Double, offset: Double)] = [:]
        func add(_ dimension: Dimension, _ units: [(String, Double)], offsets: [String: Double] = [:]) {
            for (code, factor) in units { table[code] = (dimension, factor, offsets[code] ?? 0) }
        }
        add(
            .temperature, [("KEL", 1), ("CEL", 1), ("FAH", 5.0 / 9.0), ("A48", 5.0 / 9.0)],
            offsets: ["CEL": 273.15, "FAH": 459.67 * 5.0 / 9.0])
        add(.mass, [
            ("KGM", 1), ("GRM", 1e-3), ("MGM", 1e-6), ("MC", 1e-9), ("TNE", 1e3), ("LBR", 0.45359237),
            ("ONZ", 0.028349523125), ("STN", 907.18474), ("LTN", 1016.0469088),
        ])
        add(.volume, [
            ("MTQ", 1), ("LTR", 1e-3), ("MLT", 1e-6), ("CMQ", 1e-6), ("DMQ", 1e-3), ("HLT", 0.1),
            ("GLL", 3.785411784e-3), ("GLI", 4.54609e-3),
        ])
        add(.pressure, [
            ("PAL", 1), ("KPA", 1e3), ("MPA", 1e6), ("A97", 100), ("BAR", 1e5), ("MBR", 100), ("PS", 6894.757293168),
            ("ATM", 101_325),
        ])
        add(.ratio, [("P1", 1e-2), ("59", 1e-6), ("61", 1e-9)])
        add(.length, [
            ("MTR", 1), ("MMT", 1e-3), ("CMT", 1e-2), ("KMT", 1e3), ("INH", 0.0254), ("FOT", 0.3048), ("YRD", 0.9144),
            ("SMI", 1609.344),
        ])
        add(.speed, [("MTS", 1), ("KMH", 1 / 3.6), ("HM", 0.44704), ("KNT", 1852.0 / 3600.0)])
        add(.concentration, [("KMQ", 1), ("A93", 1e-3), ("GQ", 1e-9)])
        add(.illuminance, [("LUX", 1), ("KLX", 1e3)])
        add(.time, [("SEC", 1), ("MIN", 60), ("HUR", 3600), ("DAY", 86400)])
        return table
    }()
}

extension Comparison {
    /// Whether `lhs` compared with `rhs` holds, treating values within a relative 1e-9 as equal: a bound converted
    /// from another unit carries rounding (20 CEL is 293.15000000000003 KEL in binary), and `GE_value_KEL=293.15`
    /// must still match it.
    /// - Parameters:
    ///   - lhs: the recorded value, converted.
    ///   - rhs: the bound.
    /// - Returns: whether the comparison holds.
    public func holdsApproximately(_ lhs: Double, _ rhs: Double) -> Bool {
        let tolerance = 1e-9 * max(1, abs(lhs), abs(rhs))
        let equal = abs(lhs - rhs) <= tolerance
        switch self {
        case .equal: return equal
        case .greater: return !equal && lhs > rhs
        case .greaterOrEqual: return equal || lhs > rhs
        case .less: return !equal && lhs < rhs
        case .lessOrEqual: return equal || lhs < rhs
        }
    }
}
