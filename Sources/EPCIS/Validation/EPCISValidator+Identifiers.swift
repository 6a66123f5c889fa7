internal import Identifiers

// Every GS1 identifier must be valid (check digits, lengths, character sets; GS1 TDS 2.x and the GS1 General
// Specifications, through `EPCIdentifier.parse`) and fit its role (EPCIS 2.0 sections 7.3.3 and 7.3.4):
// object lists hold instances, quantities name classes, readPoint/bizLocation name locations, and a
// source/destination of a party type names a party. China drug, pesticide and veterinary drug codes in their URI
// form (`https://id.suyuan.org/cn/…`, Identifiers' ChinaTraceCode) are checked as strictly: digit by digit, and as
// instances.

/// What an identifier stands for where it appears.
enum IdentifierRole {
    /// One object: epcList, parentID, childEPCs, inputEPCList, outputEPCList.
    case instance
    /// A class of objects: the epcClass of a quantity element.
    case objectClass
    /// A place: readPoint, bizLocation, source/destination of type `location`.
    case location
    /// An organisation: source/destination of type `owning_party` or `possessing_party`.
    case party
    /// Any identifier (a business transaction, a sensor device): only its validity is checked.
    case any
}

extension EPCISValidator {
    func checkIdentifiers(_ event: EPCISEvent, _ report: inout ValidationReport) {
        for (field, list) in [
            ("epcList", event.epcList), ("childEPCs", event.childEPCs),
            ("inputEPCList", event.inputEPCList), ("outputEPCList", event.outputEPCList),
        ] {
            checkInstanceList(list, field: field, &report)
        }
        if let parentID = event.parentID {
            checkIdentifier(parentID, role: .instance, path: "parentID", &report)
        }
        if let readPoint = event.readPoint {
            checkIdentifier(readPoint.id, role: .location, path: "readPoint/id", &report)
        }
        if let bizLocation = event.bizLocation {
            checkIdentifier(bizLocation.id, role: .location, path: "bizLocation/id", &report)
        }
        for (index, transaction) in event.bizTransactionList.enumerated() {
            checkIdentifier(transaction.id, role: .any, path: "bizTransactionList/\(index)/bizTransaction", &report)
        }
        for (index, element) in event.sensorElementList.enumerated() {
            if let deviceID = element.metadata?.deviceID {
                checkIdentifier(
                    deviceID, role: .any, path: "sensorElementList/\(index)/sensorMetadata/deviceID", &report)
            }
            for (reportIndex, sensorReport) in element.reports.enumerated() {
                guard let deviceID = sensorReport.deviceID else { continue }
                let path = "sensorElementList/\(index)/sensorReport/\(reportIndex)/deviceID"
                checkIdentifier(deviceID, role: .any, path: path, &report)
            }
        }
        for (index, source) in event.sourceList.enumerated() {
            checkIdentifier(source.id, role: role(of: source.type), path: "sourceList/\(index)/source", &report)
        }
        for (index, destination) in event.destinationList.enumerated() {
            checkIdentifier(
                destination.id, role: role(of: destination.type), path: "destinationList/\(index)/destination",
                &report
            )
        }
    }

    /// A list of instances: each valid, and no EPC twice (a warning: the second mention adds nothing). An EPC URN
    /// and a Digital Link of the same object are the same EPC.
    func checkInstanceList(_ list: [IdentifierURI], field: String, _ report: inout ValidationReport) {
        var seenGS1: Set<EPCIdentifier> = []
        var seenOther: Set<String> = []
        for (index, uri) in list.enumerated() {
            let parsed = checkIdentifier(uri, role: .instance, path: "\(field)/\(index)", &report)
            let isNew = parsed.map { seenGS1.insert($0).inserted } ?? seenOther.insert(uri.text).inserted
            if !isNew {
                report.warning(
                    "\(field)/\(index)",
                    "duplicate EPC: \(uri.text) appears more than once in \(field) (EPCIS 2.0 section 7.3.3)"
                )
            }
        }
    }

    /// The role a source or destination's type gives its identifier (CBV 2.0 section 7.4).
    func role(of type: CBVValue) -> IdentifierRole {
        switch type.standardTerm {
        case "owning_party", "possessing_party": .party
        case "location": .location
        default: .any
        }
    }

    /// One identifier: valid if it is in a GS1 form, a URI otherwise, and fit for its role.
    /// - Returns: the identifier when it is a valid GS1 one.
    @discardableResult
    func checkIdentifier(
        _ uri: IdentifierURI, role: IdentifierRole, path: @autoclosure () -> String, _ report: inout ValidationReport
    ) -> EPCIdentifier? {
        let text = uri.text
        let parsed: EPCIdentifier?
        do {
            if report.parses != nil {
                parsed = try report.parses!.parse(text)
            } else {
                parsed = try EPCIdentifier.parse(text, prefixLengths: prefixLengths)
            }
        } catch {
            let path = path()
            report.error(path, "invalid GS1 identifier: \(text): \(error.message) (EPCIS 2.0 section 7.3.3, GS1 TDS)")
            return nil
        }
        guard let parsed else {
            let path = path()
            if checkChinaCode(text, role: role, path: path, &report) {
                return nil
            }
            if !CBVValue.isAbsoluteURI(text) {
                var message = "identifier must be a URI: \(text) is not an absolute URI (EPCIS 2.0 section 7.3.3)"
                if let kind = ChinaTraceCode.kind(ofBareCode: text) {
                    message += "; a China \(kind.name) is written \(ChinaTraceCode.uriPrefix)\(kind.rawValue)/<digits>"
                }
                report.error(path, message)
            } else if role == .instance, text.hasPrefix("urn:epc:class:") || text.hasPrefix("urn:epc:idpat:") {
                report.error(path, Self.classAsInstance(text))
            }
            return nil
        }
        checkRole(parsed, text: text, role: role, path: path(), &report)
        return parsed
    }

    /// A China drug, pesticide or veterinary drug code in its URI form (``ChinaTraceCode``): its structure, and that
    /// it stands where one sales unit may.
    /// - Returns: whether the URI claims to be such a code (valid or not).
    private func checkChinaCode(
        _ text: String, role: IdentifierRole, path: String, _ report: inout ValidationReport
    ) -> Bool {
        let code: ChinaTraceCode
        do {
            guard let parsed = try ChinaTraceCode.parse(uri: text) else { return false }
            code = parsed
        } catch {
            report.error(path, "invalid China code: \(error.message) (Suyuan decision 0015)")
            return true
        }
        let place: String?
        switch role {
        case .objectClass: place = "epcClass must be a class"
        case .location: place = "location must be a location"
        case .party: place = "party must be a party"
        case .instance, .any: place = nil
        }
        if let place {
            report.error(
                path,
                "\(place): \(text) is a China \(code.kind.name), which names one sales unit "
                    + "(EPCIS 2.0 section 7.3.3)")
        }
        return true
    }

    private func checkRole(
        _ id: EPCIdentifier, text: String, role: IdentifierRole, path: @autoclosure () -> String,
        _ report: inout ValidationReport
    ) {
        let isClass = Self.isClassLevel(id) || text.hasPrefix("urn:epc:class:") || text.hasPrefix("urn:epc:idpat:")
        switch role {
        case .instance where isClass:
            report.error(path(), Self.classAsInstance(text))
        case .objectClass where !isClass:
            report.error(
                path(),
                "epcClass must be a class: \(text) is an instance-level \(id.kind.rawValue.uppercased()); use an "
                    + "LGTIN, a GTIN class or a Digital Link /01/…(/10/…) (EPCIS 2.0 section 7.3.3.3)"
            )
        case .location where id.kind != .sgln:
            report.error(
                path(),
                "location must be a location: \(text) is a \(id.kind.rawValue.uppercased()), not an SGLN or "
                    + "a non-GS1 location URI (EPCIS 2.0 section 7.3.4)"
            )
        case .party where id.kind != .pgln && id.kind != .sgln:
            report.error(
                path(),
                "party must be a party: \(text) is a \(id.kind.rawValue.uppercased()), not a PGLN or GLN "
                    + "(EPCIS 2.0 section 7.3.5, CBV 2.0 section 7.4)"
            )
        default:
            break
        }
    }

    /// Class-level GS1 forms: LGTIN, GTIN class, and the pattern forms of schemes whose serial is missing.
    static func isClassLevel(_ id: EPCIdentifier) -> Bool {
        switch id.kind {
        case .lgtin, .gtinClass: true
        case .grai: (id.value(of: "8003")?.count ?? 0) <= 14
        case .gdti: (id.value(of: "253")?.count ?? 0) <= 13
        case .sgcn: (id.value(of: "255")?.count ?? 0) <= 13
        case .cpi: id.value(of: "8011") == nil
        case .itip: id.value(of: "21") == nil
        default: false
        }
    }

    static func classAsInstance(_ text: String) -> String {
        "instance-level identifier required: \(text) names a class of objects; put it in a quantity list "
            + "(EPCIS 2.0 section 7.3.3)"
    }
}
