/// A code list of CBV 2.0 (or of the GS1 Web Vocabulary) that an EPCIS event field takes its values from.
///
/// Each vocabulary has three spellings of one standard term (CBV 2.0 section 6.4, EPCIS 2.0 section 8):
/// the bare word of JSON-LD (`shipping`), the web URI (`https://ref.gs1.org/cbv/BizStep-shipping`) and the
/// URN of EPCIS 1.x XML (`urn:epcglobal:cbv:bizstep:shipping`). They are the same value.
public enum CBVVocabulary: String, Sendable, CaseIterable, Hashable {
    case bizStep
    case disposition
    case bizTransactionType
    case sourceDestType
    case errorReason
    case component
    case measurementType
    case sensorAlertType

    /// The prefix of the web URI of a standard term: `https://ref.gs1.org/cbv/BizStep-`.
    public var webURIPrefix: String {
        switch self {
        case .bizStep: "https://ref.gs1.org/cbv/BizStep-"
        case .disposition: "https://ref.gs1.org/cbv/Disp-"
        case .bizTransactionType: "https://ref.gs1.org/cbv/BTT-"
        case .sourceDestType: "https://ref.gs1.org/cbv/SDT-"
        case .errorReason: "https://ref.gs1.org/cbv/ER-"
        case .component: "https://ref.gs1.org/cbv/Comp-"
        case .measurementType, .sensorAlertType: "https://gs1.org/voc/"
        }
    }

    /// The prefix of the URN (EPCIS 1.2 / XML) form of a standard term, or of the compact `gs1:` form that XML
    /// uses for GS1 Web Vocabulary terms.
    public var urnPrefix: String {
        switch self {
        case .bizStep: "urn:epcglobal:cbv:bizstep:"
        case .disposition: "urn:epcglobal:cbv:disp:"
        case .bizTransactionType: "urn:epcglobal:cbv:btt:"
        case .sourceDestType: "urn:epcglobal:cbv:sdt:"
        case .errorReason: "urn:epcglobal:cbv:er:"
        case .component: "urn:epcglobal:cbv:comp:"
        case .measurementType, .sensorAlertType: "gs1:"
        }
    }
}
