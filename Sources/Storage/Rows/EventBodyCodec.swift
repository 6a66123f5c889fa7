import CSuyuanZlib
import Foundation

/// How the stores' `event.body` holds an event's faithful body (SQLite BLOB, PostgreSQL BYTEA): raw deflate (RFC 1951) with a preset dictionary of common EPCIS
/// JSON-LD (``EventBodyDictionary``), behind one format byte (docs/decisions/0026-compact-sqlite.md).
///
/// The ledger leaf and the event hash are over the body's bytes as captured, never over this form: a body is
/// inflated back to exactly those bytes before it is hashed or decoded. A body stored as TEXT (a row written or
/// changed outside the store) is read as it is.
///
/// Not `Sendable`: a value owns zlib streams and is used by one thread at a time (a capture's transaction, one
/// read).
public final class EventBodyCodec {
    /// The format byte of a raw deflate stream with dictionary 1. Another dictionary would get another byte; a
    /// stored body names the one it needs, so a released dictionary never changes.
    public static let deflateDictionary1: UInt8 = 1

    private var deflater = z_stream()
    private var inflater = z_stream()
    private var deflaterReady = false
    private var inflaterReady = false
    private var buffer: [UInt8] = []

    /// Makes a codec (its zlib streams start on first use).
    public init() {}

    deinit {
        if deflaterReady { deflateEnd(&deflater) }
        if inflaterReady { inflateEnd(&inflater) }
    }

    /// The stored form of a body.
    /// - Throws: ``StorageError`` `.internalFailure` when zlib fails (out of memory).
    public func compress(_ body: [UInt8]) throws -> [UInt8] {
        if !deflaterReady {
            guard deflateInit2_(
                &deflater, Z_BEST_COMPRESSION, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                Int32(MemoryLayout<z_stream>.size)) == Z_OK
            else { throw Self.failure("cannot start deflate") }
            deflaterReady = true
        } else {
            deflateReset(&deflater)
        }
        try EventBodyDictionary.bytes.withUnsafeBufferPointer { dictionary in
            guard deflateSetDictionary(&deflater, dictionary.baseAddress, UInt32(dictionary.count)) == Z_OK else {
                throw Self.failure("cannot set the dictionary")
            }
        }
        let bound = Int(deflateBound(&deflater, UInt(body.count))) + 1
        var output = [UInt8](repeating: 0, count: bound)
        output[0] = Self.deflateDictionary1
        let written: Int = try body.withUnsafeBufferPointer { input in
            try output.withUnsafeMutableBufferPointer { out in
                deflater.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                deflater.avail_in = UInt32(input.count)
                deflater.next_out = out.baseAddress.map { $0 + 1 }
                deflater.avail_out = UInt32(bound - 1)
                guard deflate(&deflater, Z_FINISH) == Z_STREAM_END else { throw Self.failure("deflate did not end") }
                return bound - Int(deflater.avail_out)
            }
        }
        output.removeSubrange(written...)
        return output
    }

    /// The body's bytes as captured, from a stored value that is either this codec's form or the JSON-LD bytes
    /// themselves (a PostgreSQL body stored as text before migration `v16-compact-bodies`, which kept it as it was):
    /// a body's JSON begins with `{`, never with a format byte.
    /// - Throws: ``StorageError`` `.internalFailure` when the stored bytes are neither.
    public func original(_ stored: [UInt8]) throws -> [UInt8] {
        stored.first == UInt8(ascii: "{") ? stored : try decompress(stored)
    }

    /// The body's bytes as captured, from its stored form.
    /// - Throws: ``StorageError`` `.internalFailure` when the stored bytes are not a body this codec wrote.
    public func decompress(_ stored: [UInt8]) throws -> [UInt8] {
        guard stored.first == Self.deflateDictionary1 else {
            throw Self.failure("a stored body has an unknown format")
        }
        if !inflaterReady {
            guard inflateInit2_(&inflater, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                throw Self.failure("cannot start inflate")
            }
            inflaterReady = true
        } else {
            inflateReset(&inflater)
        }
        // A raw stream takes its dictionary before the first byte (zlib's header would ask for it).
        try EventBodyDictionary.bytes.withUnsafeBufferPointer { dictionary in
            guard inflateSetDictionary(&inflater, dictionary.baseAddress, UInt32(dictionary.count)) == Z_OK else {
                throw Self.failure("cannot set the dictionary")
            }
        }
        let size = max(4096, stored.count * 8)
        if buffer.count < size { buffer = [UInt8](repeating: 0, count: size) }
        var result: [UInt8] = []
        try stored.withUnsafeBufferPointer { input in
            inflater.next_in = UnsafeMutablePointer(mutating: input.baseAddress.map { $0 + 1 })
            inflater.avail_in = UInt32(input.count - 1)
            while true {
                let (code, produced) = buffer.withUnsafeMutableBufferPointer { out in
                    inflater.next_out = out.baseAddress
                    inflater.avail_out = UInt32(out.count)
                    let code = inflate(&inflater, Z_NO_FLUSH)
                    return (code, out.count - Int(inflater.avail_out))
                }
                result.append(contentsOf: buffer[0..<produced])
                if code == Z_STREAM_END { return }
                guard code == Z_OK, produced > 0 || inflater.avail_in > 0 else {
                    throw Self.failure("a stored body does not inflate")
                }
            }
        }
        return result
    }

    private static func failure(_ message: String) -> StorageError {
        StorageError(.internalFailure, "event body compression: \(message)")
    }
}
