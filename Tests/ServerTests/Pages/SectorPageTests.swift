import EPCIS
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Storage
import StorageSQLite
import Testing

/// Consumer pages of products whose sources were treated or whose cold chain broke (docs/sector-rules.md).
@Suite("Consumer pages show temperature excursions and withdrawal periods")
struct SectorPageTests {
    /// A pig given amoxicillin (withdrawal 28 days) on 1 March, slaughtered `slaughter` days later into a pork lot;
    /// a milk lot whose truck read 4, 9 and 5 °C an hour apart (master data: 2–6 °C).
    static func document(slaughter: Int) -> String {
        let day = String(format: "%02d", 1 + slaughter)
        return #"""
            {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"gs1": "https://gs1.org/voc/"}],
             "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-04-10T12:00:00+08:00",
             "epcisHeader": {"epcisMasterData": {"vocabularyList": [
               {"type": "urn:epcglobal:epcis:vtype:EPCClass", "vocabularyElementList": [
                 {"id": "https://id.gs1.org/01/16901234100027", "attributes": [
                   {"id": "urn:epcglobal:cbv:mda#descriptionShort", "attribute": {"@value": "阿莫西林可溶性粉", "@language": "zh-CN"}},
                   {"id": "urn:epcglobal:cbv:mda#descriptionShort", "attribute": {"@value": "Amoxicillin powder", "@language": "en"}},
                   {"id": "https://ns.suyuan.org/mda#withdrawalPeriodDays", "attribute": "28"}]},
                 {"id": "https://id.gs1.org/01/16901234400011", "attributes": [
                   {"id": "urn:epcglobal:cbv:mda#descriptionShort", "attribute": {"@value": "巴氏杀菌鲜牛奶", "@language": "zh-CN"}},
                   {"id": "https://ns.suyuan.org/mda#minTemperature", "attribute": "2"},
                   {"id": "https://ns.suyuan.org/mda#maxTemperature", "attribute": "6"}]}]},
               {"type": "urn:epcglobal:epcis:vtype:BusinessLocation", "vocabularyElementList": [
                 {"id": "urn:epc:id:sgln:6901234.50001.0", "attributes": [
                   {"id": "urn:epcglobal:cbv:mda#name", "attribute": {"@value": "冷链车 7 号", "@language": "zh-CN"}},
                   {"id": "urn:epcglobal:cbv:mda#name", "attribute": {"@value": "Reefer truck 7", "@language": "en"}}]}]}
             ]}},
             "epcisBody": {"eventList": [
               {"type": "ObjectEvent", "eventTime": "2026-03-01T15:00:00+08:00", "eventTimeZoneOffset": "+08:00",
                "epcList": ["urn:epc:id:sgtin:6901234.100055.1"],
                "quantityList": [{"epcClass": "urn:epc:class:lgtin:6901234.110002.AMX1", "quantity": 0.2, "uom": "KGM"}],
                "action": "OBSERVE", "bizStep": "https://ns.suyuan.org/bizstep#treating",
                "bizLocation": {"id": "urn:epc:id:sgln:6901234.10005.0"}},
               {"type": "TransformationEvent", "eventTime": "2026-03-\#(day)T15:00:00+08:00", "eventTimeZoneOffset": "+08:00",
                "inputEPCList": ["urn:epc:id:sgtin:6901234.100055.1"],
                "outputQuantityList": [{"epcClass": "urn:epc:class:lgtin:6901234.100062.PORK1", "quantity": 82, "uom": "KGM"}],
                "bizLocation": {"id": "urn:epc:id:sgln:6901234.10006.0"}},
               {"type": "ObjectEvent", "eventTime": "2026-04-01T08:00:00+08:00", "eventTimeZoneOffset": "+08:00",
                "action": "ADD", "bizStep": "commissioning",
                "quantityList": [{"epcClass": "urn:epc:class:lgtin:6901234.140001.MILK1", "quantity": 500, "uom": "LTR"}],
                "bizLocation": {"id": "urn:epc:id:sgln:6901234.50002.0"}},
               {"type": "ObjectEvent", "eventTime": "2026-04-01T09:00:00+08:00", "eventTimeZoneOffset": "+08:00",
                "action": "OBSERVE", "bizStep": "sensor_reporting",
                "quantityList": [{"epcClass": "urn:epc:class:lgtin:6901234.140001.MILK1", "quantity": 500, "uom": "LTR"}],
                "bizLocation": {"id": "urn:epc:id:sgln:6901234.50001.0"},
                "sensorElementList": [{"sensorReport": [{"type": "gs1:Temperature", "value": 4, "uom": "CEL"}]}]},
               {"type": "ObjectEvent", "eventTime": "2026-04-01T10:00:00+08:00", "eventTimeZoneOffset": "+08:00",
                "action": "OBSERVE", "bizStep": "sensor_reporting",
                "quantityList": [{"epcClass": "urn:epc:class:lgtin:6901234.140001.MILK1", "quantity": 500, "uom": "LTR"}],
                "bizLocation": {"id": "urn:epc:id:sgln:6901234.50001.0"},
                "sensorElementList": [{"sensorReport": [{"type": "gs1:Temperature", "value": 48.2, "uom": "FAH"}]}]},
               {"type": "ObjectEvent", "eventTime": "2026-04-01T11:30:00+08:00", "eventTimeZoneOffset": "+08:00",
                "action": "OBSERVE", "bizStep": "sensor_reporting",
                "quantityList": [{"epcClass": "urn:epc:class:lgtin:6901234.140001.MILK1", "quantity": 500, "uom": "LTR"}],
                "bizLocation": {"id": "urn:epc:id:sgln:6901234.50001.0"},
                "sensorElementList": [{"sensorReport": [{"type": "gs1:Temperature", "value": 5, "uom": "CEL"}]}]}
             ]}}
            """#
    }

    static func server(slaughter: Int) async throws -> TestServer {
        let server = try await TestServer.make()
        let document = try EPCISDocumentReader().read(Data(document(slaughter: slaughter).utf8))
        _ = try await server.store.capture(document, context: CaptureContext())
        return server
    }

    static let pork = "/01/16901234000624/10/PORK1"
    static let milk = "/01/16901234400011/10/MILK1"

    @Test("pork slaughtered 19 days after a 28-day drug warns; the milk's 1.5 h at 9 °C warns, in both languages")
    func broken() async throws {
        let server = try await Self.server(slaughter: 19)
        try await server.app.test(.router) { client in
            let zh = try await client.send(.get, Self.pork, headers: [.acceptLanguage: "zh-CN"]).text
            #expect(zh.contains("本产品的来源动物在使用兽药（阿莫西林可溶性粉）后 19 天即被屠宰或挤奶，未满 28 天休药期。"))
            let en = try await client.send(.get, Self.pork, headers: [.acceptLanguage: "en"]).text
            #expect(en.contains("19 days after a veterinary drug (Amoxicillin powder), before the drug"))
            #expect(!en.contains("withdrawal period</strong>"))
            let milkZH = try await client.send(.get, Self.milk, headers: [.acceptLanguage: "zh-CN"]).text
            #expect(milkZH.contains("运输途中温度超出允许范围 1.5 小时（冷链车 7 号）：9 "))
            let milkEN = try await client.send(.get, Self.milk, headers: [.acceptLanguage: "en"]).text
            #expect(milkEN.contains("left the allowed range for 1.5 h at Reefer truck 7: 9 "))
        }
    }

    @Test("pork slaughtered 30 days after the drug says the withdrawal period was kept, and warns of nothing")
    func kept() async throws {
        let server = try await Self.server(slaughter: 30)
        try await server.app.test(.router) { client in
            let en = try await client.send(.get, Self.pork, headers: [.acceptLanguage: "en"]).text
            #expect(en.contains("Veterinary drug withdrawal period</strong>"))
            #expect(en.contains("kept: 30 days after use (at least 28 required)"))
            #expect(!en.contains("before the drug"))
            let zh = try await client.send(.get, Self.pork, headers: [.acceptLanguage: "zh-CN"]).text
            #expect(zh.contains("兽药休药期") && zh.contains("已遵守：用药后 30 天（至少 28 天）"))
        }
    }

    @Test("the console's findings filter names the sector kinds, in English and Chinese")
    func console() async throws {
        let server = try await Self.server(slaughter: 19)
        try await server.app.test(.router) { client in
            let cookie = try await ConsoleTests.signIn(client, key: server.regulator)
            let english: HTTPFields = [.cookie: cookie, .acceptLanguage: "en"]
            let found = try await client.send(.get, "/console/findings?kind=withdrawalPeriod", headers: english).text
            #expect(found.contains("<option value=\"withdrawalPeriod\" selected>Withdrawal period not kept</option>"))
            #expect(found.contains("<option value=\"quotaExceeded\">Quota exceeded</option>"))
            #expect(found.contains("<tr data-kind=\"withdrawalPeriod\">"))
            #expect(!found.contains("<tr data-kind=\"temperatureExcursion\">"))
            let chinese: HTTPFields = [.cookie: cookie, .acceptLanguage: "zh-CN"]
            let zh = try await client.send(.get, "/console/findings?kind=temperatureExcursion", headers: chinese).text
            #expect(zh.contains("<option value=\"temperatureExcursion\" selected>温度超标</option>"))
            #expect(zh.contains("<tr data-kind=\"temperatureExcursion\"><td>温度超标</td>"))
        }
    }
}
