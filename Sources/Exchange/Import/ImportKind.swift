import Foundation

/// The records a spreadsheet template exists for: one kind of row, one kind of EPCIS event.
public enum ImportKind: String, Hashable, Sendable, CaseIterable {
    /// A harvest, a slaughter batch or a production run: a lot comes into being (ObjectEvent ADD, commissioning).
    case harvest
    /// Goods leave for another party (ObjectEvent OBSERVE, shipping, in_transit).
    case shipping
    /// Goods arrive from another party (ObjectEvent OBSERVE, receiving, in_progress).
    case receiving
    /// Lots go in, new lots come out: processing, packing into a new lot (TransformationEvent).
    case transformation
    /// A treatment of a lot: spraying, a veterinary drug, a disinfection (ObjectEvent OBSERVE, CBV `other` with
    /// the treatment in extensions: CBV 2.0 has no business step for it).
    case treatment
    /// An inspection with its test results (ObjectEvent OBSERVE, inspecting, conformant or non_conformant).
    case inspection
    /// A sale to the final consumer (ObjectEvent OBSERVE, retail_selling, retail_sold).
    case sale

    /// Reads a kind by its name or a common synonym (`commissioning`, `processing`, `spraying`, `收获`…).
    /// - Parameter text: the name, in any case.
    public init?(name text: String) {
        let name = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let kind = ImportKind(rawValue: name) {
            self = kind
            return
        }
        guard let kind = Self.synonyms[name] else { return nil }
        self = kind
    }

    private static let synonyms: [String: ImportKind] = [
        "commissioning": .harvest, "production": .harvest, "收获": .harvest, "采收": .harvest, "生产": .harvest,
        "ship": .shipping, "发货": .shipping, "receive": .receiving, "收货": .receiving,
        "processing": .transformation, "transform": .transformation, "加工": .transformation,
        "spraying": .treatment, "treat": .treatment, "用药": .treatment, "施药": .treatment,
        "inspect": .inspection, "test": .inspection, "检测": .inspection, "检验": .inspection,
        "retail": .sale, "selling": .sale, "销售": .sale,
    ]

    /// The kind's name in Chinese, for templates and messages.
    public var chineseName: String {
        switch self {
        case .harvest: "收获/生产"
        case .shipping: "发货"
        case .receiving: "收货"
        case .transformation: "加工"
        case .treatment: "用药/施药"
        case .inspection: "检测"
        case .sale: "销售"
        }
    }
}
