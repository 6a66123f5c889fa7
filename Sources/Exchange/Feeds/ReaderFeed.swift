public import EPCIS
public import Foundation
import Identifiers

/// A line-oriented feed from a fixed RFID reader or a market scale: one read per line,
/// `EPC,READER,TIME[,WEIGHT[,UNIT]]` (commas, tabs or spaces), or the same as `epc=… reader=… time=… weight=…
/// unit=…`. The EPC is tag hex (EPC binary, TDS) or an EPC URN / Digital Link; the reader is its location (a GLN or
/// an SGLN); the time an xsd:dateTime with offset, or seconds or milliseconds since 1970; the weight a number, in
/// KGM unless a unit follows. Blank lines and lines starting with `#` are skipped.
public struct ReaderFeed: Sendable {
    /// One read.
    public struct Read: Hashable, Sendable {
        /// The line it came from (1-based).
        public var line: Int
        /// The identifier as a URN or Digital Link.
        public var epc: IdentifierURI
        /// The reader's location.
        public var reader: IdentifierURI
        /// When it was read.
        public var time: EPCISDateTime
        /// The weight, when a scale sent one.
        public var weight: Double?
        /// The weight's UN/CEFACT unit.
        public var unit: String
    }

    /// The reads of a feed and the problems of its bad lines.
    public var reads: [Read] = []
    /// Each bad line: its number and the rule (``ImportIssue/row`` is the line).
    public var issues: [ImportIssue] = []

    /// Reads a feed's text.
    /// - Parameter text: the body.
    public init(_ text: String) {
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            switch Self.parse(line, number: index + 1) {
            case .value(let read): reads.append(read)
            case .problem(let rule): issues.append(ImportIssue(row: index + 1, column: nil, rule: rule))
            }
        }
    }

    static func parse(_ line: String, number: Int) -> CellParsers.Outcome<Read> {
        let fields = line.split { $0 == "," || $0 == "\t" || $0 == " " || $0 == ";" }.map(String.init)
        var named: [String: String] = [:]
        var positional: [String] = []
        for field in fields {
            if let equals = field.firstIndex(of: "="),
                field.hasPrefix("epc") || field.hasPrefix("reader")
                    || field.hasPrefix("time") || field.hasPrefix("weight") || field.hasPrefix("unit")
            {
                named[String(field[..<equals]).lowercased()] = String(field[field.index(after: equals)...])
            } else {
                positional.append(field)
            }
        }
        let order = ["epc", "reader", "time", "weight", "unit"]
        for (index, value) in positional.enumerated() where index < order.count && named[order[index]] == nil {
            named[order[index]] = value
        }
        guard let epcText = named["epc"], let readerText = named["reader"], let timeText = named["time"] else {
            return .problem("needs EPC, reader and time (EPC,READER,TIME[,WEIGHT[,UNIT]])")
        }
        let epc: IdentifierURI
        if epcText.hasPrefix("urn:") || epcText.hasPrefix("http") {
            guard ((try? EPCIdentifier.parse(epcText)) ?? nil) != nil else {
                return .problem("'\(epcText)' is not an EPC URN or GS1 Digital Link")
            }
            epc = IdentifierURI(epcText)
        } else {
            do {
                guard let urn = try EPCTag(hex: epcText).epc.urn else { return .problem("'\(epcText)': no EPC URN") }
                epc = IdentifierURI(urn)
            } catch {
                return .problem("'\(epcText)' is not EPC tag hex: \(error.message)")
            }
        }
        guard case .value(let reader) = CellParsers.location(readerText) else {
            return .problem("'\(readerText)' is not a reader location (a GLN or an SGLN)")
        }
        let time: EPCISDateTime
        if let stamp = EPCISDateTime(timeText) {
            time = stamp
        } else if let number = Double(timeText), number > 0 {
            time = EPCISDateTime(Date(timeIntervalSince1970: number > 1e11 ? number / 1000 : number))
        } else {
            return .problem("'\(timeText)' is not a time (2026-11-20T08:30:00+08:00, or seconds since 1970)")
        }
        var weight: Double?
        if let text = named["weight"] {
            guard case .value(let value) = CellParsers.quantity(text) else {
                return .problem("'\(text)' is not a weight greater than 0")
            }
            weight = value
        }
        var unit = "KGM"
        if let text = named["unit"] {
            guard case .value(let code) = CellParsers.unit(text) else { return .problem("'\(text)' is not a unit") }
            unit = code
        }
        return .value(Read(line: number, epc: epc, reader: reader, time: time, weight: weight, unit: unit))
    }

    /// The read as an ObjectEvent OBSERVE at the reader: an instance in `epcList` (with the weight as a sensor
    /// report of type Mass), a class (a lot on a scale) in `quantityList` with the weight as its quantity. Its ID
    /// derives from the read, so a read sent twice is stored once.
    public static func event(_ read: Read) -> EPCISEvent {
        let offset = CellParsers.offsetString(read.time.utcOffsetMinutes)
        var event = EPCISEvent(type: .objectEvent, eventTime: read.time, eventTimeZoneOffset: offset)
        event.action = .observe
        event.readPoint = LocationReference(id: read.reader)
        let kind = ((try? EPCIdentifier.parse(read.epc.text)) ?? nil)?.kind
        if kind == .lgtin || kind == .gtinClass {
            event.quantityList = [
                QuantityElement(epcClass: read.epc, quantity: read.weight, uom: read.weight.map { _ in read.unit })
            ]
        } else {
            event.epcList = [read.epc]
            if let weight = read.weight {
                var report = SensorReport(type: CBVValue("Mass", in: .measurementType))
                report.value = weight
                report.uom = read.unit
                event.sensorElementList = [SensorElement(reports: [report])]
            }
        }
        var text = "suyuan-feed-v1\u{1}\(read.epc.canonicalKey)\u{1}\(read.reader.canonicalKey)"
        text += "\u{1}\(read.time.utcMillisecondText)"
        text += "\u{1}\(read.weight.map(ExportCell.format) ?? "")\u{1}\(read.unit)"
        var bytes = Array(SHA256.hash(text).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x80
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        event.eventID =
            "urn:uuid:\(hex.prefix(8))-\(hex.dropFirst(8).prefix(4))-\(hex.dropFirst(12).prefix(4))-"
            + "\(hex.dropFirst(16).prefix(4))-\(hex.dropFirst(20))"
        return event
    }
}

/// Drops repeated reads: a tag in a reader's field is read many times a second, a scale sends its reading until
/// the goods are lifted. A read of the same EPC at the same reader within `window` of the last kept one is a
/// repeat. Pure state: the caller keeps it between feeds and decides what to store.
public struct ReadDeduplicator: Sendable {
    /// How long after a kept read the same EPC at the same reader is a repeat.
    public var window: TimeInterval
    /// The last kept read's time per EPC and reader.
    private var lastKept: [String: Date] = [:]
    /// Past this many keys the oldest half is forgotten, so memory stays bounded.
    private let capacity: Int

    /// Makes a deduplicator.
    /// - Parameters:
    ///   - window: seconds; 60 by default.
    ///   - capacity: how many EPC–reader pairs to remember.
    public init(window: TimeInterval = 60, capacity: Int = 200_000) {
        self.window = window
        self.capacity = capacity
    }

    /// Whether a read is new (and remember it), or a repeat within the window.
    public mutating func admit(_ read: ReaderFeed.Read) -> Bool {
        let key = read.epc.canonicalKey + "\u{1}" + read.reader.canonicalKey
        let time = read.time.date
        if let last = lastKept[key], abs(time.timeIntervalSince(last)) < window { return false }
        if lastKept.count >= capacity {
            let cutoff = lastKept.values.sorted()[lastKept.count / 2]
            lastKept = lastKept.filter { $0.value > cutoff }
        }
        lastKept[key] = time
        return true
    }
}
