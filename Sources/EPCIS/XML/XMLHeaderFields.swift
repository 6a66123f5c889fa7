/// The JSON-LD header fields `sender`, `receiver` and `instanceIdentifier` (the pseudo-SBDH of EPCIS 2.0 section
/// 9.4) in XML, where they live in a StandardBusinessDocumentHeader.
///
/// The encoder writes a minimal SBDH for them when the document has no SBDH of its own; the decoder reads the
/// three fields from any SBDH, and keeps the SBDH itself as a header extension unless it is exactly that
/// minimal form (so JSON → XML → JSON and XML → XML both come back unchanged).
enum XMLHeaderFields {
    private static func name(_ local: String) -> QualifiedName {
        QualifiedName(namespace: XMLNames.sbdh, localName: local, prefix: "sbdh")
    }

    private static func member(_ local: String, _ value: ExtensionValue) -> ExtensionElement {
        ExtensionElement(name: name(local), value: value)
    }

    private static func partner(_ local: String, _ id: String) -> ExtensionElement {
        member(local, .object([
            member("Identifier", .object([
                ExtensionElement(name: QualifiedName(namespace: "", localName: "Authority"), value: .string("GS1")),
                ExtensionElement(name: XMLExtensionReader.textMemberName, value: .string(id)),
            ])),
        ]))
    }

    /// The minimal SBDH that carries the fields, or nil when there are none.
    static func header(sender: String?, receiver: String?, instanceIdentifier: String?, creationDate: String)
        -> ExtensionElement?
    {
        guard sender != nil || receiver != nil || instanceIdentifier != nil else { return nil }
        var members = [member("HeaderVersion", .string("1.0"))]
        if let sender { members.append(partner("Sender", sender)) }
        if let receiver { members.append(partner("Receiver", receiver)) }
        members.append(member("DocumentIdentification", .object([
            member("Standard", .string("EPCglobal")),
            member("TypeVersion", .string("2.0")),
            member("InstanceIdentifier", .string(instanceIdentifier ?? "")),
            member("Type", .string("Events")),
            member("CreationDateAndTime", .string(creationDate)),
        ])))
        return member("StandardBusinessDocumentHeader", .object(members))
    }

    /// The fields an SBDH carries.
    static func fields(of header: ExtensionElement) -> (sender: String?, receiver: String?, instanceIdentifier: String?) {
        func child(_ value: ExtensionValue?, _ local: String) -> ExtensionValue? {
            guard case .object(let members)? = value else { return nil }
            return members.first { $0.name == name(local) }?.value
        }
        func text(_ value: ExtensionValue?) -> String? {
            switch value {
            case .string(let text)?: return text
            case .object(let members)?:
                return text(members.first { $0.name == XMLExtensionReader.textMemberName }?.value)
            case .array(let values)?: return text(values.first)
            default: return nil
            }
        }
        let instance = text(child(child(header.value, "DocumentIdentification"), "InstanceIdentifier"))
        return (text(child(child(header.value, "Sender"), "Identifier")),
                text(child(child(header.value, "Receiver"), "Identifier")),
                instance?.isEmpty == true ? nil : instance)
    }
}
