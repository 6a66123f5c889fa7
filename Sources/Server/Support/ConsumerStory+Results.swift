import EPCIS
import Foundation
import Storage
import TraceEngine
import Web

/// Test results and certificates from any event of the chain: `certificationInfo` URLs, structured certification
/// details (GS1 `CertificationDetails` members such as `certificationAgency`, `certificationStandard`,
/// `certificationValue`, `certificationIdentification`, `certificationURI`, wherever the event carries them), sensor
/// reports, and ILMD values that are not facts of the product (`melamineMgPerKg`).
extension ConsumerStory {
    /// The most result lines a page shows (a sensor log may hold thousands of readings; they are summarised).
    static let resultLimit = 40

    mutating func absorb(_ event: EPCISEvent, fact: TraceEvent, isOwn: Bool, names: Names, time: LocalTime) {
        guard results.count < Self.resultLimit else { return }
        let authority = Self.actor(of: fact, names: names).map(names.partyName)
        let place = fact.bizLocation.map(names.locationName)
        func add(_ result: TestResult) {
            var result = result
            result.bizStep = fact.bizStep
            result.time = time
            result.place = place
            if result.authority == nil { result.authority = authority }
            if !results.contains(result), results.count < Self.resultLimit { results.append(result) }
        }
        var certificates = Self.certifications(in: event.extensions + (event.ilmd ?? []))
        for url in event.certificationInfo where !certificates.contains(where: { $0.link == url }) {
            var certificate = TestResult(link: url)
            if authority == nil, let host = URL(string: url)?.host {
                certificate.authority = Name(LocalizedText(host), key: nil)
            }
            certificates.append(certificate)
        }
        certificates.forEach(add)
        for element in event.sensorElementList { Self.sensorResults(element).forEach(add) }
        for element in event.ilmd ?? [] where !Self.productILMD.contains(element.name.localName) {
            guard !Self.isCertification(element) else { continue }
            let value = element.value.masterDataText
            guard !value.isEmpty else { continue }
            add(TestResult(subject: ConsumerPageWords.words(element.name.localName), value: value))
        }
    }

    static func isCertification(_ element: ExtensionElement) -> Bool {
        element.name.localName.hasPrefix("certification")
    }

    /// Every structured certification in the elements, at any depth: an object with certification members.
    static func certifications(in elements: [ExtensionElement]) -> [TestResult] {
        var found: [TestResult] = []
        func visit(_ value: ExtensionValue) {
            switch value {
            case .array(let items): items.forEach(visit)
            case .object(let members):
                let fields = Dictionary(
                    members.map { ($0.name.localName, $0.value) }, uniquingKeysWith: { first, _ in first })
                if ["certificationAgency", "certificationStandard", "certificationValue", "certificationIdentification",
                    "certificationURI"].contains(where: { fields[$0] != nil })
                {
                    found.append(certification(fields))
                } else {
                    members.map(\.value).forEach(visit)
                }
            default: break
            }
        }
        elements.map(\.value).forEach(visit)
        return found
    }

    private static func certification(_ fields: [String: ExtensionValue]) -> TestResult {
        func text(_ name: String) -> String? {
            guard let value = fields[name] else { return nil }
            if case .object(let members) = value, value.languageTaggedText == nil {
                // An agency given as an organisation: its name.
                let name = members.first { ["name", "organizationName"].contains($0.name.localName) }?.value
                return name?.masterDataText
            }
            let text = value.masterDataText
            return text.isEmpty ? nil : text
        }
        var result = TestResult(
            subject: text("certificationStandard"), value: text("certificationValue") ?? text("certificationStatus"),
            link: text("certificationURI") ?? text("certificationAgencyURL"))
        result.identification = text("certificationIdentification")
        if let agency = fields["certificationAgency"] {
            var name = LocalizedText(values: [agency])
            if name.isEmpty, let plain = text("certificationAgency") { name = LocalizedText(plain) }
            if !name.isEmpty { result.authority = Name(name, key: nil) }
        }
        return result
    }

    /// A sensor element's results: one line per measured thing, a range when it was read more than once.
    static func sensorResults(_ element: SensorElement) -> [TestResult] {
        var order: [String] = []
        var groups: [String: [SensorReport]] = [:]
        for report in element.reports {
            let group = [report.type?.jsonValue, report.chemicalSubstance?.text, report.microorganism?.text, report.uom]
                .map { $0 ?? "" }.joined(separator: "|")
            if groups[group] == nil { order.append(group) }
            groups[group, default: []].append(report)
        }
        return order.compactMap { group -> TestResult? in
            guard let reports = groups[group], let first = reports.first else { return nil }
            let numbers = reports.compactMap { $0.value ?? $0.meanValue }
            var value: String?
            if let low = numbers.min(), let high = numbers.max() {
                value = low == high ? number(low) : "\(number(low))–\(number(high))"
            } else if let text = first.stringValue {
                value = text
            } else if let flag = first.booleanValue {
                value = flag ? "✓" : "✗"
            } else if let low = first.minValue, let high = first.maxValue {
                value = "\(number(low))–\(number(high))"
            }
            guard value != nil else { return nil }
            let subject = (first.chemicalSubstance ?? first.microorganism).map { ConsumerPageWords.lastWord($0.text) }
            var result = TestResult(subject: subject, value: value)
            result.measurementType = first.type.map { $0.standardTerm ?? ConsumerPageWords.lastWord($0.uri) }
            result.uom = first.uom
            return result
        }
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

/// Words of identifiers for people (`melamineMgPerKg` → "melamine mg per kg").
enum ConsumerPageWords {
    static func words(_ name: String) -> String {
        var out = ""
        for character in name {
            if character == "_" || character == "-" {
                out.append(" ")
                continue
            }
            if character.isUppercase, let last = out.last, last != " " { out.append(" ") }
            out.append(character.isUppercase ? Character(character.lowercased()) : character)
        }
        return out
    }

    static func lastWord(_ uri: String) -> String {
        String(uri.split(whereSeparator: { "/:#".contains($0) }).last ?? Substring(uri))
    }
}
