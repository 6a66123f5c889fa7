internal import Foundation

// When (EPCIS 2.0 section 7.4.1): the time zone offset is a real one, the event does not lie in the future,
// recordTime is the repository's to set, and an error declaration comes after the event it corrects.

extension EPCISValidator {
    func checkTimes(_ event: EPCISEvent, _ report: inout ValidationReport) {
        checkTimeZoneOffset(event, &report)
        checkNotInFuture(event, &report)
        checkErrorDeclaration(event, &report)
    }

    /// `±hh:mm` between -14:00 and +14:00.
    func checkTimeZoneOffset(_ event: EPCISEvent, _ report: inout ValidationReport) {
        guard Self.offsetMinutes(event.eventTimeZoneOffset) == nil else { return }
        report.error(
            "eventTimeZoneOffset",
            "eventTimeZoneOffset must be ±hh:mm between -14:00 and +14:00: \(event.eventTimeZoneOffset) is not "
                + "(EPCIS 2.0 section 7.4.1)"
        )
    }

    /// An event records what happened; one that happens later than now (beyond the clock tolerance) is refused.
    func checkNotInFuture(_ event: EPCISEvent, _ report: inout ValidationReport) {
        let limit = now().addingTimeInterval(futureTolerance)
        guard event.eventTime.date > limit else { return }
        report.error(
            "eventTime",
            "eventTime in the future: \(event.eventTime.text) is later than the capture time "
                + "\(EPCISDateTime(now()).text) (EPCIS 2.0 section 7.4.1)"
        )
    }

    /// recordTime is set by the capturing repository (EPCIS 2.0 section 7.4.1); a value sent for capture is ignored.
    func checkRecordTimeAbsent(_ event: EPCISEvent, _ report: inout ValidationReport) {
        guard let recordTime = event.recordTime else { return }
        report.warning(
            "recordTime",
            "recordTime is set by the repository: the captured value \(recordTime.text) will be replaced "
                + "(EPCIS 2.0 section 7.4.1)"
        )
    }

    /// An error is declared after the event it corrects, and corrective events are named by URIs.
    func checkErrorDeclaration(_ event: EPCISEvent, _ report: inout ValidationReport) {
        guard let declaration = event.errorDeclaration else { return }
        if declaration.declarationTime < event.eventTime {
            report.warning(
                "errorDeclaration/declarationTime",
                "declarationTime before eventTime: an error is declared after the event it corrects "
                    + "(EPCIS 2.0 section 7.4.1.2)"
            )
        }
        for (index, id) in declaration.correctiveEventIDs.enumerated() where !CBVValue.isAbsoluteURI(id) {
            report.error(
                "errorDeclaration/correctiveEventIDs/\(index)",
                "correctiveEventIDs must be URIs: \(id) is not an absolute URI (EPCIS 2.0 section 7.4.1.2)"
            )
        }
    }

    /// Minutes east of UTC of `±hh:mm`, or nil when the text is not such an offset within ±14:00.
    static func offsetMinutes(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 6, bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-"),
            bytes[3] == UInt8(ascii: ":")
        else { return nil }
        let digits = [bytes[1], bytes[2], bytes[4], bytes[5]]
        guard digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        let values = digits.map { Int($0 - UInt8(ascii: "0")) }
        let hours = values[0] * 10 + values[1]
        let minutes = values[2] * 10 + values[3]
        guard minutes < 60, hours * 60 + minutes <= 14 * 60 else { return nil }
        return (bytes[0] == UInt8(ascii: "-") ? -1 : 1) * (hours * 60 + minutes)
    }
}
