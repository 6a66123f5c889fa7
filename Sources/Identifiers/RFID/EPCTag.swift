/// An EPC as an RFID tag's EPC memory bank holds it (TDS 2.x §14-§15): binary scheme, filter value and identity.
public struct EPCTag: Hashable, Sendable {
    /// The binary encoding.
    public var scheme: EPCBinaryScheme
    /// The filter value, 0...7 (e.g. 1 = point-of-sale trade item, 2 = case, 3 = load, for SGTIN).
    public var filter: Int
    /// The identity, with its company prefix length (the partition) known.
    public var epc: EPCIdentifier

    /// Creates a tag value; it is checked when encoded (``hex()``).
    /// - Parameters:
    ///   - epc: The identity; its ``EPCIdentifier/urn`` must be known (company prefix length).
    ///   - scheme: The binary encoding.
    ///   - filter: The filter value 0...7.
    public init(epc: EPCIdentifier, scheme: EPCBinaryScheme, filter: Int = 0) {
        self.epc = epc
        self.scheme = scheme
        self.filter = filter
    }

    /// The EPC Tag URI, e.g. `urn:epc:tag:sgtin-96:3.0614141.812345.6789`.
    public var tagURI: String? {
        guard let urn = epc.urn else { return nil }
        let body = urn.split(separator: ":", maxSplits: 4).last ?? ""
        return scheme == .gid96 ? "urn:epc:tag:gid-96:\(body)" : "urn:epc:tag:\(scheme.rawValue):\(filter).\(body)"
    }

    /// Decodes an EPC binary value written in hex.
    /// - Parameter hex: Hex digits (upper or lower case), at least as many bits as the scheme needs.
    /// - Throws: ``IdentifierError`` naming the field that is wrong.
    public init(hex: String) throws(IdentifierError) {
        let text = hex.hasPrefix("0x") || hex.hasPrefix("0X") ? String(hex.dropFirst(2)) : hex
        guard let bits = BitBuffer(hex: text), bits.count >= 8 else {
            throw IdentifierError(.syntax, "RFID hex '\(hex)': not hex digits")
        }
        let header = UInt8(bits.integer(at: 0, width: 8))
        guard let scheme = EPCBinaryScheme(header: header) else {
            let shown = String(header, radix: 16, uppercase: true).leftPadded(to: 2)
            throw IdentifierError(.unknownScheme, "RFID hex '\(hex)': header 0x\(shown) is not a supported EPC binary scheme")
        }
        guard bits.count >= scheme.bitLength else {
            throw IdentifierError(
                .length, "RFID hex '\(hex)': \(scheme.rawValue) needs \(scheme.bitLength) bits, found \(bits.count)")
        }
        self = try Self.decode(bits, scheme: scheme, hex: hex)
    }

    private static func decode(_ bits: BitBuffer, scheme: EPCBinaryScheme, hex: String) throws(IdentifierError) -> EPCTag {
        let place = "RFID \(scheme.rawValue) '\(hex)'"
        if scheme == .gid96 {
            let manager = bits.integer(at: 8, width: 28)
            let objectClass = bits.integer(at: 36, width: 24)
            let serial = bits.integer(at: 60, width: 36)
            let urn = "urn:epc:id:gid:\(manager).\(objectClass).\(serial)"
            guard let id = try EPCIdentifier.parse(urn) else { throw IdentifierError(.syntax, "\(place): bad GID") }
            return EPCTag(epc: id, scheme: scheme, filter: 0)
        }
        let filter = Int(bits.integer(at: 8, width: 3))
        let partition = Int(bits.integer(at: 11, width: 3))
        guard partition <= 6 else {
            throw IdentifierError(.range, "\(place): partition \(partition) is not 0...6 (bits 11-13)")
        }
        let cpBits = EPCBinaryScheme.companyPrefixBits[partition]
        let cpDigits = 12 - partition
        let refBits = scheme.referenceBits.bits[partition]
        let refDigits = scheme.referenceBits.digitsAtZero + partition
        let cp = bits.integer(at: 14, width: cpBits)
        let cpText = String(cp).leftPadded(to: cpDigits)
        guard cpText.count == cpDigits else {
            throw IdentifierError(.range, "\(place): company prefix \(cp) does not fit \(cpDigits) digits (partition \(partition))")
        }
        let refOffset = 14 + cpBits
        let trailingOffset = refOffset + refBits
        var reference: String
        if scheme == .giai202 {
            reference = PercentEncoding.encodeURN(bits.string(at: refOffset, width: refBits))
        } else if scheme == .giai96 {
            reference = String(bits.integer(at: refOffset, width: refBits))
        } else {
            let value = bits.integer(at: refOffset, width: refBits)
            reference = refDigits == 0 ? "" : String(value).leftPadded(to: refDigits)
            guard reference.count == refDigits else {
                throw IdentifierError(.range, "\(place): reference \(value) does not fit \(refDigits) digits (partition \(partition))")
            }
        }
        var trailing = ""
        switch scheme {
        case .sgtin96, .grai96, .sgln96:
            trailing = String(bits.integer(at: trailingOffset, width: scheme.trailingBits))
        case .sgtin198, .sgln195, .grai170:
            trailing = PercentEncoding.encodeURN(bits.string(at: trailingOffset, width: scheme.trailingBits))
        default:
            break
        }
        let urn: String
        switch scheme.kind {
        case .sgtin, .sgln, .grai: urn = "urn:epc:id:\(scheme.kind.rawValue):\(cpText).\(reference).\(trailing)"
        default: urn = "urn:epc:id:\(scheme.kind.rawValue):\(cpText).\(reference)"
        }
        do throws(IdentifierError) {
            guard let id = try EPCIdentifier.parse(urn) else { throw IdentifierError(.syntax, "\(place): no identity") }
            return EPCTag(epc: id, scheme: scheme, filter: filter)
        } catch {
            throw IdentifierError(error.code, "\(place): \(error.message)")
        }
    }
}
