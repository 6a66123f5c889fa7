import ArgumentParser
import Foundation
import Server
import Storage

/// `suyuan portal link --party GLN`: a one-time sign-in link to the party portal, printed with its QR Code.
struct PortalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portal", abstract: "The party portal: issue one-time sign-in links.", subcommands: [Link.self])

    struct Link: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "link",
            abstract: "Issue a one-time sign-in link for a party (valid 72 hours; spent when it is used).")

        @Option(help: "The party (PGLN or GLN, any form).")
        var party: String

        @Option(help: "A note on whom the link is for (kept with the link's key).")
        var note: String?

        @Option(name: .customLong("base-url"), help: "The server's public base URL.")
        var baseURL: String = "http://127.0.0.1:8080"

        @Option(name: .customLong("qr"), help: "Write the link's QR Code as SVG to this file.")
        var qrFile: String?

        @OptionGroup var storeOption: StoreOption

        func run() async throws {
            try await storeOption.withStore { store in
                do {
                    let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
                    let key = PortalLinks.partyKey(party)
                    guard try await PortalLinks.isRegistered(party: key, in: store) else {
                        FileHandle.standardError.write(Data(
                            "--party: \(party) is not a party of the registry's master data; no link was issued\n"
                                .utf8))
                        throw ExitCode(1)
                    }
                    let (url, link, expires) = try await PortalLinks.issue(
                        party: key, note: note, issuedBy: "suyuan portal link",
                        baseURL: base, in: store)
                    print(url)
                    if let qrFile {
                        try Data(PortalLinks.qrSVG(url).utf8).write(to: URL(fileURLWithPath: qrFile))
                    }
                    FileHandle.standardError.write(Data(
                        "issued link \(link.id) for \(link.party ?? party); it expires \(expires) and works once\n"
                            .utf8))
                } catch let error as StorageError {
                    FileHandle.standardError.write(Data("\(error.message)\n".utf8))
                    throw ExitCode(1)
                }
            }
        }
    }
}
