import EPCIS
public import Foundation
public import Storage
import Transparency
import Web

/// One-time sign-in links for the portal: the operator issues one for a party (`POST /portal/links`, or
/// `suyuan portal link --party GLN`), and whoever opens it on a phone and confirms is signed in as that party.
///
/// A link is a party access key labelled `portal-link`, kept (like every key) only as its SHA-256: it is refused as
/// an API key, lives ``lifetime``, and is revoked when it is redeemed, which makes a new party key labelled
/// `portal-session` whose secret becomes the phone's session cookie. Signing out revokes that session key. Every
/// event recorded in the portal names the key that entered it (`suyuan:enteredBy`), so an action is traced to the
/// link (and the operator's note on it) that signed the person in.
public enum PortalLinks {
    /// The label prefix of a link key.
    public static let linkLabel = "portal-link"
    /// The label prefix of a session key made from a link.
    public static let sessionLabel = "portal-session"
    /// How long a link may be redeemed after it is issued.
    public static let lifetime: TimeInterval = 72 * 3_600

    /// Issues a link for a party.
    /// - Parameters:
    ///   - party: the party (PGLN or GLN, any form).
    ///   - note: whom it is for (kept in the key's label).
    ///   - issuedBy: who issued it.
    ///   - baseURL: the server's public base URL.
    ///   - store: where keys are kept.
    /// - Returns: the link's URL, its key, and when it expires.
    /// - Throws: ``StorageError`` when the store refuses the key.
    public static func issue<Store: PlatformStateStore>(
        party: String, note: String?, issuedBy: String, baseURL: String, in store: Store
    ) async throws -> (url: String, key: AccessKey, expires: Date) {
        let label = [linkLabel, "by " + issuedBy, note].compactMap { $0 }.joined(separator: " · ")
        let (key, secret) = try await AccessKeys.create(role: .party, party: party, label: label, in: store)
        return (baseURL + "/portal/link/" + secret, key, key.createdAt.addingTimeInterval(lifetime))
    }

    /// The canonical key of a party given in any form; 13 bare digits are a GLN (a party), not a GTIN-13.
    public static func partyKey(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.count == 13, trimmed.allSatisfy(\.isASCII), trimmed.allSatisfy(\.isNumber) {
            return "https://id.gs1.org/417/" + trimmed
        }
        return IdentifierKeys.canonical(trimmed)
    }

    /// Whether the master data's party registry has the party (by canonical key).
    public static func isRegistered<Store: PlatformStateStore>(
        party key: String, in store: Store
    ) async throws -> Bool {
        try await store.vocabularyElements(type: PartyRegistryView.partyType)
            .contains { IdentifierURI($0.id).canonicalKey == key }
    }

    /// The QR Code of a link, as SVG.
    public static func qrSVG(_ url: String) -> String {
        (try? QRCode(url, correction: .medium).svg(moduleSize: 6, title: url)) ?? ""
    }
}

extension AccessKey {
    /// Whether this key is a portal sign-in link (not an API key).
    var isPortalLink: Bool { label?.hasPrefix(PortalLinks.linkLabel) ?? false }
    /// Whether this key is a portal session made from a link.
    var isPortalSession: Bool { label?.hasPrefix(PortalLinks.sessionLabel) ?? false }
}
