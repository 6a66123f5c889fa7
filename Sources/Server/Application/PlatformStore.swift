public import EPCIS
import Foundation
public import Storage
public import TraceEngine

/// Everything the server needs of a store: events and projections, the ledger, the trace graph, recalls and the
/// platform state (keys, queries, subscriptions, the registry, scans). The SQLite and PostgreSQL stores both provide
/// it; the composition root (`suyuan serve`) picks one.
public protocol PlatformStore: ProjectionStore, LedgerStore, TraceGraphSource, ReconcileSource, RecallStore,
    PlatformStateStore, CaptureJobStore, StoreHealth, EvidenceStore, FederationStateStore, ConsumerReportStore,
    CaptureStatistics, SectorEventSource
{
    /// Captures a document whose events' places in the document are known, for diagnostics.
    func capture(_ document: EPCISDocument, locations: [EventLocation]?, context: CaptureContext)
        async throws(StorageError) -> CaptureReceipt

    /// Stores a document whose planning already began, so that a caller with several documents plans the next one
    /// while this one is written; ends the pipeline.
    func capture(planned pipeline: CapturePipeline) async throws(StorageError) -> CaptureReceipt

    /// The stored master data as the reconciler's registry.
    func partyRegistry() async throws(StorageError) -> PartyRegistry
}
