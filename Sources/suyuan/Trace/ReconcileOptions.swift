import ArgumentParser
import TraceEngine

/// The reconciler's settings, shared by `suyuan reconcile` and `suyuan serve` (the console and `/reconcile`).
struct ReconcileOptions: ParsableArguments {
    @Option(name: .customLong("horizon-hours"), help: "Hours a shipment may stay unreceived.")
    var horizonHours = 48.0

    @Option(help: "Default relative tolerance of receipts against shipments (0.005 is 0.5 %).")
    var tolerance = 0.005

    @Option(
        name: .customLong("tolerance-for"),
        help: ArgumentHelp(
            "The tolerance of one product category, as CATEGORY=FRACTION (e.g. meat=0.02 for drip loss); repeatable.",
            valueName: "category=fraction"))
    var categoryTolerances: [String] = []

    @Option(
        name: .customLong("skip-rule"),
        help: ArgumentHelp(
            "A sector rule not checked for one product or asset category, as CATEGORY=KIND (e.g. "
                + "sample=temperatureExcursion); repeatable.",
            valueName: "category=kind"))
    var skippedRules: [String] = []

    func validate() throws {
        guard horizonHours >= 0 else { throw ValidationError("--horizon-hours must not be negative") }
        guard (0...1).contains(tolerance) else { throw ValidationError("--tolerance must be a fraction from 0 to 1") }
        _ = try tolerances()
        _ = try sectorConfiguration()
    }

    /// The sector rules' configuration: `--skip-rule` by category.
    func sectorConfiguration() throws -> SectorRules.Configuration {
        var configuration = SectorRules.Configuration()
        for entry in skippedRules {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, let kind = FindingKind(rawValue: parts[1]),
                SectorRules.kinds.contains(kind)
            else {
                throw ValidationError(
                    "--skip-rule \(entry): expected CATEGORY=KIND with KIND one of "
                        + SectorRules.kinds.map(\.rawValue).joined(separator: ", "))
            }
            configuration.disabled[parts[0], default: []].insert(kind)
        }
        return configuration
    }

    /// The reconciler's configuration, with `since` unset.
    func configuration() throws -> Reconciler.Configuration {
        Reconciler.Configuration(
            defaultTolerance: tolerance, tolerances: try tolerances(), receiptHorizon: horizonHours * 3_600)
    }

    /// `--tolerance-for` by category.
    private func tolerances() throws -> [String: Double] {
        var byCategory: [String: Double] = [:]
        for entry in categoryTolerances {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, let value = Double(parts[1]), (0...1).contains(value) else {
                throw ValidationError("--tolerance-for \(entry): expected CATEGORY=FRACTION with a fraction from 0 to 1")
            }
            guard byCategory.updateValue(value, forKey: parts[0]) == nil else {
                throw ValidationError("--tolerance-for \(parts[0]) is given twice")
            }
        }
        return byCategory
    }
}
