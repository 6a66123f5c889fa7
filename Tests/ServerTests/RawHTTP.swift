import NIOCore
import NIOPosix

/// A request written byte for byte to a live server, for what an HTTP client library would refuse to send (a head
/// over the limit, an upgrade to nowhere). It returns what the server wrote until it closed the connection, or
/// until `timeout` (then `timedOut` says so: a server that neither answers nor closes leaves a client hanging).
enum RawHTTP {
    struct Exchange {
        /// Everything the server sent.
        var received: String
        /// Whether the server was still silent, with the connection open, when the time was up.
        var timedOut: Bool

        /// The status code of the first response line, when there is one.
        var status: Int? {
            let line = received.prefix { $0 != "\r" && $0 != "\n" }
            let parts = line.split(separator: " ")
            guard parts.count >= 2, parts[0].hasPrefix("HTTP/") else { return nil }
            return Int(parts[1])
        }
    }

    /// Sends `request` and collects what comes back until the server closes, `timeout` passes, or (with
    /// `stopAfterHead`) a whole response head has arrived, for a connection the server rightly keeps open.
    static func send(
        _ request: String, port: Int, timeout: Duration = .seconds(5), stopAfterHead: Bool = false
    ) async throws -> Exchange {
        let channel = try await ClientBootstrap(group: NIOSingletons.posixEventLoopGroup)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let received = Received()
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: request))
            return try await withThrowingTaskGroup(of: Exchange?.self) { group in
                group.addTask {
                    do {
                        for try await buffer in inbound {
                            await received.append(String(buffer: buffer))
                            if stopAfterHead, await received.text.contains("\r\n\r\n") { break }
                        }
                    } catch {
                        // A reset after the answer still leaves the answer.
                    }
                    return Exchange(received: await received.text, timedOut: false)
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                let first = try await group.next() ?? nil
                // Closing ends the read of a connection the server keeps open without a word.
                if first == nil { channel.channel.close(promise: nil) }
                group.cancelAll()
                if let first { return first }
                return Exchange(received: await received.text, timedOut: true)
            }
        }
    }
}

/// What a connection has received so far (the answer of a connection kept open is what came before the time ran out).
private actor Received {
    var text = ""

    func append(_ part: String) { text += part }
}
