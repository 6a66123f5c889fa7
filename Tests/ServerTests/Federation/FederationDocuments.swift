/// The documents of the federation tests, written here by hand: a pork chain that crosses three provinces' platforms
/// and an importer's own EPCIS repository.
///
/// - `sh` (prefix 6901234): a slaughterhouse commissions carcass lot L1 (110 kg), ships 60 kg to a market in `bj` and
///   40 kg to a processor homed on `hub`, and keeps 10 kg; it receives lot L9 (20 kg) from the importer `acme` and
///   makes lot L3 of it.
/// - `hub` (6903456): the processor receives the 40 kg, makes 30 kg of sausage lot L2 of it and ships 20 kg to `bj`.
/// - `bj` (6902345): the market receives 55 kg of L1 (5 kg short: a mismatch across the boundary) and the 20 kg of L2.
///
/// So a recall of L1 finds holders on all three platforms.
/// - `acme` (6904567, a plain EPCIS repository): the importer commissions L9 and ships 20 kg to the slaughterhouse.
enum FederationDocuments {
    static let sh = "urn:epc:id:sgln:6901234.00001.0"
    static let shParty = "urn:epc:id:pgln:6901234.00001"
    static let bj = "urn:epc:id:sgln:6902345.00001.0"
    static let bjParty = "urn:epc:id:pgln:6902345.00001"
    static let hub = "urn:epc:id:sgln:6903456.00001.0"
    static let hubParty = "urn:epc:id:pgln:6903456.00001"
    static let l1 = "urn:epc:class:lgtin:6901234.000017.L1"
    static let l2 = "urn:epc:class:lgtin:6903456.000021.L2"
    static let l3 = "urn:epc:class:lgtin:6901234.000024.L3"
    static let l9 = "https://id.gs1.org/01/06904567000012/10/L9"

    static func document(masterData: String? = nil, _ events: [String]) -> String {
        let header = masterData.map { #""epcisHeader":{"epcisMasterData":{"vocabularyList":[\#($0)]}},"# } ?? ""
        return """
            {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument",
             "schemaVersion":"2.0","creationDate":"2026-05-01T00:00:00Z",\(header)
             "epcisBody":{"eventList":[\(events.joined(separator: ",\n"))]}}
            """
    }

    /// The hub's master data names its sausage and its plant in Chinese and English.
    static let hubMasterData = """
        {"type":"urn:epcglobal:epcis:vtype:EPCClass","vocabularyElementList":[{"id":"\(l2)","attributes":[
          {"id":"urn:epcglobal:cbv:mda#descriptionShort","attribute":{"@value":"猪肉香肠","@language":"zh-CN"}},
          {"id":"urn:epcglobal:cbv:mda#descriptionShort","attribute":{"@value":"Pork sausage","@language":"en"}}]}]},
        {"type":"urn:epcglobal:epcis:vtype:BusinessLocation","vocabularyElementList":[{"id":"\(hub)","attributes":[
          {"id":"urn:epcglobal:cbv:mda#name","attribute":{"@value":"枢纽肉制品厂","@language":"zh-CN"}},
          {"id":"urn:epcglobal:cbv:mda#name","attribute":{"@value":"Hub meat works","@language":"en"}}]}]}
        """

    static func quantity(_ lot: String, _ kilograms: Double) -> String {
        #"{"epcClass":"\#(lot)","quantity":\#(kilograms),"uom":"KGM"}"#
    }

    static func ship(_ lot: String, _ kilograms: Double, at time: String, from place: String, fromParty: String,
                     to destination: String, toParty: String, transaction: String) -> String {
        """
        {"type":"ObjectEvent","action":"OBSERVE","bizStep":"shipping","disposition":"in_transit",
         "eventTime":"\(time)","eventTimeZoneOffset":"+08:00","quantityList":[\(quantity(lot, kilograms))],
         "readPoint":{"id":"\(place)"},"bizLocation":{"id":"\(place)"},
         "bizTransactionList":[{"type":"desadv","bizTransaction":"urn:epcglobal:cbv:bt:\(transaction)"}],
         "sourceList":[{"type":"owning_party","source":"\(fromParty)"},{"type":"location","source":"\(place)"}],
         "destinationList":[{"type":"owning_party","destination":"\(toParty)"},{"type":"location","destination":"\(destination)"}]}
        """
    }

    static func receive(_ lot: String, _ kilograms: Double, at time: String, place: String, party: String,
                        from source: String, fromParty: String, transaction: String) -> String {
        """
        {"type":"ObjectEvent","action":"OBSERVE","bizStep":"receiving","disposition":"in_progress",
         "eventTime":"\(time)","eventTimeZoneOffset":"+08:00","quantityList":[\(quantity(lot, kilograms))],
         "readPoint":{"id":"\(place)"},"bizLocation":{"id":"\(place)"},
         "bizTransactionList":[{"type":"desadv","bizTransaction":"urn:epcglobal:cbv:bt:\(transaction)"}],
         "sourceList":[{"type":"owning_party","source":"\(fromParty)"},{"type":"location","source":"\(source)"}],
         "destinationList":[{"type":"owning_party","destination":"\(party)"},{"type":"location","destination":"\(place)"}]}
        """
    }

    static func transform(_ input: String, _ inKilograms: Double, into output: String, _ outKilograms: Double,
                          at time: String, place: String) -> String {
        """
        {"type":"TransformationEvent","bizStep":"commissioning","disposition":"active","eventTime":"\(time)",
         "eventTimeZoneOffset":"+08:00","inputQuantityList":[\(quantity(input, inKilograms))],
         "outputQuantityList":[\(quantity(output, outKilograms))],"readPoint":{"id":"\(place)"},"bizLocation":{"id":"\(place)"}}
        """
    }

    static let shanghai = document([
        """
        {"type":"ObjectEvent","action":"ADD","bizStep":"commissioning","disposition":"active",
         "eventTime":"2026-05-01T06:00:00.000+08:00","eventTimeZoneOffset":"+08:00",
         "quantityList":[\(quantity(l1, 110))],"readPoint":{"id":"\(sh)"},"bizLocation":{"id":"\(sh)"}}
        """,
        ship(l1, 60, at: "2026-05-01T08:00:00.000+08:00", from: sh, fromParty: shParty, to: bj, toParty: bjParty,
             transaction: "desadv:SH-BJ-1"),
        ship(l1, 40, at: "2026-05-01T08:30:00.000+08:00", from: sh, fromParty: shParty, to: hub, toParty: hubParty,
             transaction: "desadv:SH-HUB-1"),
        receive(l9, 20, at: "2026-05-02T09:00:00.000+08:00", place: sh, party: shParty,
                from: "urn:epc:id:sgln:6904567.00001.0", fromParty: "urn:epc:id:pgln:6904567.00001",
                transaction: "desadv:ACME-SH-1"),
        transform(l9, 20, into: l3, 18, at: "2026-05-02T11:00:00.000+08:00", place: sh),
    ])

    static let hubDocument = document(masterData: hubMasterData, [
        receive(l1, 40, at: "2026-05-01T15:00:00.000+08:00", place: hub, party: hubParty, from: sh, fromParty: shParty,
                transaction: "desadv:SH-HUB-1"),
        transform(l1, 40, into: l2, 30, at: "2026-05-01T18:00:00.000+08:00", place: hub),
        ship(l2, 20, at: "2026-05-02T07:00:00.000+08:00", from: hub, fromParty: hubParty, to: bj, toParty: bjParty,
             transaction: "desadv:HUB-BJ-1"),
    ])

    static let beijing = document([
        receive(l1, 55, at: "2026-05-01T20:00:00.000+08:00", place: bj, party: bjParty, from: sh, fromParty: shParty,
                transaction: "desadv:SH-BJ-1"),
        receive(l2, 20, at: "2026-05-02T16:00:00.000+08:00", place: bj, party: bjParty, from: hub, fromParty: hubParty,
                transaction: "desadv:HUB-BJ-1"),
    ])

    /// The importer's repository holds its events in Digital Link form, as many repositories do.
    static let acme = document([
        """
        {"type":"ObjectEvent","action":"ADD","bizStep":"commissioning","disposition":"active",
         "eventTime":"2026-04-20T06:00:00.000+08:00","eventTimeZoneOffset":"+08:00",
         "quantityList":[\(quantity(l9, 500))],"bizLocation":{"id":"https://id.gs1.org/414/6904567000012"}}
        """,
        """
        {"type":"ObjectEvent","action":"OBSERVE","bizStep":"shipping","disposition":"in_transit",
         "eventTime":"2026-05-01T20:00:00.000+08:00","eventTimeZoneOffset":"+08:00","quantityList":[\(quantity(l9, 20))],
         "bizLocation":{"id":"https://id.gs1.org/414/6904567000012"},
         "destinationList":[{"type":"owning_party","destination":"https://id.gs1.org/417/6901234000016"}]}
        """,
    ])

    /// One more shipment from the slaughterhouse to the market (for the push across a restart).
    static let secondShipment = document([
        ship(l1, 0.5, at: "2026-05-03T08:00:00.000+08:00", from: sh, fromParty: shParty, to: bj, toParty: bjParty,
             transaction: "desadv:SH-BJ-2")
    ])
}
