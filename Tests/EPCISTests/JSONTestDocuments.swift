import EPCIS
import Foundation

/// Small documents written for the JSON codec tests.
enum JSONTestDocuments {
    static func data(_ text: String) -> Data { Data(text.utf8) }

    /// Decodes, expecting failure; returns the error.
    static func refusal(_ text: String) -> EPCISDocumentError? {
        do {
            _ = try JSONDocumentDecoder().decode(data(text))
            return nil
        } catch {
            return error
        }
    }

    static let context = #""@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"ex": "http://ns.example.com/epcis/"}]"#

    /// A document around `events` (JSON text of the event objects).
    static func document(_ events: String, header: String = "") -> String {
        """
        {
          \(context),
          "type": "EPCISDocument",
          "schemaVersion": "2.0",
          "creationDate": "2026-11-21T08:00:00Z",\(header)
          "epcisBody": {"eventList": [\(events)]}
        }
        """
    }

    static let objectEvent = """
        {"type": "ObjectEvent", "eventTime": "2026-11-21T08:00:00.000+08:00", "eventTimeZoneOffset": "+08:00",
         "epcList": ["urn:epc:id:sgtin:0614141.107346.2017"], "action": "OBSERVE", "bizStep": "shipping",
         "readPoint": {"id": "urn:epc:id:sgln:0614141.07346.1234"}}
        """
}
