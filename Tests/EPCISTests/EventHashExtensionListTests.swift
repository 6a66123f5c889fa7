import EPCIS
import Foundation
import Testing

/// User extensions that repeat an element name inside a list, and user elements named `…List`.
///
/// The reference implementation reads a JSON array under `ex:lotList` as the XML list `<ex:lotList><ex:lot>…`
/// (the shape of the standard `epcList`/`epc`), so JSON renames the items of a `…List` member; XML elements are
/// hashed as they stand, repeated siblings each as an element of its own, sorted by their strings.
@Suite struct EventHashExtensionListTests {
    static let ns = "https://ns.example.com/epcis/"

    static func xml(_ extensions: String) -> String {
        """
        <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:ex="\(ns)"
            xmlns:h="http://ns.example.com/h#" schemaVersion="2.0" creationDate="2024-01-01T00:00:00Z">
          <EPCISBody><EventList>
            <ObjectEvent>
              <eventTime>2024-01-01T00:00:00Z</eventTime>
              <eventTimeZoneOffset>+00:00</eventTimeZoneOffset>
              <epcList><epc>urn:epc:id:sgtin:4012345.011111.1</epc></epcList>
              <action>ADD</action>
        \(extensions)
            </ObjectEvent>
          </EventList></EPCISBody>
        </epcis:EPCISDocument>
        """
    }

    static func json(_ members: String) -> String {
        """
        {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
                      {"ex": "\(ns)", "h": "http://ns.example.com/h#"}],
         "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2024-01-01T00:00:00Z",
         "epcisBody": {"eventList": [
           {"type": "ObjectEvent", "eventTime": "2024-01-01T00:00:00Z", "eventTimeZoneOffset": "+00:00",
            "epcList": ["urn:epc:id:sgtin:4012345.011111.1"], "action": "ADD",
            \(members)}]}}
        """
    }

    /// Repeated `…List` siblings, lists with repeated items, mixed items and empty lists, at the event's top level,
    /// in a readPoint, a sensorElement and the ilmd; namespaces ending in `/` and in `#`.
    static let xmlLists = xml(
        """
              <readPoint><id>urn:epc:id:sgln:4012345.00001.0</id><h:q>9</h:q><h:q><h:z>1</h:z></h:q>
                <ex:pList><ex:p>2</ex:p><ex:p>1</ex:p></ex:pList></readPoint>
              <sensorElementList><sensorElement><sensorReport type="gs1:Temperature" value="3"/>
                <h:note>b</h:note><h:note>a</h:note>
                <ex:tagList><ex:tag>y</ex:tag><ex:tag>x</ex:tag></ex:tagList><ex:tagList><ex:tag>w</ex:tag></ex:tagList>
              </sensorElement></sensorElementList>
              <ilmd>
                <ex:lotList><ex:lot>B</ex:lot><ex:lot>A</ex:lot></ex:lotList><ex:lotList><ex:lot>C</ex:lot></ex:lotList>
                <h:gradeList><h:grade>2</h:grade><h:grade>1</h:grade></h:gradeList>
              </ilmd>
              <ex:r a="2">1</ex:r><ex:r><ex:a>2</ex:a></ex:r><ex:r>0</ex:r>
              <ex:measureList><ex:measure><ex:v>2</ex:v></ex:measure><ex:measure><ex:v>10</ex:v></ex:measure></ex:measureList>
              <ex:resourceList>
                <ex:epc>urn:epc:id:sgtin:4012345.011111.9</ex:epc>
                <ex:resourceElement><ex:amount>0.5</ex:amount></ex:resourceElement>
              </ex:resourceList>
              <ex:emptyList/>
        """)

    /// The JSON-LD shapes of the same kinds of lists.
    static let jsonLists = json(
        """
        "readPoint": {"id": "urn:epc:id:sgln:4012345.00001.0", "h:q": ["9", {"h:z": "1"}], "ex:pList": ["2", "1"]},
        "sensorElementList": [{"sensorReport": [{"type": "Temperature", "value": 3}], "h:note": ["b", "a"],
                               "ex:tagList": [{"ex:tag": ["y", "x"]}, {"ex:tag": "w"}]}],
        "ilmd": {"ex:lotList": [{"ex:lot": ["B", "A"]}, {"ex:lot": "C"}], "h:gradeList": {"h:grade": ["2", "1"]}},
        "ex:r": [{"a": "2", "#text": "1"}, {"ex:a": "2"}, "0"],
        "ex:measureList": [{"ex:v": "2"}, {"ex:v": "10"}],
        "ex:nested": [["b", "a"], ["c"]]
        """)

    /// A list of repeated items in XML, and the JSON array the reference reads as the same list.
    static let xmlItemList = xml("<ex:lotList><ex:lot>B</ex:lot><ex:lot>A</ex:lot><ex:lot>C</ex:lot></ex:lotList>")
    static let jsonItemList = json(#""ex:lotList": ["B", "A", "C"]"#)

    static func preHash(_ text: String, _ format: EPCISDocumentFormat) throws -> String {
        let data = Data(text.utf8)
        let document = try format == .xml ? XMLDocumentDecoder().decode(data) : JSONDocumentDecoder().decode(data)
        let event = try #require(document.events.first)
        return EventHasher(for: document, format: format).preHashString(for: event)
    }

    @Test("XML: repeated list elements stay apart, each with its items sorted, and items keep their own names")
    func xmlRepeatedLists() throws {
        // Given two <ex:lotList> siblings and other user lists, When the event is hashed
        let preHash = try Self.preHash(Self.xmlLists, .xml)
        // Then each list is an element of its own, its items sorted, with no element added around them
        let ex = "{\(Self.ns)}"
        #expect(preHash.contains("\(ex)lotList\(ex)lot=A\(ex)lot=B\(ex)lotList\(ex)lot=C"), "\(preHash)")
        #expect(preHash.contains("readPointid=https://id.gs1.org/414/4012345000016\(ex)pList\(ex)p=1\(ex)p=2"))
        #expect(preHash.contains("\(ex)tagList\(ex)tag=w\(ex)tagList\(ex)tag=x\(ex)tag=y"))
        #expect(preHash.contains("\(ex)resourceList\(ex)epc=https://id.gs1.org/01/04012345111118/21/9"))
        #expect(preHash.contains("\(ex)emptyList\(ex)measureList\(ex)measure\(ex)v=10\(ex)measure\(ex)v=2"))
    }

    @Test("a list of repeated items hashes alike in XML and in the JSON array the reference reads as that list")
    func itemListTwins() throws {
        let xml = try Self.preHash(Self.xmlItemList, .xml)
        #expect(xml == (try Self.preHash(Self.jsonItemList, .json)))
        #expect(xml.contains("{\(Self.ns)}lotList{\(Self.ns)}lot=A{\(Self.ns)}lot=B{\(Self.ns)}lot=C"), "\(xml)")
    }
}
