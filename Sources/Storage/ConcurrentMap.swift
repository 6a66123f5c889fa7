import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// Maps the elements on every core, in contiguous chunks, and returns the results in the array's order.
    ///
    /// For pure per-element work (validating and hashing the events of one capture): below `minimumChunk`
    /// elements per core, or on one core, it maps serially.
    /// - Parameters:
    ///   - minimumChunk: the fewest elements worth handing to a core of their own.
    ///   - transform: the work for one element, with its index; it must not depend on the other elements.
    /// - Returns: `transform` of each element, in order.
    func concurrentMap<Result: Sendable>(
        minimumChunk: Int = 500, _ transform: @Sendable (Int, Element) -> Result
    ) -> [Result] {
        let workers = Swift.min(ProcessInfo.processInfo.activeProcessorCount, Swift.max(1, count / minimumChunk))
        guard workers > 1 else { return enumerated().map { transform($0.offset, $0.element) } }
        let chunk = (count + workers - 1) / workers
        var parts = [[Result]](repeating: [], count: workers)
        parts.withUnsafeMutableBufferPointer { buffer in
            // Safe: iteration `worker` writes only `buffer[worker]`, no two iterations share an element, and
            // concurrentPerform returns after every iteration has finished.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let range = (worker * chunk)..<Swift.min((worker + 1) * chunk, count)
                slots[worker] = range.map { transform($0, self[$0]) }
            }
        }
        return parts.flatMap { $0 }
    }
}
