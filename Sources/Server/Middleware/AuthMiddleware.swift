import Foundation
public import Hummingbird
public import Storage
import Transparency

/// Reads `Authorization: Bearer KEY`, finds the key by its SHA-256 and puts the caller in the context.
///
/// A request without the header is the public's; a header with an unknown or revoked key is refused at once (a
/// typo should not silently turn a regulator into the public). Routes then ask the context's ``Principal``.
public struct AuthMiddleware<Store: PlatformStore>: RouterMiddleware {
    public typealias Context = AppRequestContext
    let store: Store
    let openAccess: Bool

    /// Makes the middleware.
    /// - Parameters:
    ///   - store: where keys are kept.
    ///   - openAccess: treat callers without a key as regulators (a local demo only).
    /// The console's sign-in cookie.
    public static var cookieName: String { "suyuan_key" }

    public init(store: Store, openAccess: Bool = false) {
        self.store = store
        self.openAccess = openAccess
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        guard let header = request.headers[.authorization] else {
            // Browsers of the console send the key in a cookie (set by its sign-in form). A stale cookie makes the
            // caller the public again rather than an error: the consumer pages must open for anyone.
            if let cookie = request.cookies[Self.cookieName]?.value, !cookie.isEmpty,
                let key = try await store.accessKey(secretHash: MessageAuthentication.sha256Hex(cookie)), key.isActive,
                !key.isPortalLink
            {
                context.principal = Principal(key)
            } else if openAccess {
                context.principal = Principal(keyID: "open-access", role: .regulator, party: nil)
            }
            return try await next(request, context)
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw Problem.unauthenticated("the Authorization header must be `Bearer KEY`")
        }
        let secret = String(parts[1]).trimmingCharacters(in: .whitespaces)
        guard let key = try await store.accessKey(secretHash: MessageAuthentication.sha256Hex(secret)) else {
            throw Problem.unauthenticated("unknown API key")
        }
        guard key.isActive else { throw Problem.unauthenticated("API key \(key.id) was revoked") }
        // A one-time portal link signs a person in once, in a browser (PortalLinks); it is not an API key.
        guard !key.isPortalLink else { throw Problem.unauthenticated("a portal sign-in link is not an API key") }
        context.principal = Principal(key)
        return try await next(request, context)
    }
}

/// Issues API keys: the secret is shown once and only its SHA-256 is kept.
public enum AccessKeys {
    /// Creates and stores a key.
    /// - Parameters:
    ///   - role: admin, regulator, party or peer.
    ///   - party: the party (any identifier form; kept as its canonical key) for a party key.
    ///   - peer: the calling platform's ID for a peer key.
    ///   - label: a note on whom it is for.
    ///   - store: where keys are kept.
    /// - Returns: the stored key and its secret (`sy_…`), which is never shown again.
    /// - Throws: ``StorageError`` when the store refuses it (a party key without a party…).
    public static func create<Store: PlatformStateStore>(
        role: AccessKey.Role, party: String?, peer: String? = nil, label: String?, in store: Store
    ) async throws(StorageError) -> (key: AccessKey, secret: String) {
        let secret = "sy_" + base64URL(MessageAuthentication.randomBytes(32))
        let id = "key-" + MessageAuthentication.randomBytes(6).map { String(format: "%02x", $0) }.joined()
        let key = AccessKey(
            id: id, secretHash: MessageAuthentication.sha256Hex(secret), role: role,
            party: party.map(IdentifierKeys.canonical), peer: peer, label: label, createdAt: Date())
        try await store.storeAccessKey(key)
        return (key, secret)
    }

    private static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
