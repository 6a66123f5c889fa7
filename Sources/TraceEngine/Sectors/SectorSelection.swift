public import Foundation

/// Which stored events the sector pass asks a store for
/// (``SectorEventSource/scanSectorEvents(after:selecting:page:)``): those that name one of ``keys``, or any
/// identifier of one of ``gtins`` (the class itself, its lots, its serials), or whose business step is one of
/// ``bizSteps``, or whose business location is one of ``locations``. A store
/// answers them from its identifier, business step and location indexes, so the pass never decodes the bodies of
/// events no rule can read (docs/decisions/0017-sector-rules.md, "Selection").
public struct SectorSelection: Hashable, Sendable {
    /// Canonical keys of identifiers, matched exactly in any role (EPC, parent, child, input, output, quantity).
    public var keys: Set<String>
    /// GTINs (14 digits): every identifier whose Digital Link starts with `https://id.gs1.org/01/` and the GTIN.
    public var gtins: Set<String>
    /// Business steps: bare CBV terms (`filling` stands for its GS1 web URI form) or URIs.
    public var bizSteps: Set<String>
    /// Canonical keys of business locations.
    public var locations: Set<String>

    /// Makes a selection.
    public init(
        keys: Set<String> = [], gtins: Set<String> = [], bizSteps: Set<String> = [], locations: Set<String> = []
    ) {
        self.keys = keys
        self.gtins = gtins
        self.bizSteps = bizSteps
        self.locations = locations
    }

    /// Whether it selects nothing.
    public var isEmpty: Bool { keys.isEmpty && gtins.isEmpty && bizSteps.isEmpty && locations.isEmpty }

    /// The GTIN of a class key (`https://id.gs1.org/01/` and 14 digits, nothing after), else nil.
    public static func gtin(ofClass key: String) -> String? {
        let prefix = "https://id.gs1.org/01/"
        guard key.hasPrefix(prefix) else { return nil }
        let rest = key.dropFirst(prefix.count)
        guard rest.count == 14, rest.allSatisfy(\.isASCII), rest.allSatisfy(\.isNumber) else { return nil }
        return String(rest)
    }

    /// Whether an event, by its trace facts, is one the selection names (as a store answers it).
    public func selects(_ event: TraceEvent) -> Bool {
        if let step = event.bizStep, bizSteps.contains(where: { Self.storedBizStep($0) == Self.storedBizStep(step) }) {
            return true
        }
        if let place = event.bizLocation, locations.contains(place) { return true }
        return event.objectKeys.contains { key in
            keys.contains(key) || SectorMasterData.classKey(of: key).flatMap(Self.gtin(ofClass:)).map(gtins.contains)
                ?? Self.gtin(ofClass: key).map(gtins.contains) ?? false
        }
    }

    /// A business step as a store keeps it: a bare CBV term in its GS1 web URI form.
    public static func storedBizStep(_ step: String) -> String {
        step.contains(":") ? step : "https://ref.gs1.org/cbv/BizStep-" + step
    }
}
