import ArgumentParser
import EPCIS
import Foundation
import Storage

/// `suyuan query 'EQ_bizStep=shipping&MATCH_epc=…'`: runs a SimpleEventQuery and prints an EPCISQueryDocument.
struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run an EPCIS SimpleEventQuery and print the result as an EPCISQueryDocument (JSON-LD).",
        discussion: """
            PARAMS is a URL query string of SimpleEventQuery parameters (values may be percent-encoded; lists \
            separated by |). Prints one page; when more follow, the token for --next-page-token goes to stderr.
            """
    )

    @Argument(help: "Query parameters, e.g. 'EQ_bizStep=shipping&MATCH_epc=urn:epc:idpat:sgtin:0614141.*.*'.")
    var parameters: String = ""

    @Option(help: "Events per page (1-10000).")
    var perPage: Int = 100

    @Option(help: "The token printed by the previous page.")
    var nextPageToken: String?

    @Flag(help: "Indent the JSON.")
    var pretty = false

    @OptionGroup var storeOption: StoreOption

    func run() async throws {
        let pairs = parameters.split(separator: "&").map { item -> (name: String, value: String) in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let decode = { (text: String) in text.removingPercentEncoding ?? text }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
        let query: EPCISQuery
        do {
            query = try EPCISQuery(parameters: pairs)
        } catch {
            FileHandle.standardError.write(Data("\(error.description)\n".utf8))
            throw ExitCode(2)
        }
        try await storeOption.withStore { store in try await printPage(of: query, from: store) }
    }

    private func printPage(of query: EPCISQuery, from store: any CommandStore) async throws {
        do {
            let page = try await store.events(
                matching: query, page: PageRequest(size: perPage, token: nextPageToken))
            var document = EPCISDocument(kind: .queryDocument, events: page.events.map(\.event))
            document.creationDate = EPCISDateTime(Date())
            document.queryName = "SimpleEventQuery"
            print(String(decoding: JSONDocumentEncoder(prettyPrinted: pretty).encode(document), as: UTF8.self))
            if let token = page.nextPageToken {
                FileHandle.standardError.write(Data("next page: --next-page-token \(token)\n".utf8))
            }
        } catch {
            FileHandle.standardError.write(Data("\(error.description)\n".utf8))
            throw ExitCode(1)
        }
    }
}
