/// How identifiers are written out (the GS1-EPC-Format header of the EPCIS 2.0 REST binding, section 12.4).
public enum EPCFormat: String, Hashable, Sendable, CaseIterable {
    /// As captured: each identifier in the form the sender used.
    case asCaptured = "No_Preference"
    /// EPC URNs (`urn:epc:id:sgtin:…`) wherever a GS1 identifier can be written as one.
    case urn = "Always_EPC_URN"
    /// GS1 Digital Link URIs (`https://id.gs1.org/01/…/21/…`) wherever a GS1 identifier can be written as one.
    case digitalLink = "Always_GS1_Digital_Link"
}

/// Where one event stood in the document it was read from, for diagnostics.
public struct EventLocation: Hashable, Sendable {
    /// The JSON pointer of the event object (`/epcisBody/eventList/3`), or the XML element path.
    public var pointer: String
    /// The line the event starts on, when known (XML, and JSON read by the byte-level decoder).
    public var line: Int?

    /// Makes a location.
    public init(pointer: String, line: Int? = nil) {
        self.pointer = pointer
        self.line = line
    }
}
