public import Foundation
import EPCIS

extension InMemoryEventStore: CaptureStatistics {
    public func capturedPerDay(from: Date, to: Date, offsetMinutes: Int) -> [CapturedDay] {
        let start = RecallRecord.millisecondsSince1970(from)
        let end = RecallRecord.millisecondsSince1970(to)
        var counts: [Int: Int] = [:]
        for stored in stored {
            guard let recorded = stored.event.recordTime?.date else { continue }
            let milliseconds = RecallRecord.millisecondsSince1970(recorded)
            guard milliseconds >= start, milliseconds < end else { continue }
            counts[CapturedDay.day(of: recorded, offsetMinutes: offsetMinutes), default: 0] += 1
        }
        return counts.sorted { $0.key < $1.key }.map { CapturedDay(day: $0.key, count: $0.value) }
    }
}
