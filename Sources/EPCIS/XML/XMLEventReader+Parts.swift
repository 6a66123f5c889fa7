/// The parts of an event: lists, locations, business transactions, sensor data, ILMD, error declarations.
extension XMLEventReader {
    /// Reports every child of `node` that is not an unqualified element named in `allowed`, and returns the others.
    mutating func children(of node: XMLNode, _ path: String, named allowed: Set<String>) -> [XMLNode] {
        var found: [XMLNode] = []
        for child in node.children {
            if child.namespace.isEmpty && allowed.contains(child.localName) {
                found.append(child)
            } else {
                report(
                    child, path + "/" + child.localName, "<\(child.localName)> is not allowed in <\(node.localName)>")
            }
        }
        return found
    }

    mutating func epcs(_ node: XMLNode, _ path: String) -> [IdentifierURI] {
        children(of: node, path, named: ["epc"]).compactMap { epc in
            nonEmpty(epc, path + "/epc").map { IdentifierURI($0) }
        }
    }

    mutating func quantities(_ node: XMLNode, _ path: String) -> [QuantityElement] {
        var result: [QuantityElement] = []
        for element in children(of: node, path, named: ["quantityElement"]) {
            let elementPath = path + "/quantityElement"
            var epcClass: IdentifierURI?
            var quantity: Double?
            var uom: String?
            var position = -1
            var seen: Set<String> = []
            let order = ["epcClass", "quantity", "uom"]
            for part in children(of: element, elementPath, named: Set(order)) {
                let partPath = elementPath + "/" + part.localName
                guard seen.insert(part.localName).inserted else {
                    report(part, partPath, "<\(part.localName)> may appear only once in <quantityElement>")
                    continue
                }
                let index = order.firstIndex(of: part.localName) ?? 0
                if index < position {
                    reportOutOfOrder(part, partPath, before: "<\(order[position])>", in: "<quantityElement>")
                }
                position = max(position, index)
                switch part.localName {
                case "epcClass": epcClass = nonEmpty(part, partPath).map { IdentifierURI($0) }
                case "quantity":
                    let text = part.trimmedText
                    if text.isEmpty,
                        part.attributes.contains(where: { $0.namespace == XMLNames.xsi && $0.localName == "nil" })
                    {
                        quantity = nil
                    } else if let value = Double(text), value.isFinite, !text.contains(where: { $0.isLetter }) {
                        quantity = value
                    } else {
                        report(part, partPath, "quantity '\(text)' is not a decimal number")
                    }
                default: uom = nonEmpty(part, partPath)
                }
            }
            if uom != nil && quantity == nil {
                report(element, elementPath, "<uom> requires a <quantity>")
            }
            if let epcClass {
                result.append(QuantityElement(epcClass: epcClass, quantity: quantity, uom: uom))
            } else {
                report(element, elementPath, "<quantityElement> is missing the required element <epcClass>")
            }
        }
        return result
    }

    mutating func location(_ node: XMLNode, _ path: String) -> LocationReference? {
        var extensions: [ExtensionElement] = []
        var id: IdentifierURI?
        var sawID = false
        var sawExtension = false
        for child in node.children {
            let childPath = path + "/" + child.localName
            if child.namespace.isEmpty && child.localName == "id" {
                guard !sawID else {
                    report(child, childPath, "<id> may appear only once in <\(node.localName)>")
                    continue
                }
                sawID = true
                if sawExtension {
                    reportOutOfOrder(child, childPath, before: "the extension elements", in: "<\(node.localName)>")
                }
                id = nonEmpty(child, childPath).map { IdentifierURI($0) }
                continue
            }
            if child.namespace.isEmpty && child.localName == "extension" {
                sawExtension = true
                readWrapper(child, path: childPath, into: &extensions)
            } else if !child.namespace.isEmpty && !XMLNames.epcisNamespaces.contains(child.namespace) {
                sawExtension = true
                extensions.append(XMLExtensionReader.element(child))
            } else {
                report(child, childPath, "<\(child.localName)> is not allowed in <\(node.localName)>")
            }
        }
        guard let id else {
            if !sawID { report(node, path, "<\(node.localName)> is missing the required element <id>") }
            return nil
        }
        return LocationReference(id: id, extensions: XMLExtensionReader.grouped(extensions))
    }

    mutating func bizTransactions(_ node: XMLNode, _ path: String) -> [BizTransaction] {
        var result: [BizTransaction] = []
        for child in children(of: node, path, named: ["bizTransaction"]) {
            let childPath = path + "/bizTransaction"
            guard let id = nonEmpty(child, childPath) else { continue }
            var type: CBVValue?
            if let text = child.attribute("type") {
                type = cbv(text, child, childPath, .bizTransactionType, what: "bizTransaction type")
            }
            result.append(BizTransaction(type: type, id: IdentifierURI(id)))
        }
        if result.isEmpty && node.children.isEmpty {
            report(node, path, "<bizTransactionList> needs at least one <bizTransaction>")
        }
        return result
    }

    mutating func sourceDestinations(_ node: XMLNode, _ path: String, element: String) -> [SourceDestination] {
        var result: [SourceDestination] = []
        for child in children(of: node, path, named: [element]) {
            let childPath = path + "/" + element
            guard let id = nonEmpty(child, childPath) else { continue }
            guard let text = child.attribute("type") else {
                report(child, childPath, "<\(element)> is missing the required attribute type")
                continue
            }
            if let type = cbv(text, child, childPath, .sourceDestType, what: "\(element) type") {
                result.append(SourceDestination(type: type, id: IdentifierURI(id)))
            }
        }
        return result
    }

    mutating func persistentDisposition(_ node: XMLNode, _ path: String) -> PersistentDisposition {
        var result = PersistentDisposition()
        var sawSet = false
        for child in children(of: node, path, named: ["set", "unset"]) {
            let childPath = path + "/" + child.localName
            guard let value = cbv(child, childPath, .disposition) else { continue }
            if child.localName == "set" {
                sawSet = true
                result.set.append(value)
            } else {
                if sawSet, !isVersion1 {
                    reportOutOfOrder(child, childPath, before: "<set>", in: "<persistentDisposition>")
                }
                result.unset.append(value)
            }
        }
        return result
    }

    mutating func ilmd(_ node: XMLNode, _ path: String) -> [ExtensionElement] {
        var nodes: [XMLNode] = []
        for child in node.children {
            let childPath = path + "/" + child.localName
            if child.namespace.isEmpty && child.localName == "extension" {
                // EPCIS 1.2 ilmd/extension, and 2.0's ILMD extension point.
                for inner in child.children {
                    if inner.namespace.isEmpty || XMLNames.epcisNamespaces.contains(inner.namespace) {
                        report(
                            inner, childPath + "/" + inner.localName, "<\(inner.localName)> is not allowed in <ilmd>")
                    } else {
                        nodes.append(inner)
                    }
                }
            } else if child.namespace.isEmpty || XMLNames.epcisNamespaces.contains(child.namespace) {
                report(
                    child, childPath, "<\(child.localName)> is not allowed in <ilmd>: only elements of other namespaces"
                )
            } else {
                nodes.append(child)
            }
        }
        return XMLExtensionReader.elements(nodes)
    }

    mutating func errorDeclaration(_ node: XMLNode, _ path: String) -> ErrorDeclaration? {
        var time: EPCISDateTime?
        var reason: CBVValue?
        var corrective: [String] = []
        var extensions: [ExtensionElement] = []
        var extensionNodes: [XMLNode] = []
        for child in node.children {
            let childPath = path + "/" + child.localName
            guard child.namespace.isEmpty else {
                if XMLNames.epcisNamespaces.contains(child.namespace) {
                    report(child, childPath, "<\(child.localName)> is not allowed in <errorDeclaration>")
                } else {
                    extensionNodes.append(child)
                }
                continue
            }
            switch child.localName {
            case "declarationTime": time = timestamp(child, childPath)
            case "reason": reason = cbv(child, childPath, .errorReason)
            case "correctiveEventIDs":
                for id in children(of: child, childPath, named: ["correctiveEventID"]) {
                    if let text = nonEmpty(id, childPath + "/correctiveEventID") { corrective.append(text) }
                }
            case "extension": readWrapper(child, path: childPath, into: &extensions)
            default: report(child, childPath, "<\(child.localName)> is not allowed in <errorDeclaration>")
            }
        }
        extensions = XMLExtensionReader.grouped(extensions + extensionNodes.map(XMLExtensionReader.element))
        guard let time else {
            if !node.children.contains(where: { $0.localName == "declarationTime" }) {
                report(node, path, "<errorDeclaration> is missing the required element <declarationTime>")
            }
            return nil
        }
        return ErrorDeclaration(
            declarationTime: time, reason: reason, correctiveEventIDs: corrective,
            extensions: extensions)
    }
}
