// Why (EPCIS 2.0 section 7.3.5): a persistent disposition is not set and unset by the same event.

extension EPCISValidator {
    func checkWhy(_ event: EPCISEvent, _ report: inout ValidationReport) {
        checkPersistentDisposition(event, &report)
    }

    /// `set` and `unset` of persistentDisposition share no value.
    func checkPersistentDisposition(_ event: EPCISEvent, _ report: inout ValidationReport) {
        guard let disposition = event.persistentDisposition else { return }
        let unset = Set(disposition.unset)
        for (index, value) in disposition.set.enumerated() where unset.contains(value) {
            report.error(
                "persistentDisposition/set/\(index)",
                "persistentDisposition set and unset overlap: \(value.jsonValue) is both set and unset "
                    + "(EPCIS 2.0 section 7.3.5.4)"
            )
        }
    }
}
