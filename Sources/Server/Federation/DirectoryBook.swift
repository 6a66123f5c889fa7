import Federation
import Logging
import ServiceLifecycle
import Synchronization

/// The directory this platform works with now: the peers file's, merged with what the hubs it names serve
/// (``DirectoryRefreshService``). Read once per request or trace; replaced whole when a hub's listing changes it.
final class DirectoryBook: Sendable {
    private let directory: Mutex<PlatformDirectory>

    init(_ directory: PlatformDirectory) { self.directory = Mutex(directory) }

    /// The directory now.
    var current: PlatformDirectory { directory.withLock { $0 } }

    /// Merges a hub's listings in.
    func merge(_ listings: [PlatformDirectory.Listing]) {
        directory.withLock { $0 = $0.merging(listings) }
    }
}

/// Refreshes the directory from the peers that serve one (`"directory": true` in the peers file): at start and every
/// `interval` after, `GET /federation/directory` on each; a hub that does not answer keeps what was known.
///
/// A hub that could not be read is asked again sooner: after 1 s, 2 s, 4 s … up to `interval`. A platform that
/// starts before its hub (or while the hub restarts) learns the hub's prefixes once the hub answers, not an interval
/// later.
struct DirectoryRefreshService<Store: PlatformStore>: Service {
    let platform: Platform<Store>
    var interval: Duration = .seconds(300)
    /// The first wait after a hub did not answer; it doubles with each failed round, up to `interval`.
    var firstRetry: Duration = .seconds(1)

    func run() async throws {
        var retry = firstRetry
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            var failed = false
            for hub in platform.directory.peers.values where hub.servesDirectory {
                do throws(FederationError) {
                    let listing: [String: [PlatformDirectory.Listing]] = try await platform.peers.get(
                        hub, "/federation/directory")
                    platform.directoryBook.merge(listing["platforms"] ?? [])
                } catch {
                    failed = true
                    platform.logger.warning(
                        "the directory of a hub cannot be read", metadata: ["hub": "\(hub.id)", "error": "\(error.message)"])
                }
            }
            guard platform.directory.peers.values.contains(where: \.servesDirectory) else {
                try? await gracefulShutdown()
                return
            }
            let wait = failed ? min(retry, interval) : interval
            retry = failed ? min(retry * 2, interval) : firstRetry
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: wait) }
        }
    }
}
