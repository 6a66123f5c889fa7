public import Foundation

/// Reads an EPCIS document in either syntax, telling JSON from XML by the content: after an optional UTF-8 byte
/// order mark and whitespace, `<` starts XML and anything else is read as JSON.
public struct EPCISDocumentReader: Sendable {
    /// Makes a reader.
    public init() {}

    /// The syntax of a document's bytes.
    /// - Parameter data: the document.
    /// - Returns: `.xml` when the first byte after a BOM and whitespace is `<`, otherwise `.json`.
    public static func format(of data: Data) -> EPCISDocumentFormat {
        var index = data.startIndex
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        if data.count >= 3, Array(data.prefix(3)) == bom { index += 3 }
        while index < data.endIndex, [0x20, 0x09, 0x0A, 0x0D].contains(data[index]) { index += 1 }
        return index < data.endIndex && data[index] == UInt8(ascii: "<") ? .xml : .json
    }

    /// Reads a whole document.
    /// - Parameter data: JSON or XML bytes.
    /// - Returns: the document with its events.
    /// - Throws: ``EPCISDocumentError`` with every problem the decoder found.
    public func read(_ data: Data) throws(EPCISDocumentError) -> EPCISDocument {
        try readLocated(data).document
    }

    /// Reads a whole document and tells where each event stood and which syntax it was.
    /// - Parameter data: JSON or XML bytes.
    /// - Returns: the document, each event's location, and the syntax.
    /// - Throws: ``EPCISDocumentError`` with every problem the decoder found.
    public func readLocated(_ data: Data) throws(EPCISDocumentError) -> (
        document: EPCISDocument, locations: [EventLocation], format: EPCISDocumentFormat
    ) {
        let format = Self.format(of: data)
        switch format {
        case .xml:
            let (document, locations) = try XMLDocumentDecoder().decodeLocated(data)
            return (document, locations, format)
        case .json:
            let (document, locations) = try JSONDocumentDecoder().decodeLocated(data)
            return (document, locations, format)
        }
    }
}
