import EPCIS
import Testing

@Suite struct ValidationDocumentTests {
    typealias F = ValidationFixtures

    @Test("several problems in several events are all reported in one pass, in document order")
    func allProblemsInOnePass() {
        // Given a document whose first event lacks an action, second is valid, third has a bad quantity and
        // an aggregation ADD without parent
        var first = F.objectEvent()
        first.action = nil
        var third = F.aggregationEvent()
        third.parentID = nil
        third.childQuantityList = [QuantityElement(epcClass: F.lgtin, quantity: -1)]
        let document = EPCISDocument(events: [first, F.objectEvent(), third])
        // When validated
        let diagnostics = F.validator.validate(document)
        // Then every problem is there, with its pointer
        #expect(
            diagnostics.map(\.location) == [
                "/epcisBody/eventList/0/action", "/epcisBody/eventList/2/parentID",
                "/epcisBody/eventList/2/childQuantityList/0/quantity",
            ]
        )
        #expect(!EPCISValidator.accepts(diagnostics))
    }

    @Test("decoder locations are used: JSON pointers get field suffixes, XML paths get the line")
    func decoderLocationsUsed() {
        // Given two events without action and locations as the decoders give them
        var event = F.objectEvent()
        event.action = nil
        let document = EPCISDocument(events: [event, event, event])
        let locations = [
            EventLocation(pointer: "/epcisBody/eventList/0", line: 9),
            EventLocation(pointer: "/EPCISDocument/EPCISBody/EventList/ObjectEvent[2]", line: 40),
            EventLocation(pointer: "/", line: 1),
        ]
        // When validated
        let diagnostics = F.validator.validate(document, locations: locations)
        // Then
        #expect(
            diagnostics.map(\.location) == [
                "/epcisBody/eventList/0/action", "line 40 /EPCISDocument/EPCISBody/EventList/ObjectEvent[2]/action",
                "/action",
            ]
        )
    }

    @Test("warnings alone do not refuse a document")
    func warningsAccepted() {
        var event = F.objectEvent()
        event.recordTime = F.time()
        let diagnostics = F.validator.validate(EPCISDocument(events: [event]))
        #expect(diagnostics.count == 1)
        #expect(EPCISValidator.accepts(diagnostics))
    }

    @Test("a recordTime in query results is expected, not a warning")
    func recordTimeInQueryResults() {
        // Given a query document whose event carries a recordTime
        var event = F.objectEvent()
        event.recordTime = F.time()
        let document = EPCISDocument(kind: .queryDocument, events: [event])
        // When validated
        let diagnostics = F.validator.validate(document)
        // Then nothing is reported; the same event for capture gets the warning
        #expect(diagnostics.isEmpty)
        #expect(F.validator.validate(EPCISDocument(events: [event])).count == 1)
    }
}
