import DemoChains
import EPCIS
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOFoundationCompat
import Server
import Storage
import StorageSQLite
import Testing
import TraceEngine

/// A server with a small demo chain loaded once per suite, and the codes the tests look at.
struct DemoServer {
    let server: TestServer
    let generator: DemoGenerator
    /// A milk powder lot (canonical key) and a can made from it (EPC URN).
    let powderLot: String
    let can: String

    static func make() async throws -> DemoServer {
        let server = try await TestServer.make()
        let generator = try await server.loadDemo()
        let powder = try requireValue(generator.world.products["powder"])
        let formula = try requireValue(generator.world.products["formula"])
        let query = try EPCISQuery(parameters: [("eventType", "TransformationEvent"), ("EQ_bizStep", "commissioning")])
        let made = try await server.store.events(matching: query, page: PageRequest(size: 1_000, token: nil)).events
        let lot = try requireValue(
            made.flatMap { $0.event.outputQuantityList.map(\.epcClass) }
                .first { $0.text.hasPrefix("urn:epc:class:lgtin:\(powder.stem).") })
        let forward = try await TraceEngine(source: server.store).forward(from: lot.canonicalKey)
        let can = try requireValue(forward.identifiers.first { $0.hasPrefix("urn:epc:id:sgtin:\(formula.stem).") })
        return DemoServer(server: server, generator: generator, powderLot: lot.canonicalKey, can: can)
    }

    /// The resolver path of an identifier (`/01/…/21/…`).
    static func path(_ identifier: String) throws -> String {
        try requireValue(URL(string: IdentifierKeys.resolve(identifier))).path
    }
}

struct MissingValue: Error, CustomStringConvertible {
    let description: String
}

/// Unwraps a fixture value outside a test body, with the expression's text in the error.
func requireValue<T>(_ value: T?, _ expression: String = #function) throws -> T {
    guard let value else { throw MissingValue(description: "missing fixture value in \(expression)") }
    return value
}
