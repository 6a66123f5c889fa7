import Federation
import Foundation
import Storage
import TraceEngine

extension Platform {
    /// A trace over this platform's store, or over the whole federation when there are peers.
    /// - Parameters:
    ///   - direction: backward or forward.
    ///   - key: the canonical key to start from.
    ///   - budget: how far to go.
    ///   - principal: who asks (a regulator's trace asks peers on the regulator's behalf).
    /// - Returns: the trace, and what each platform contributed (nil when this platform stands alone).
    func trace(_ direction: TraceDirection, from key: String, budget: TraceBudget, principal: Principal)
        async throws -> (TraceResult, FederationReport?)
    {
        guard directory.isFederated else {
            let engine = TraceEngine(source: store)
            let result = direction == .backward
                ? try await engine.back(from: key, budget: budget) : try await engine.forward(from: key, budget: budget)
            return (result, nil)
        }
        let source = FederatedTraceSource(
            local: store, peers: peers, onBehalfOf: principal.seesEverything ? "regulator" : nil)
        let engine = TraceEngine(source: source)
        let result = direction == .backward
            ? try await engine.back(from: key, budget: budget) : try await engine.forward(from: key, budget: budget)
        return (result, source.report)
    }

    /// The platform a holder, party or location is homed on, when it is another one.
    func foreignHome(of identifier: String?) -> String? {
        identifier.flatMap { directory.foreignHome(of: $0) }
    }

    /// A trace's JSON, with the platforms it came from when it crossed any.
    func traceDTO(_ result: TraceResult, report: FederationReport?) -> TraceJSON.TraceDTO {
        var dto = TraceJSON.dto(result)
        guard let report else { return dto }
        let selfID = directory.selfID
        dto.holders = dto.holders?.map { holder in
            var holder = holder
            holder.platform = foreignHome(of: holder.party) ?? foreignHome(of: holder.location) ?? selfID
            return holder
        }
        dto.platforms = report.shares.filter { $0.value.events > 0 || $0.key == selfID }.map {
            TraceJSON.PlatformDTO(
                id: $0.key, events: $0.value.events, verified: $0.value.verified, unsigned: $0.value.unsigned,
                failed: $0.value.failed)
        }.sorted { $0.id < $1.id }
        dto.partial = report.isPartial
        dto.unreachable = report.unreachable.keys.sorted()
        return dto
    }
}
