import CSuyuanZstd
public import Foundation

/// The form in which a store keeps an accepted capture job's document until the job has run: a Zstandard frame
/// (level 1, no dictionary) of the bytes as they were sent.
///
/// A job's document is written when the request is accepted, read back when the job runs, and dropped when it ends:
/// on SQLite that is the writer's transaction writing it into the write-ahead log and the checkpoint copying it into
/// the file, for every document posted. EPCIS JSON-LD and XML compress about tenfold at level 1, at several hundred
/// megabytes a second. Documents kept as they were sent (by earlier releases) read as they are: a frame starts with
/// Zstandard's magic number (`28 B5 2F FD`), which no JSON or XML text starts with (`0xB5` cannot follow `(` in
/// UTF-8).
public enum CaptureJobBody {
    private static let level: Int32 = 1

    /// The kept form of a document.
    /// - Parameter document: the bytes as they were sent.
    /// - Returns: a Zstandard frame of them.
    /// - Throws: ``StorageError`` `.internalFailure` when the compressor fails.
    public static func stored(_ document: Data) throws(StorageError) -> Data {
        let bound = ZSTD_compressBound(document.count)
        var frame = Data(count: bound)
        let written = frame.withUnsafeMutableBytes { out in
            document.withUnsafeBytes { input in
                ZSTD_compress(out.baseAddress, out.count, input.baseAddress, input.count, level)
            }
        }
        guard ZSTD_isError(written) == 0 else {
            throw StorageError(.internalFailure, "cannot compress a capture job's document: zstd error \(written)")
        }
        frame.count = written
        return frame
    }

    /// The document as it was sent, from its kept form (a frame, or the plain bytes an earlier release kept).
    /// - Parameter kept: what the store holds.
    /// - Returns: the bytes as they were sent.
    /// - Throws: ``StorageError`` `.internalFailure` for a damaged frame.
    public static func original(_ kept: Data) throws(StorageError) -> Data {
        let magic = EventBodyCodec.zstdMagic
        guard kept.count >= magic.count, kept.prefix(magic.count).elementsEqual(magic) else { return kept }
        let size = kept.withUnsafeBytes { ZSTD_getFrameContentSize($0.baseAddress, $0.count) }
        // ZSTD_CONTENTSIZE_UNKNOWN and ZSTD_CONTENTSIZE_ERROR are the two largest values; frames written by
        // `stored(_:)` always record their size.
        guard size < UInt64.max - 1, size <= UInt64(Int.max) else {
            throw StorageError(.internalFailure, "a capture job's kept document is damaged: no content size")
        }
        var document = Data(count: Int(size))
        let produced = document.withUnsafeMutableBytes { out in
            kept.withUnsafeBytes { input in ZSTD_decompress(out.baseAddress, out.count, input.baseAddress, input.count) }
        }
        guard ZSTD_isError(produced) == 0, produced == Int(size) else {
            throw StorageError(.internalFailure, "a capture job's kept document is damaged: zstd error \(produced)")
        }
        return document
    }
}
