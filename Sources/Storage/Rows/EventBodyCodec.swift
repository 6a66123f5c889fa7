import CSuyuanZlib
import CSuyuanZstd
import Foundation

/// How the stores' `event.body` holds an event's faithful body (SQLite BLOB, PostgreSQL BYTEA): one format byte,
/// then the body compressed with a preset dictionary of common EPCIS JSON-LD (``EventBodyDictionary``)
/// (docs/decisions/0026-compact-sqlite.md).
/// - Format 2 (written since 2026-12-07): a Zstandard frame (level 6) without its four magic bytes, dictionary ID and
///   checksum. About 104 bytes for a demo body, in a quarter of deflate's time (11 µs against 43 µs a body, measured
///   in C on the demo mix).
/// - Format 1 (written before): raw deflate (RFC 1951), level 9. Still read.
///
/// The ledger leaf and the event hash are over the body's bytes as captured, never over this form: a body is
/// restored to exactly those bytes before it is hashed or decoded. A body stored as TEXT (a row written or
/// changed outside the store) is read as it is.
///
/// Not `Sendable`: a value owns compression contexts and is used by one thread at a time (a capture's transaction,
/// one read). The dictionaries, prepared once, are shared by every value (Zstandard's are read-only).
public final class EventBodyCodec {
    /// The format byte of a raw deflate stream with dictionary 1. Another dictionary would get another byte; a
    /// stored body names the one it needs, so a released dictionary never changes.
    public static let deflateDictionary1: UInt8 = 1
    /// The format byte of a Zstandard frame with dictionary 1 (what ``compress(_:)`` writes).
    public static let zstdDictionary1: UInt8 = 2
    /// The Zstandard level: 6 compresses the demo mix as deflate's level 9 did, 3 is 20 % larger.
    static let zstdLevel: Int32 = 6
    /// Every Zstandard frame begins with these bytes (little-endian 0xFD2FB528); they are not stored.
    static let zstdMagic: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD]

    /// The dictionary prepared for compression and for decompression, once per process.
    nonisolated(unsafe) private static let compressionDictionary: OpaquePointer? = EventBodyDictionary.bytes
        .withUnsafeBytes { ZSTD_createCDict($0.baseAddress, $0.count, zstdLevel) }
    nonisolated(unsafe) private static let decompressionDictionary: OpaquePointer? = EventBodyDictionary.bytes
        .withUnsafeBytes { ZSTD_createDDict($0.baseAddress, $0.count) }

    private var compressor: OpaquePointer?
    private var decompressor: OpaquePointer?

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
        if let compressor { ZSTD_freeCCtx(compressor) }
        if let decompressor { ZSTD_freeDCtx(decompressor) }
    }

    /// The stored form of a body (format 2).
    /// - Throws: ``StorageError`` `.internalFailure` when the compressor fails (out of memory).
    public func compress(_ body: [UInt8]) throws -> [UInt8] {
        try compress(body, format: Self.zstdDictionary1)
    }

    /// The stored form of a body in a given format: ``zstdDictionary1`` or ``deflateDictionary1`` (the older one, for
    /// tests that write what an older release wrote).
    /// - Throws: ``StorageError`` `.internalFailure` when the compressor fails, or for an unknown format.
    public func compress(_ body: [UInt8], format: UInt8) throws -> [UInt8] {
        switch format {
        case Self.zstdDictionary1: return try zstdCompress(body)
        case Self.deflateDictionary1: return try deflateCompress(body)
        default: throw Self.failure("no body format \(format)")
        }
    }

    private func zstdCompress(_ body: [UInt8]) throws -> [UInt8] {
        if compressor == nil {
            guard let context = ZSTD_createCCtx(), let dictionary = Self.compressionDictionary else {
                throw Self.failure("cannot start zstd")
            }
            compressor = context
            for (parameter, value) in [(ZSTD_c_checksumFlag, Int32(0)), (ZSTD_c_dictIDFlag, 0), (ZSTD_c_contentSizeFlag, 1)]
            where ZSTD_isError(ZSTD_CCtx_setParameter(context, parameter, value)) != 0 {
                throw Self.failure("cannot set up zstd")
            }
            guard ZSTD_isError(ZSTD_CCtx_refCDict(context, dictionary)) == 0 else {
                throw Self.failure("cannot set the zstd dictionary")
            }
        }
        let bound = ZSTD_compressBound(body.count)
        var frame = [UInt8](repeating: 0, count: bound)
        let written = body.withUnsafeBytes { input in
            frame.withUnsafeMutableBytes { out in
                ZSTD_compress2(compressor, out.baseAddress, out.count, input.baseAddress, input.count)
            }
        }
        guard ZSTD_isError(written) == 0, written > Self.zstdMagic.count,
            frame[0..<Self.zstdMagic.count].elementsEqual(Self.zstdMagic)
        else { throw Self.failure("zstd did not compress") }
        var output = [UInt8]()
        output.reserveCapacity(written - Self.zstdMagic.count + 1)
        output.append(Self.zstdDictionary1)
        output += frame[Self.zstdMagic.count..<written]
        return output
    }

    private func zstdDecompress(_ stored: [UInt8]) throws -> [UInt8] {
        if decompressor == nil {
            guard let context = ZSTD_createDCtx(), let dictionary = Self.decompressionDictionary else {
                throw Self.failure("cannot start zstd")
            }
            decompressor = context
            guard ZSTD_isError(ZSTD_DCtx_refDDict(context, dictionary)) == 0 else {
                throw Self.failure("cannot set the zstd dictionary")
            }
        }
        let frame = Self.zstdMagic + stored.dropFirst()
        let size = frame.withUnsafeBytes { ZSTD_getFrameContentSize($0.baseAddress, $0.count) }
        // Unknown (-1) or error (-2) sizes, and sizes no body has, are refused.
        guard size < UInt64(64 << 20) else { throw Self.failure("a stored body has no size") }
        var output = [UInt8](repeating: 0, count: Int(size))
        let produced = frame.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                ZSTD_decompressDCtx(decompressor, out.baseAddress, out.count, input.baseAddress, input.count)
            }
        }
        guard ZSTD_isError(produced) == 0, produced == Int(size) else {
            throw Self.failure("a stored body does not decompress")
        }
        return output
    }

    private func deflateCompress(_ body: [UInt8]) throws -> [UInt8] {
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

    /// Codecs of one-off reads, kept for the next: a read decodes one body at a time on whichever thread asks, and a
    /// fresh decompression context costs about 10 µs to make, eight times the decompression of a demo body (C, the
    /// demo mix).
    private static let idle = IdleCodecs()

    /// Runs `body` with a codec kept for reads (stores' read paths, on any thread), then keeps the codec again.
    /// - Throws: what `body` throws.
    public static func withIdle<T>(_ body: (EventBodyCodec) throws -> T) rethrows -> T {
        let codec = idle.take() ?? EventBodyCodec()
        defer { idle.keep(codec) }
        return try body(codec)
    }

    /// The codecs between two reads.
    private final class IdleCodecs: @unchecked Sendable {
        // @unchecked: `codecs` is only touched under `lock`; a codec in it is used by no one, and one taken out by
        // the one caller that took it.
        private let lock = NSLock()
        private var codecs: [EventBodyCodec] = []

        func take() -> EventBodyCodec? { lock.withLock { codecs.popLast() } }

        /// Keeps a codec for the next read, up to one per thread that reads at once (a few).
        func keep(_ codec: EventBodyCodec) { lock.withLock { if codecs.count < 16 { codecs.append(codec) } } }
    }

    /// The body's bytes as captured, from a stored value that is either this codec's form or the JSON-LD bytes
    /// themselves (a PostgreSQL body stored as text before migration `v16-compact-bodies`, which kept it as it was):
    /// a body's JSON begins with `{`, never with a format byte.
    /// - Throws: ``StorageError`` `.internalFailure` when the stored bytes are neither.
    public func original(_ stored: [UInt8]) throws -> [UInt8] {
        stored.first == UInt8(ascii: "{") ? stored : try decompress(stored)
    }

    /// The body's bytes as captured, from its stored form (either format).
    /// - Throws: ``StorageError`` `.internalFailure` when the stored bytes are not a body this codec wrote.
    public func decompress(_ stored: [UInt8]) throws -> [UInt8] {
        if stored.first == Self.zstdDictionary1 { return try zstdDecompress(stored) }
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
