// Quantity elements (EPCIS 2.0 section 7.3.3.3): the epcClass names a class, the quantity is a positive finite
// number, and the unit is a UN/ECE Recommendation 20 code, given only with a quantity.

extension EPCISValidator {
    func checkQuantities(_ event: EPCISEvent, _ report: inout ValidationReport) {
        for (field, list) in [
            ("quantityList", event.quantityList), ("childQuantityList", event.childQuantityList),
            ("inputQuantityList", event.inputQuantityList), ("outputQuantityList", event.outputQuantityList),
        ] {
            for (index, element) in list.enumerated() {
                checkQuantityElement(element, path: "\(field)/\(index)", &report)
            }
        }
    }

    func checkQuantityElement(_ element: QuantityElement, path: String, _ report: inout ValidationReport) {
        checkIdentifier(element.epcClass, role: .objectClass, path: path + "/epcClass", &report)
        if let quantity = element.quantity, !(quantity.isFinite && quantity > 0) {
            report.error(
                path + "/quantity",
                "quantity must be positive: \(quantity) is not a positive finite number (EPCIS 2.0 section 7.3.3.3)"
            )
        }
        if let uom = element.uom {
            if !Self.isUnitCode(uom) {
                report.error(
                    path + "/uom",
                    "uom must be a UN/ECE Recommendation 20 code: \(uom) is not 2-3 upper-case letters or digits "
                        + "(EPCIS 2.0 section 7.3.3.3)"
                )
            }
            if element.quantity == nil {
                report.error(
                    path + "/uom",
                    "uom without quantity: a unit is only given with a quantity (EPCIS 2.0 section 7.3.3.3)"
                )
            }
        }
    }

    /// The shape of a UN/ECE Recommendation 20 common code: 2 or 3 upper-case ASCII letters or digits.
    static func isUnitCode(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        return (2...3).contains(scalars.count)
            && scalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }
}
