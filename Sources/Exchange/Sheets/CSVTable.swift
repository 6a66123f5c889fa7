import CSV
import Foundation

/// CSV in and out through CSV.swift (RFC 4180 quoting, quoted line breaks): UTF-8, with or without the byte order
/// mark Excel writes; the delimiter is a comma, or a semicolon or tab when the header row holds no comma.
enum CSVTable {
    static func read(_ data: Data) throws(ExchangeError) -> SheetTable {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw ExchangeError(
                .unreadable,
                "the file is neither XLSX nor UTF-8 text: save it as XLSX, or as CSV UTF-8 (Excel: 'CSV UTF-8'; "
                    + "WPS: encoding UTF-8)")
        }
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r" }
        var delimiter: UnicodeScalar = ","
        if !firstLine.contains(",") {
            if firstLine.contains("\t") { delimiter = "\t" } else if firstLine.contains(";") { delimiter = ";" }
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false, delimiter: delimiter)
        } catch {
            throw ExchangeError(.unreadable, "the file cannot be read as CSV", underlying: error)
        }
        var rows: [SheetTable.Row] = []
        var number = 0
        while let cells = reader.next() {
            number += 1
            guard cells.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else { continue }
            rows.append(SheetTable.Row(number: number, cells: cells))
        }
        if let error = reader.error {
            throw ExchangeError(.unreadable, "the file cannot be read as CSV after row \(number)", underlying: error)
        }
        return SheetTable(rows: rows)
    }

    /// Writes rows as CSV (UTF-8 with a byte order mark, so that Excel shows Chinese text; CRLF line ends).
    static func write(_ rows: [[String]]) -> Data {
        let stream = OutputStream(toMemory: ())
        stream.open()
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        _ = stream.write(bom, maxLength: bom.count)
        // Writing to memory cannot fail; a failure would leave the data short, which the tests would see.
        if let writer = try? CSVWriter(stream: stream, newline: .crlf) {
            for row in rows { try? writer.write(row: row) }
        }
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        stream.close()
        return rows.isEmpty ? data : data + Data("\r\n".utf8)
    }
}
