import EPCIS
import Foundation

/// Events and a validator with a fixed clock, for the validation tests.
enum ValidationFixtures {
    /// 2026-11-21T00:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_795_219_200)

    static let validator = EPCISValidator(now: { now }, futureTolerance: 600)

    static let sgtin: IdentifierURI = "urn:epc:id:sgtin:0614141.107346.2017"
    static let sgtin2: IdentifierURI = "urn:epc:id:sgtin:0614141.107346.2018"
    static let sscc: IdentifierURI = "urn:epc:id:sscc:0614141.1234567890"
    static let sgln: IdentifierURI = "urn:epc:id:sgln:0614141.07346.1234"
    static let pgln: IdentifierURI = "urn:epc:id:pgln:0614141.00001"
    static let lgtin: IdentifierURI = "urn:epc:class:lgtin:4012345.012345.998877"
    static let at = EventLocation(pointer: "/epcisBody/eventList/0")

    static func time(_ text: String = "2026-11-20T08:00:00.000+01:00") -> EPCISDateTime {
        guard let time = EPCISDateTime(text) else { preconditionFailure("bad fixture time \(text)") }
        return time
    }

    /// An ObjectEvent OBSERVE of one SGTIN at an SGLN: valid.
    static func objectEvent() -> EPCISEvent {
        var event = EPCISEvent(type: .objectEvent, eventTime: time(), eventTimeZoneOffset: "+01:00")
        event.action = .observe
        event.epcList = [sgtin]
        event.readPoint = LocationReference(id: sgln)
        return event
    }

    /// An AggregationEvent ADD of one SGTIN into an SSCC: valid.
    static func aggregationEvent() -> EPCISEvent {
        var event = EPCISEvent(type: .aggregationEvent, eventTime: time(), eventTimeZoneOffset: "+01:00")
        event.action = .add
        event.parentID = sscc
        event.childEPCs = [sgtin]
        return event
    }

    /// A TransformationEvent from one SGTIN to an LGTIN quantity: valid.
    static func transformationEvent() -> EPCISEvent {
        var event = EPCISEvent(type: .transformationEvent, eventTime: time(), eventTimeZoneOffset: "+01:00")
        event.inputEPCList = [sgtin]
        event.outputQuantityList = [QuantityElement(epcClass: lgtin, quantity: 10, uom: "KGM")]
        return event
    }

    static func validate(_ event: EPCISEvent) -> [Diagnostic] {
        validator.validate(event, at: at)
    }

    static func errors(_ event: EPCISEvent) -> [Diagnostic] {
        validate(event).filter { $0.severity == .error }
    }

    static func warnings(_ event: EPCISEvent) -> [Diagnostic] {
        validate(event).filter { $0.severity == .warning }
    }
}
