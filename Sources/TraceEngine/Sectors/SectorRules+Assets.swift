internal import EPCIS
public import Foundation

extension SectorRules {
    /// maintenanceOverdue, inspectionOverdue and unsafeFill, per asset (an identifier whose master data or
    /// category gives a maintenance or inspection interval, an `inspectionDue` date, or that is filled).
    ///
    /// A maintenance is an event with business step ``maintaining`` or `repairing` naming the asset; an inspection,
    /// `inspecting` with a disposition other than `non_conformant`; it makes the asset valid for its inspection
    /// interval. The asset is valid until the later of its `inspectionDue` and its last inspection's expiry. A
    /// fill (``filling``) after the validity ended, or after the asset was scrapped (`decommissioning`,
    /// `destroying`, an ObjectEvent DELETE, or master data `scrappedOn`), is unsafe.
    func assets(_ events: [SectorEvent], now: Date) -> [Finding] {
        var histories: [String: [TraceEvent]] = [:]
        for sector in events {
            let event = sector.facts
            for key in event.epcs + (event.parent.map { [$0] } ?? []) where isAsset(key, event) {
                histories[key, default: []].append(event)
            }
        }
        var found: [Finding] = []
        for (asset, history) in histories {
            found += maintenance(asset, history, now: now)
            found += inspections(asset, history, now: now)
        }
        return found
    }

    private func maintenanceInterval(_ key: String) -> TimeInterval? {
        if let days = masterData.number("maintenanceIntervalDays", of: key) { return days * 86_400 }
        return masterData.category(of: key).flatMap { configuration.maintenanceIntervals[$0] }
    }

    private func inspectionInterval(_ key: String) -> TimeInterval? {
        if let days = masterData.number("inspectionIntervalDays", of: key) { return days * 86_400 }
        return masterData.category(of: key).flatMap { configuration.inspectionIntervals[$0] }
    }

    private func isAsset(_ key: String, _ event: TraceEvent) -> Bool {
        event.bizStep == Self.filling || maintenanceInterval(key) != nil || inspectionInterval(key) != nil
            || masterData.attribute("inspectionDue", of: key) != nil
    }

    private static func isMaintenance(_ event: TraceEvent) -> Bool {
        event.bizStep == maintaining || event.bizStep == "repairing"
    }

    private static func isInspection(_ event: TraceEvent) -> Bool {
        event.bizStep == "inspecting" && event.disposition != "non_conformant"
    }

    /// Gaps between maintenances longer than the interval, counted from the asset's first event, and the gap from
    /// the last one to now.
    private func maintenance(_ asset: String, _ history: [TraceEvent], now: Date) -> [Finding] {
        guard let interval = maintenanceInterval(asset), checks(.maintenanceOverdue, asset),
            let first = history.first, !isScrapped(asset, history, before: now).scrapped
        else { return [] }
        var found: [Finding] = []
        var last = first
        func gap(_ until: Date, _ evidence: [String]) {
            let length = until.timeIntervalSince(last.time)
            guard length > interval else { return }
            found.append(Finding(
                kind: .maintenanceOverdue, identifier: first.label(asset), key: asset,
                expected: Self.days(interval), actual: Self.days(length), uom: "DAY", events: evidence))
        }
        for event in history.dropFirst() where Self.isMaintenance(event) {
            gap(event.time, [last.id, event.id])
            last = event
        }
        gap(now, [last.id])
        return found
    }

    /// The end of an asset's validity at a time: the later of `inspectionDue` and the last inspection before the
    /// time plus the interval; with the inspection event.
    private func validity(_ asset: String, _ history: [TraceEvent], at time: Date) -> (until: Date?, event: String?) {
        var until = masterData.date("inspectionDue", of: asset)
        var evidence: String?
        if let interval = inspectionInterval(asset) {
            for event in history where event.time <= time && Self.isInspection(event) {
                let end = event.time.addingTimeInterval(interval)
                if until.map({ end > $0 }) ?? true {
                    until = end
                    evidence = event.id
                }
            }
        }
        return (until, evidence)
    }

    private func isScrapped(
        _ asset: String, _ history: [TraceEvent], before time: Date
    ) -> (scrapped: Bool, event: String?) {
        if let event = history.first(where: {
            $0.time < time && ($0.bizStep == "decommissioning" || $0.bizStep == "destroying"
                || ($0.type == .objectEvent && $0.action == .delete))
        }) {
            return (true, event.id)
        }
        if let date = masterData.date("scrappedOn", of: asset), date < time { return (true, nil) }
        return (false, nil)
    }

    /// inspectionOverdue now, and unsafeFill at each fill.
    private func inspections(_ asset: String, _ history: [TraceEvent], now: Date) -> [Finding] {
        var found: [Finding] = []
        let label = history.first?.label(asset) ?? asset
        if checks(.inspectionOverdue, asset), !isScrapped(asset, history, before: now).scrapped {
            let (until, event) = validity(asset, history, at: now)
            if let until, until < now {
                var finding = Finding(
                    kind: .inspectionOverdue, identifier: label, key: asset,
                    actual: Self.days(now.timeIntervalSince(until)),
                    uom: "DAY", events: event.map { [$0] } ?? [history.last!.id])
                finding.note = "due " + ISO8601DateFormatter().string(from: until)
                found.append(finding)
            }
        }
        guard checks(.unsafeFill, asset) else { return found }
        for fill in history where fill.bizStep == Self.filling {
            let scrapped = isScrapped(asset, history, before: fill.time)
            let (until, inspection) = validity(asset, history, at: fill.time)
            if scrapped.scrapped {
                var finding = Finding(
                    kind: .unsafeFill, identifier: label, key: asset,
                    events: (scrapped.event.map { [$0] } ?? []) + [fill.id])
                finding.note = "scrapped"
                found.append(finding)
            } else if let until, until < fill.time {
                var finding = Finding(
                    kind: .unsafeFill, identifier: label, key: asset,
                    actual: Self.days(fill.time.timeIntervalSince(until)),
                    uom: "DAY", events: (inspection.map { [$0] } ?? []) + [fill.id])
                finding.note = "inspection expired " + ISO8601DateFormatter().string(from: until)
                found.append(finding)
            }
        }
        return found
    }
}
