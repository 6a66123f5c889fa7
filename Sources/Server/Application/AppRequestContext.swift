public import Hummingbird
public import Storage
public import HummingbirdWebSocket
import NIOCore

/// Who is calling: the access key's role and party, or the public.
public struct Principal: Hashable, Sendable {
    /// The key's public ID; nil for the public.
    public var keyID: String?
    /// The role; nil for the public (the consumer view only).
    public var role: Role?
    /// For a party key, the party's canonical key.
    public var party: String?
    /// For a peer key, the calling platform's ID.
    public var peer: String?

    /// What a caller may do.
    public enum Role: String, Hashable, Sendable {
        case admin, regulator, party, peer
    }

    /// Makes a principal.
    public init(keyID: String?, role: Role?, party: String?, peer: String? = nil) {
        self.keyID = keyID
        self.role = role
        self.party = party
        self.peer = peer
    }

    /// The caller an access key stands for.
    public init(_ key: AccessKey) {
        self.init(keyID: key.id, role: Role(rawValue: key.role.rawValue), party: key.party, peer: key.peer)
    }

    /// The public: no key.
    public static let anonymous = Principal(keyID: nil, role: nil, party: nil)

    /// Whether the caller reads every event (an admin or a regulator).
    public var seesEverything: Bool { role == .admin || role == .regulator }

    /// A name for logs and records: the key ID, or `public`.
    public var name: String { keyID ?? "public" }
}

/// The request context of every route: Hummingbird's core storage, the caller, and the WebSocket handler slot.
public struct AppRequestContext: RequestContext, WebSocketRequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<AppRequestContext>
    /// The caller, set by ``AuthMiddleware``.
    public var principal: Principal = .anonymous
    /// The peer's address.
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
        remoteAddress = source.channel.remoteAddress
    }

    /// The most a request body may hold: the capture limit (the capture route checks it again with a clear error).
    public var maxUploadSize: Int { 256 * 1_024 * 1_024 }
}
