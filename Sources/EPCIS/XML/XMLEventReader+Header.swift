/// The `EPCISHeader`: the SBDH (kept as header extensions) and master data (`VocabularyList`).
extension XMLEventReader {
    /// Reads the header into `document`.
    mutating func readHeader(_ node: XMLNode, path: String, into document: inout EPCISDocument) {
        for child in node.children {
            let childPath = path + "/" + child.localName
            if child.namespace == XMLNames.sbdh && child.localName == "StandardBusinessDocumentHeader" {
                let header = XMLExtensionReader.element(child)
                let fields = XMLHeaderFields.fields(of: header)
                (document.sender, document.receiver, document.instanceIdentifier) = fields
                let minimal = XMLHeaderFields.header(
                    sender: fields.sender, receiver: fields.receiver, instanceIdentifier: fields.instanceIdentifier,
                    creationDate: document.creationDate?.text ?? "")
                if minimal != header { document.headerExtensions.append(header) }
                continue
            }
            if !child.namespace.isEmpty && !XMLNames.epcisNamespaces.contains(child.namespace) {
                document.headerExtensions.append(XMLExtensionReader.element(child))
                continue
            }
            switch child.localName {
            case "extension":
                for inner in child.children {
                    let innerPath = childPath + "/" + inner.localName
                    if inner.localName == "EPCISMasterData" && inner.namespace.isEmpty {
                        document.masterData += masterData(inner, innerPath)
                    } else if inner.localName == "extension" && inner.namespace.isEmpty {
                        continue
                    } else {
                        report(inner, innerPath, "<\(inner.localName)> is not allowed in the header extension")
                    }
                }
            case "epcisMasterData", "EPCISMasterData":
                document.masterData += masterData(child, childPath)
            default:
                report(child, childPath, "<\(child.localName)> is not allowed in <EPCISHeader>")
            }
        }
    }

    private mutating func masterData(_ node: XMLNode, _ path: String) -> [Vocabulary] {
        var result: [Vocabulary] = []
        for list in children(of: node, path, named: ["VocabularyList", "extension"]) where list.localName == "VocabularyList" {
            result += vocabularies(list, path + "/VocabularyList")
        }
        return result
    }

    /// Reads a `VocabularyList` (in a header, or the body of an `EPCISMasterDataDocument`).
    mutating func vocabularies(_ list: XMLNode, _ listPath: String) -> [Vocabulary] {
        var result: [Vocabulary] = []
        for vocabularyNode in children(of: list, listPath, named: ["Vocabulary"]) {
            let vocabularyPath = listPath + "/Vocabulary"
            guard let type = vocabularyNode.attribute("type") else {
                report(vocabularyNode, vocabularyPath, "<Vocabulary> is missing the required attribute type")
                continue
            }
            var vocabulary = Vocabulary(type: type)
            for elementList in vocabularyNode.children
            where elementList.namespace.isEmpty && elementList.localName == "VocabularyElementList" {
                let elementListPath = vocabularyPath + "/VocabularyElementList"
                for elementNode in children(of: elementList, elementListPath, named: ["VocabularyElement"]) {
                    if let element = vocabularyElement(elementNode, elementListPath + "/VocabularyElement") {
                        vocabulary.elements.append(element)
                    }
                }
            }
            result.append(vocabulary)
        }
        return result
    }

    private mutating func vocabularyElement(_ node: XMLNode, _ path: String) -> VocabularyElement? {
        guard let id = node.attribute("id") else {
            report(node, path, "<VocabularyElement> is missing the required attribute id")
            return nil
        }
        var element = VocabularyElement(id: id)
        for child in node.children {
            let childPath = path + "/" + child.localName
            guard child.namespace.isEmpty else { continue }  // user elements beside the attributes: not in the model
            switch child.localName {
            case "attribute":
                guard let attributeID = child.attribute("id") else {
                    report(child, childPath, "<attribute> is missing the required attribute id")
                    continue
                }
                let value: ExtensionValue
                if child.children.isEmpty && child.attributes.count == 1 {
                    value = .string(child.trimmedText)
                } else {
                    value = XMLExtensionReader.value(of: child, skippingAttributes: ["id"])
                }
                element.attributes.append(VocabularyAttribute(id: attributeID, value: value))
            case "children":
                for idNode in children(of: child, childPath, named: ["id"]) {
                    if let text = nonEmpty(idNode, childPath + "/id") { element.children.append(text) }
                }
            case "extension":
                continue
            default:
                report(child, childPath, "<\(child.localName)> is not allowed in <VocabularyElement>")
            }
        }
        return element
    }
}
