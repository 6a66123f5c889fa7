import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOHTTP1

/// Sits right after NIO's HTTP/1 request decoder and answers what would otherwise leave a client without one.
///
/// - A request head over the decoder's limits (80 KiB of fields, Hummingbird's defaults) is a parse error before
///   any request exists; Hummingbird leaves those to the application, and during the upgrade negotiation nobody
///   answers, so the connection hung. The guard answers `431 Request Header Fields Too Large` (any other parse
///   error: `400 Bad Request`), with a problem body, and closes.
/// - An `Upgrade` request to a path that takes no WebSocket, or without what a WebSocket handshake needs, lost the
///   connection (NIO's upgrade handler, or Hummingbird's redirect to the same URL and close). The guard removes
///   `Upgrade` and the `upgrade` token of `Connection` from such a request, which is then served as a plain one
///   (RFC 9110 section 7.8: a server may ignore an upgrade), and closes the connection after the response
///   (`Connection: close`). It must: NIO's decoder has seen an upgrade (or a `CONNECT`) and parses nothing after
///   it, so a next request on the same connection would wait for an answer forever.
/// - A parse error ends the connection after the answer without the upgrade negotiation's "Error handling upgrade
///   result" in the log: the guard tells the handlers after it that no more input comes, which the negotiation
///   takes as a client gone, before it closes.
///
/// A real WebSocket handshake to a socket path goes on to the upgrade handler, and the guard leaves the pipeline,
/// which carries WebSocket frames from then on.
final class HTTPHeadGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let isSocketPath: @Sendable (Substring) -> Bool
    private var responseStarted = false
    /// Whether the connection ends with the current response (a request whose upgrade the guard declined).
    private var closeAfterResponse = false

    init(isSocketPath: @escaping @Sendable (Substring) -> Bool) {
        self.isSocketPath = isSocketPath
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data),
            head.headers.contains(name: "upgrade") || head.method == .CONNECT
        else {
            context.fireChannelRead(data)
            return
        }
        let path = head.uri.prefix { $0 != "?" }
        let isHandshake =
            head.headers["upgrade"].contains { $0.lowercased() == "websocket" }
            && head.headers.contains(name: "sec-websocket-key") && head.headers.contains(name: "sec-websocket-version")
        if isHandshake && isSocketPath(path) && head.method == .GET {
            context.fireChannelRead(data)
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
            return
        }
        // Served as a plain request, the last of its connection (Hummingbird stops reading after a request that
        // says `Connection: close`).
        head.headers.remove(name: "upgrade")
        head.headers.replaceOrAdd(name: "connection", value: "close")
        closeAfterResponse = true
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head) where head.status.code >= 200:
            responseStarted = true
            if closeAfterResponse {
                head.headers.replaceOrAdd(name: "connection", value: "close")
                context.write(wrapOutboundOut(.head(head)), promise: promise)
                return
            }
        case .end:
            responseStarted = false
            if closeAfterResponse {
                let written = promise ?? context.eventLoop.makePromise()
                context.writeAndFlush(data, promise: written)
                written.futureResult.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
                return
            }
        default: break
        }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        let written = context.eventLoop.makePromise(of: Void.self)
        if !responseStarted {
            let (status, detail): (HTTPResponseStatus, String) =
                switch parserError {
                case .headerOverflow:
                    (.requestHeaderFieldsTooLarge,
                     "the request head is larger than the server reads (80 KiB of header fields); nothing was done")
                default:
                    (.badRequest, "the request is not HTTP/1.1 the server can read (\(parserError)); nothing was done")
                }
            let body = ByteBuffer(
                string: #"{"type":"suyuan:BadRequestHead","title":"\#(status.reasonPhrase)","status":\#(status.code),"#
                    + #""detail":"\#(detail)"}"#)
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: "application/problem+json")
            headers.add(name: "Content-Length", value: String(body.readableBytes))
            headers.add(name: "Connection", value: "close")
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))),
                          promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
        } else {
            written.succeed()
        }
        written.futureResult.assumeIsolated().whenComplete { _ in
            // No more requests come: an upgrade negotiation still waiting for its first one ends as for a client that
            // left (ChannelError.inputClosed), rather than failing when the close removes it mid-way.
            context.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
            context.close(promise: nil)
        }
    }
}

/// A server child channel that puts an ``HTTPHeadGuard`` right after the HTTP/1 decoder of another one (Hummingbird's
/// channel setup takes additional handlers only after the upgrade negotiation, too late for a head that cannot be
/// parsed).
struct GuardedChildChannel<Inner: ServerChildChannel>: ServerChildChannel {
    let inner: Inner
    let isSocketPath: @Sendable (Substring) -> Bool

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Inner.Value> {
        inner.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let decoder = try channel.pipeline.syncOperations.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try channel.pipeline.syncOperations.addHandler(
                HTTPHeadGuard(isSocketPath: isSocketPath), position: .after(decoder))
            return value
        }
    }

    func handle(value: Inner.Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1 with WebSocket upgrades to the paths `isSocketPath` accepts, behind an ``HTTPHeadGuard``.
    /// - Parameters:
    ///   - webSocketRouter: the router of the WebSocket routes.
    ///   - isSocketPath: whether a path is one of them.
    static func guardedHTTP1WebSocketUpgrade(
        webSocketRouter: Router<AppRequestContext>, isSocketPath: @escaping @Sendable (Substring) -> Bool
    ) -> HTTPServerBuilder {
        let webSocketResponder = webSocketRouter.buildResponder()
        return HTTPServerBuilder { responder in
            GuardedChildChannel(
                inner: HTTP1WebSocketUpgradeChannel(
                    responder: responder, webSocketResponder: webSocketResponder,
                    configuration: HTTP1WebSocketUpgradeChannel.Configuration()),
                isSocketPath: isSocketPath)
        }
    }
}
