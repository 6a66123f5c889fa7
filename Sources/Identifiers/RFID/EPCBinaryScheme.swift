/// An EPC binary encoding (TDS 2.x §14): header, field layout and partition table.
public enum EPCBinaryScheme: String, Hashable, Sendable, CaseIterable {
    /// SGTIN-96, header 0x30.
    case sgtin96 = "sgtin-96"
    /// SGTIN-198, header 0x36.
    case sgtin198 = "sgtin-198"
    /// SSCC-96, header 0x31.
    case sscc96 = "sscc-96"
    /// SGLN-96, header 0x32.
    case sgln96 = "sgln-96"
    /// SGLN-195, header 0x39.
    case sgln195 = "sgln-195"
    /// GRAI-96, header 0x33.
    case grai96 = "grai-96"
    /// GRAI-170, header 0x37.
    case grai170 = "grai-170"
    /// GIAI-96, header 0x34.
    case giai96 = "giai-96"
    /// GIAI-202, header 0x38.
    case giai202 = "giai-202"
    /// GID-96, header 0x35.
    case gid96 = "gid-96"

    /// The 8-bit header.
    public var header: UInt8 {
        switch self {
        case .sgtin96: 0x30
        case .sgtin198: 0x36
        case .sscc96: 0x31
        case .sgln96: 0x32
        case .sgln195: 0x39
        case .grai96: 0x33
        case .grai170: 0x37
        case .giai96: 0x34
        case .giai202: 0x38
        case .gid96: 0x35
        }
    }

    /// Total bits.
    public var bitLength: Int {
        switch self {
        case .sgtin198: 198
        case .sgln195: 195
        case .grai170: 170
        case .giai202: 202
        default: 96
        }
    }

    /// The EPC scheme this encoding holds.
    public var kind: EPCIdentifier.Kind {
        switch self {
        case .sgtin96, .sgtin198: .sgtin
        case .sscc96: .sscc
        case .sgln96, .sgln195: .sgln
        case .grai96, .grai170: .grai
        case .giai96, .giai202: .giai
        case .gid96: .gid
        }
    }

    /// The scheme for a header byte.
    /// - Parameter header: The first 8 bits.
    public init?(header: UInt8) {
        guard let scheme = Self.allCases.first(where: { $0.header == header }) else { return nil }
        self = scheme
    }

    /// Bits of the second partitioned field for partition 0...6 (the company prefix takes 40, 37, 34, 30, 27,
    /// 24, 20 bits for 12...6 digits), and that field's digit count for partition 0.
    var referenceBits: (bits: [Int], digitsAtZero: Int) {
        switch self {
        case .sgtin96, .sgtin198: ([4, 7, 10, 14, 17, 20, 24], 1)
        case .sscc96: ([18, 21, 24, 28, 31, 34, 38], 5)
        case .sgln96, .sgln195: ([1, 4, 7, 11, 14, 17, 21], 0)
        case .grai96, .grai170: ([4, 7, 10, 14, 17, 20, 24], 0)
        case .giai96: ([42, 45, 48, 52, 55, 58, 62], 18)
        case .giai202: ([148, 151, 154, 158, 161, 164, 168], 18)
        case .gid96: ([], 0)
        }
    }

    /// Width of the field after the partitioned pair (serial, extension), or 0 when there is none.
    var trailingBits: Int {
        switch self {
        case .sgtin96, .grai96: 38
        case .sgtin198: 140
        case .sscc96: 24  // reserved, all zeros
        case .sgln96: 41
        case .sgln195: 140
        case .grai170: 112
        case .giai96, .giai202, .gid96: 0
        }
    }

    /// Whether the trailing field (or GIAI's reference) is 7-bit text rather than an integer.
    var isAlphanumeric: Bool {
        switch self {
        case .sgtin198, .sgln195, .grai170, .giai202: true
        default: false
        }
    }

    static let companyPrefixBits = [40, 37, 34, 30, 27, 24, 20]
}
