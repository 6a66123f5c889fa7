import EPCIS
import Exchange
import Foundation
import HTTPTypes
import Hummingbird
import NIOFoundationCompat
import Storage
import Synchronization

/// Data in and out the way people already work (issue 19): `POST /import?as=KIND` (a CSV or XLSX spreadsheet),
/// `GET /templates/{kind}.csv|.xlsx`, `GET /exports/{kind}?lot=…|party=…&from&to&format=csv|xlsx`, and
/// `POST /feeds/reads` (lines from a fixed RFID reader or a market scale). Events are captured through the store's
/// capture, as `POST /capture` captures them, and a party key captures only at its own places (the capture's rule).
struct ExchangeController<Store: PlatformStore> {
    let platform: Platform<Store>
    /// Repeated reads are dropped across feeds: a reader sends the same tag many times a second.
    let reads = ReadWindow()

    func register(on router: Router<AppRequestContext>) {
        router.post("import") { request, context in try await importFile(request, context) }
        router.get("templates/{file}") { _, context in try template(context) }
        router.get("exports/{kind}") { request, context in try await export(request, context) }
        router.post("feeds/reads") { request, context in try await feed(request, context) }
        registerConsole(on: router)
    }

    struct ImportAnswer: Encodable {
        var kind: String
        var rows: Int
        var events: Int
        var stored: Int
        var alreadyStored: Int
        var eventIDs: [String]
    }

    func importFile(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try platform.require(context.principal, .admin, .regulator, .party, to: "import")
        guard let name = request.uri.queryParameters["as"].map(String.init), let kind = ImportKind(name: name) else {
            throw Problem.badParameter(
                "as=KIND names the template: " + ImportKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let limit = max(platform.configuration.captureByteLimit, 64 * 1_024 * 1_024)
        let data: Data
        do {
            data = Data(buffer: try await request.body.collect(upTo: limit))
        } catch {
            throw Problem.bodyTooLarge(limit: limit, rule: "a spreadsheet of at most \(limit) bytes")
        }
        let (result, receipt) = try await importSpreadsheet(data, kind: kind, principal: context.principal)
        return try Responses.json(
            ImportAnswer(
                kind: kind.rawValue, rows: receipt.rows, events: receipt.events, stored: receipt.stored,
                alreadyStored: receipt.alreadyStored, eventIDs: result.document.events.compactMap(\.eventID)),
            status: receipt.stored > 0 ? .created : .ok)
    }

    /// Reads a spreadsheet and captures its events: every row checked first (a refused file stores nothing), then
    /// the place rule for a party key, then the capture with `proceed` (a file sent again stores nothing twice).
    /// - Throws: ``Problem`` 400 naming each bad row and column, 403 naming the rows at another party's places.
    func importSpreadsheet(
        _ data: Data, kind: ImportKind, principal: Principal
    ) async throws -> (ImportResult, ImportReceipt) {
        let result: ImportResult
        do {
            result = try SpreadsheetImporter(kind: kind).read(data)
        } catch {
            throw Self.problem(error)
        }
        try await checkPlaces(result, principal: principal)
        let receipt: ImportReceipt
        do {
            receipt = try await result.capture(into: platform.store)
        } catch {
            if let storage = error.underlying as? StorageError { throw Problem(storage) }
            throw Self.problem(error)
        }
        if receipt.stored > 0 { platform.captured.signal() }
        platform.metrics.count("events_captured", "events captured", by: receipt.stored)
        return (result, receipt)
    }

    /// The capture's place rule (a party key captures at its own locations or as a source), each refused event
    /// named by its rows.
    private func checkPlaces(_ result: ImportResult, principal: Principal) async throws {
        guard principal.role == .party else { return }
        let visibility = try await platform.visibility()
        let refused = result.document.events.indices.filter {
            !visibility.canCapture(result.document.events[$0], principal: principal)
        }
        guard refused.isEmpty else {
            throw Problem(
                .forbidden, "SecurityException", "Not your location",
                detail:
                    "a party key imports only records at its own locations or where it is a source; nothing was stored",
                errors: refused.map {
                    Problem.Entry(
                        pointer: "row \(result.rows[$0].map(String.init).joined(separator: ", "))",
                        detail: "the location is not one of \(principal.party ?? "this party")'s")
                })
        }
    }

    func template(_ context: AppRequestContext) throws -> Response {
        let file = try context.parameters.require("file")
        let parts = file.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let kind = ImportKind(name: parts[0]),
            let format = SheetTable.Format(rawValue: parts[1])
        else { throw Problem.notFound("no template \(file); try /templates/harvest.csv or /templates/harvest.xlsx") }
        let data = try ImportTemplate(kind).workbook.data(format)
        return Self.download(data, format: format, name: "suyuan-\(kind.rawValue)-template")
    }

    func export(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try platform.require(context.principal, .admin, .regulator, .party, to: "export records")
        let name = try context.parameters.require("kind")
        guard let kind = ExportKind(rawValue: name) else {
            throw Problem.notFound("no export \(name); exports: fsma204, eu178, dscsa, gbt38156")
        }
        let query = request.uri.queryParameters
        func time(_ key: String) throws(Problem) -> Date? {
            guard let text = query[Substring(key)].map(String.init) else { return nil }
            guard let date = EPCISDateTime(text)?.date ?? EPCISDateTime(text + "T00:00:00Z")?.date else {
                throw Problem.badParameter("\(key)=\(text) is not a date or a date and time with offset")
            }
            return date
        }
        let format =
            try SheetTable.Format(rawValue: query["format"].map(String.init) ?? "csv")
            ?? { () throws(Problem) -> SheetTable.Format in throw Problem.badParameter("format is csv or xlsx") }()
        let exportRequest = ExportRequest(
            lot: query["lot"].map(String.init), party: query["party"].map(String.init), from: try time("from"),
            to: try time("to"))
        if context.principal.role == .party {
            // A party exports its own records: for a lot, as the business it is; otherwise only its own party.
            guard let own = context.principal.party,
                exportRequest.party.map({ IdentifierURI($0).canonicalKey }) == own
            else {
                throw Problem.forbidden(
                    "a party key exports its own records: add party=\(context.principal.party ?? "")")
            }
        }
        do {
            let workbook = try await Exporter(store: platform.store).workbook(kind, exportRequest)
            return Self.download(try workbook.data(format), format: format, name: "suyuan-\(kind.rawValue)")
        } catch {
            throw Self.problem(error)
        }
    }

    struct FeedAnswer: Encodable {
        struct Rejected: Encodable {
            var line: Int
            var rule: String
        }
        var lines: Int
        var repeats: Int
        var stored: Int
        var alreadyStored: Int
        var rejected: [Rejected]
    }

    /// Reads become ObjectEvents (OBSERVE) at the reader; repeats within the window are dropped; the rest are
    /// captured in batches. Good lines are kept when others are bad (a reader cannot fix its past lines), and the
    /// answer names each bad line; a body with no good line is refused.
    func feed(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try platform.require(context.principal, .admin, .regulator, .party, to: "send reads")
        let body = try await request.body.collect(upTo: 16 * 1_024 * 1_024)
        let feed = ReaderFeed(String(decoding: Data(buffer: body), as: UTF8.self))
        guard !feed.reads.isEmpty else {
            throw Problem.invalid(
                "no read in the body; send lines EPC,READER,TIME[,WEIGHT[,UNIT]]",
                errors: feed.issues.map { Problem.Entry(pointer: "line \($0.row)", detail: $0.rule) })
        }
        let window = request.uri.queryParameters["window"].flatMap { Double(String($0)) }
        let kept = reads.admit(feed.reads, window: window)
        var document = EPCISDocument(events: kept.map(ReaderFeed.event))
        document.creationDate = EPCISDateTime(Date())
        var result = ImportResult(kind: .sale, rowCount: feed.reads.count)
        result.document = document
        result.rows = kept.map { [$0.line] }
        try await checkPlaces(result, principal: context.principal)
        let receipt: ImportReceipt
        do {
            receipt = try await result.capture(into: platform.store, batchSize: 1_000)
        } catch {
            if let storage = error.underlying as? StorageError { throw Problem(storage) }
            throw Self.problem(error)
        }
        if receipt.stored > 0 { platform.captured.signal() }
        platform.metrics.count("events_captured", "events captured", by: receipt.stored)
        return try Responses.json(
            FeedAnswer(
                lines: feed.reads.count + feed.issues.count, repeats: feed.reads.count - kept.count,
                stored: receipt.stored,
                alreadyStored: receipt.alreadyStored,
                rejected: feed.issues.map { FeedAnswer.Rejected(line: $0.row, rule: $0.rule) }))
    }

    static func download(_ data: Data, format: SheetTable.Format, name: String) -> Response {
        var headers = HTTPFields()
        headers[.contentDisposition] = "attachment; filename=\"\(name).\(format.rawValue)\""
        let type =
            format == .csv
            ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return Responses.bytes(data, contentType: type, headers: headers)
    }

    /// An exchange error as problem details: each row's issue is an entry naming the row and the column.
    static func problem(_ error: ExchangeError) -> Problem {
        let entries = error.issues.map {
            Problem.Entry(pointer: "row \($0.row)" + ($0.column.map { ", column \($0)" } ?? ""), detail: $0.rule)
        }
        switch error.code {
        case .invalidRows: return Problem.invalid(error.message, errors: entries)
        case .unreadable:
            return Problem(.badRequest, "ValidationException", "The file cannot be read", detail: error.message)
        case .notFound: return Problem.notFound(error.message)
        case .badRequest: return Problem.badParameter(error.message)
        default:
            return Problem(
                .internalServerError, "ImplementationException", "Internal error",
                detail: "the server failed; its log has the details")
        }
    }
}

/// The reads kept so far, shared by every feed request (the deduplicator's state).
final class ReadWindow: Sendable {
    private let state = Mutex(ReadDeduplicator())

    func admit(_ reads: [ReaderFeed.Read], window: TimeInterval?) -> [ReaderFeed.Read] {
        state.withLock { deduplicator in
            if let window { deduplicator.window = window }
            return reads.filter { deduplicator.admit($0) }
        }
    }
}
