import ArgumentParser
import EPCIS
import Foundation

/// `suyuan bench epcis-json`: EPCIS 2.0 JSON-LD decoding and encoding throughput on a generated document (or a
/// file), in events/s and MB/s.
struct BenchEPCISJSON: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "epcis-json",
        abstract: "Time EPCIS JSON-LD decoding (streaming and whole) and encoding in-process."
    )

    @Option(help: "Events in the generated document.")
    var events: Int = 100_000

    @Option(help: "Decode this file instead of a generated document.")
    var file: String?

    @Option(help: "Timed passes; the best pass is reported.")
    var passes: Int = 3

    func run() throws {
        let data: Data
        if let file {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } else {
            data = JSONDocumentEncoder().encode(Self.document(events: events))
        }
        let megabytes = Double(data.count) / 1_000_000
        let decoder = JSONDocumentDecoder()
        var count = 0
        let header = try decoder.forEachEvent(in: data) { _, _ in count += 1 }
        print("suyuan bench epcis-json: \(count) events, \(String(format: "%.1f", megabytes)) MB, best of \(passes) passes")
        report("decode, streaming (forEachEvent)", count: count, megabytes: megabytes) {
            _ = try decoder.forEachEvent(in: data) { _, _ in }
        }
        var document = header
        report("decode, whole document", count: count, megabytes: megabytes) { document = try decoder.decode(data) }
        report("encode, as captured", count: count, megabytes: megabytes) { _ = JSONDocumentEncoder().encode(document) }
    }

    private func report(_ name: String, count: Int, megabytes: Double, _ body: () throws -> Void) {
        let clock = ContinuousClock()
        var best = Duration.seconds(1_000_000)
        for _ in 0..<max(1, passes) {
            do {
                best = min(best, try clock.measure(body))
            } catch {
                print("  \(name): failed: \(error)")
                return
            }
        }
        let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
        let label = name + String(repeating: " ", count: max(0, 34 - name.count))
        print("  \(label) " + String(format: "%10.0f events/s %8.1f MB/s", Double(count) / seconds, megabytes / seconds))
    }

    /// A deterministic document of ObjectEvents with three EPCs, a quantity, CBV words, locations, a business
    /// transaction and a nested user extension each (about 800 bytes per event).
    static func document(events: Int) -> EPCISDocument {
        var document = EPCISDocument()
        document.creationDate = EPCISDateTime("2026-11-21T08:00:00Z")
        document.namespaces = [NamespaceDeclaration(prefix: "ex", namespace: "http://ns.example.com/epcis/")]
        let ns = "http://ns.example.com/epcis/"
        document.events.reserveCapacity(events)
        for i in 0..<events {
            guard let time = EPCISDateTime("2026-11-\(10 + i % 18)T08:\(10 + i % 50):00.000+08:00") else { continue }
            var event = EPCISEvent(type: .objectEvent, eventTime: time, eventTimeZoneOffset: "+08:00")
            event.epcList = (0..<3).map { IdentifierURI("urn:epc:id:sgtin:0614141.107346.\(i * 3 + $0)") }
            event.action = .observe
            event.bizStep = CBVValue("shipping", in: .bizStep)
            event.disposition = CBVValue("in_transit", in: .disposition)
            event.readPoint = LocationReference(id: "urn:epc:id:sgln:0614141.07346.1234")
            event.bizLocation = LocationReference(id: "urn:epc:id:sgln:0614141.07346.0")
            if let po = CBVValue("po", in: .bizTransactionType) {
                event.bizTransactionList = [BizTransaction(type: po, id: IdentifierURI("urn:epc:id:gdti:0614141.00001.\(i)"))]
            }
            event.quantityList = [QuantityElement(epcClass: "urn:epc:class:lgtin:4012345.012345.998877", quantity: 200.5, uom: "KGM")]
            event.extensions = [
                ExtensionElement(
                    name: QualifiedName(namespace: ns, localName: "temp", prefix: "ex"),
                    value: .object([
                        ExtensionElement(name: QualifiedName(namespace: ns, localName: "value", prefix: "ex"), value: .string("4.5")),
                        ExtensionElement(name: QualifiedName(namespace: ns, localName: "unit", prefix: "ex"), value: .string("CEL")),
                    ]))
            ]
            document.events.append(event)
        }
        return document
    }
}
