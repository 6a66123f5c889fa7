import EPCIS
import Testing

@Suite struct ValidationStructureTests {
    typealias F = ValidationFixtures

    @Test("valid events of each kind produce no diagnostic")
    func validEventsPass() {
        // Given valid object, aggregation and transformation events
        // When / Then: no diagnostics
        #expect(F.validate(F.objectEvent()).isEmpty)
        #expect(F.validate(F.aggregationEvent()).isEmpty)
        #expect(F.validate(F.transformationEvent()).isEmpty)
    }

    @Test("a field of another event type is refused at its pointer")
    func fieldOfOtherTypeRefused() {
        // Given an ObjectEvent that carries childEPCs
        var event = F.objectEvent()
        event.childEPCs = [F.sgtin2]
        // When validated
        let errors = F.errors(event)
        // Then the childEPCs field is named
        #expect(errors.count == 1)
        #expect(errors.first?.location == "/epcisBody/eventList/0/childEPCs")
        #expect(errors.first?.message.contains("field not allowed in ObjectEvent") == true)
    }

    @Test("action is required on ObjectEvent, AggregationEvent, TransactionEvent and AssociationEvent")
    func actionRequired() {
        // Given an ObjectEvent without action
        var event = F.objectEvent()
        event.action = nil
        // When validated
        let errors = F.errors(event)
        // Then
        #expect(errors.map(\.location) == ["/epcisBody/eventList/0/action"])
        #expect(errors.first?.message.contains("action required") == true)
        #expect(errors.first?.message.contains("section 7.4.2") == true)
    }

    @Test("a TransformationEvent has no action")
    func transformationHasNoAction() {
        // Given a TransformationEvent with action ADD
        var event = F.transformationEvent()
        event.action = .add
        // When / Then
        let errors = F.errors(event)
        #expect(errors.map(\.location) == ["/epcisBody/eventList/0/action"])
        #expect(errors.first?.message.contains("action not allowed") == true)
    }

    @Test("AggregationEvent ADD and DELETE need a parentID, OBSERVE may omit it", arguments: [Action.add, .delete])
    func aggregationNeedsParent(action: Action) {
        // Given an aggregation without parent
        var event = F.aggregationEvent()
        event.action = action
        event.parentID = nil
        // When / Then: refused for ADD and DELETE
        let errors = F.errors(event)
        #expect(errors.map(\.location) == ["/epcisBody/eventList/0/parentID"])
        #expect(errors.first?.message.contains("parentID required") == true)
        // And OBSERVE is fine
        event.action = .observe
        #expect(F.errors(event).isEmpty)
    }

    @Test("an AssociationEvent always names its parent")
    func associationNeedsParent() {
        // Given an association without parentID
        var event = F.aggregationEvent()
        event.type = .associationEvent
        event.action = .observe
        event.parentID = nil
        // When / Then
        let errors = F.errors(event)
        #expect(errors.map(\.location) == ["/epcisBody/eventList/0/parentID"])
        #expect(errors.first?.message.contains("AssociationEvent must name the parent") == true)
    }

    @Test("an AggregationEvent ADD without children is refused, DELETE without children is not")
    func aggregationNeedsChildren() {
        // Given an aggregation ADD with no children
        var event = F.aggregationEvent()
        event.childEPCs = []
        // Then refused
        #expect(F.errors(event).first?.message.contains("children required") == true)
        #expect(F.errors(event).first?.location == "/epcisBody/eventList/0/childEPCs")
        // And DELETE of everything is allowed
        event.action = .delete
        #expect(F.errors(event).isEmpty)
    }

    @Test("an ObjectEvent about no objects is a warning")
    func objectEventWithoutObjectsWarns() {
        // Given an ObjectEvent with neither epcList nor quantityList
        var event = F.objectEvent()
        event.epcList = []
        // Then a warning, no error
        #expect(F.errors(event).isEmpty)
        #expect(F.warnings(event).first?.message.contains("no objects") == true)
    }

    @Test("a TransformationEvent without transformationID needs inputs and outputs")
    func transformationNeedsInputsAndOutputs() {
        // Given a transformation with no outputs
        var event = F.transformationEvent()
        event.outputQuantityList = []
        // Then the outputs are required
        let errors = F.errors(event)
        #expect(errors.map(\.location) == ["/epcisBody/eventList/0/outputEPCList"])
        #expect(errors.first?.message.contains("outputs required") == true)
        // And with a transformationID, inputs alone are enough
        event.transformationID = "urn:uuid:8f9b7d6e-1c2a-4b3d-9e8f-0a1b2c3d4e5f"
        #expect(F.errors(event).isEmpty)
        // But nothing at all is not
        event.inputEPCList = []
        #expect(F.errors(event).first?.message.contains("inputs or outputs required") == true)
    }

    @Test("a TransactionEvent names at least one business transaction")
    func transactionNeedsBizTransaction() {
        // Given a transaction event without bizTransactionList
        var event = F.objectEvent()
        event.type = .transactionEvent
        // Then refused
        let errors = F.errors(event)
        #expect(errors.map(\.location) == ["/epcisBody/eventList/0/bizTransactionList"])
        #expect(errors.first?.message.contains("bizTransactionList required") == true)
        // And with one it is valid
        event.bizTransactionList = [
            BizTransaction(type: CBVValue("po", in: .bizTransactionType), id: "urn:epcglobal:cbv:bt:0614141073467:1152")
        ]
        #expect(F.errors(event).isEmpty)
    }

    @Test("ilmd only on ObjectEvent ADD and TransformationEvent")
    func ilmdOnlyWithAdd() {
        // Given an ObjectEvent OBSERVE with ilmd
        var event = F.objectEvent()
        event.ilmd = []
        // Then refused
        let errors = F.errors(event)
        #expect(errors.map(\.location) == ["/epcisBody/eventList/0/ilmd"])
        #expect(errors.first?.message.contains("ilmd only with ADD") == true)
        // And with ADD it is fine
        event.action = .add
        #expect(F.errors(event).isEmpty)
        // And an AggregationEvent may not carry it at all
        var aggregation = F.aggregationEvent()
        aggregation.ilmd = []
        #expect(F.errors(aggregation).first?.message.contains("field not allowed in AggregationEvent") == true)
    }
}
