import Dispatch
import Foundation

/// Splits `0..<count` into contiguous chunks, one per core, runs `body` on each at the same time and joins the
/// results in order.
///
/// For pure per-element work (validating, hashing and encoding the events of a capture, decoding stored bodies):
/// `body` gets a whole chunk so that it can keep per-thread state (an encoder, a cache) across its elements. Below
/// `minimumChunk` elements per core, or on one core, it runs on the calling thread.
/// - Parameters:
///   - count: how many elements.
///   - minimumChunk: the fewest elements worth handing to a core of their own.
///   - body: the work for one chunk of element indices; its result holds one value per element, in order.
/// - Returns: the chunks' results, joined in order.
/// - Throws: the first error of a chunk, in chunk order.
public func concurrentChunks<T: Sendable, E: Error>(
    _ count: Int, minimumChunk: Int = 500, _ body: @Sendable (Range<Int>) throws(E) -> [T]
) throws(E) -> [T] {
    let workers = min(ProcessInfo.processInfo.activeProcessorCount, max(1, count / minimumChunk))
    guard workers > 1 else { return try body(0..<count) }
    let chunk = (count + workers - 1) / workers
    var parts = [Result<[T], E>](repeating: .success([]), count: workers)
    parts.withUnsafeMutableBufferPointer { buffer in
        // Safe: iteration `worker` writes only `buffer[worker]`, no two iterations share an element, and
        // concurrentPerform returns after every iteration has finished.
        nonisolated(unsafe) let slots = buffer
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let range = (worker * chunk)..<min((worker + 1) * chunk, count)
            do throws(E) {
                slots[worker] = .success(try body(range))
            } catch {
                slots[worker] = .failure(error)
            }
        }
    }
    var joined: [T] = []
    joined.reserveCapacity(count)
    for part in parts { joined += try part.get() }
    return joined
}
