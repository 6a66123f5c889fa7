import EPCIS
import Foundation
import Identifiers

/// Reading one cell's text as the value a column holds. Each parser returns the value or the rule it breaks, in
/// words a person fixing the spreadsheet understands.
enum CellParsers {
    enum Outcome<Value> {
        case value(Value)
        case problem(String)
    }

    // MARK: Times

    /// A date and time with its offset: from the cell (`2026-11-20 08:30`, `2026/11/20 8:30:15`,
    /// `2026-11-20T08:30+08:00`, `2026年11月20日 08:30`, an Excel serial number) and the time zone cell.
    static func dateTime(_ text: String, zone: String) -> Outcome<(time: EPCISDateTime, offset: String)> {
        guard let local = localDateTime(text) else {
            return .problem("'\(text)' is not a date and time; write it as 2026-11-20 08:30")
        }
        var offsetMinutes = local.offset
        if offsetMinutes == nil, !zone.isEmpty {
            switch offset(zone, at: local) {
            case .value(let minutes): offsetMinutes = minutes
            case .problem(let rule): return .problem(rule)
            }
        }
        guard let minutes = offsetMinutes else {
            return .problem(
                "'\(text)' has no time zone: add an offset (2026-11-20 08:30+08:00) or fill the time zone column")
        }
        let offsetText = offsetString(minutes)
        let stamp =
            String(
                format: "%04d-%02d-%02dT%02d:%02d:%02d", local.year, local.month, local.day, local.hour,
                local.minute, local.second)
            + (local.millisecond > 0 ? String(format: ".%03d", local.millisecond) : "") + offsetText
        guard let time = EPCISDateTime(stamp) else { return .problem("'\(text)' names no real date or time") }
        return .value((time, offsetText))
    }

    /// A calendar date (`2026-11-20`, `2026/11/20`, `20261120`, an Excel serial), as `YYYY-MM-DD`.
    static func date(_ text: String) -> Outcome<String> {
        let compact = text.filter(\.isNumber)
        if compact.count == 8, compact == text {
            return date(String(compact.prefix(4)) + "-" + compact.dropFirst(4).prefix(2) + "-" + compact.suffix(2))
        }
        guard let local = localDateTime(text), local.hour == 0, local.minute == 0, local.second == 0,
            EPCISDateTime(String(format: "%04d-%02d-%02dT00:00:00Z", local.year, local.month, local.day)) != nil
        else { return .problem("'\(text)' is not a date; write it as 2026-11-20") }
        return .value(String(format: "%04d-%02d-%02d", local.year, local.month, local.day))
    }

    struct LocalDateTime {
        var year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millisecond = 0
        var offset: Int?
    }

    static func localDateTime(_ raw: String) -> LocalDateTime? {
        let text = raw.replacingOccurrences(of: "年", with: "-").replacingOccurrences(of: "月", with: "-")
            .replacingOccurrences(of: "日", with: " ").replacingOccurrences(of: "时", with: ":")
            .replacingOccurrences(of: "分", with: "").trimmingCharacters(in: .whitespaces)
        if let serial = Double(text), serial > 0, serial < 2_958_466, !text.contains("-") {
            return excelSerial(serial)
        }
        let chars = Array(text.unicodeScalars)
        var i = 0
        func number(maxDigits: Int) -> Int? {
            var value = 0
            var count = 0
            while i < chars.count, count < maxDigits, isDigit(chars[i]) {
                value = value * 10 + Int(chars[i].value - 48)
                count += 1
                i += 1
            }
            return count == 0 ? nil : value
        }
        func skip(_ set: String) -> Bool {
            guard i < chars.count, set.unicodeScalars.contains(chars[i]) else { return false }
            i += 1
            return true
        }
        var local = LocalDateTime()
        guard let year = number(maxDigits: 4), year >= 1000, skip("-/."), let month = number(maxDigits: 2),
            skip("-/."), let day = number(maxDigits: 2)
        else { return nil }
        (local.year, local.month, local.day) = (year, month, day)
        while skip(" ") {}
        if skip("Tt") || (i < chars.count && isDigit(chars[i])) {
            while skip(" ") {}
            guard let hour = number(maxDigits: 2), skip(":"), let minute = number(maxDigits: 2) else { return nil }
            (local.hour, local.minute) = (hour, minute)
            if skip(":") {
                guard let second = number(maxDigits: 2) else { return nil }
                local.second = second
                if skip(".,") {
                    let start = i
                    guard let fraction = number(maxDigits: 9) else { return nil }
                    let digits = i - start
                    local.millisecond = Int(Double(fraction) / pow(10, Double(digits)) * 1000)
                    while i < chars.count, isDigit(chars[i]) { i += 1 }
                }
            }
        }
        while skip(" ") {}
        if i < chars.count {
            let rest = String(String.UnicodeScalarView(chars[i...]))
            guard case .value(let minutes) = offset(rest, at: local) else { return nil }
            local.offset = minutes
        }
        guard (1...12).contains(local.month), (1...31).contains(local.day), local.hour < 24, local.minute < 60,
            local.second < 60
        else { return nil }
        return local
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 48 && scalar.value <= 57 }

    /// Days since 1899-12-30 with the time of day as the fraction: how Excel stores a date.
    private static func excelSerial(_ serial: Double) -> LocalDateTime {
        let totalSeconds = Int((serial * 86_400).rounded())
        let days = totalSeconds / 86_400 - 25_569
        let (year, month, day) = EPCISDateTime.civil(fromDays: days)
        let seconds = totalSeconds % 86_400
        return LocalDateTime(
            year: year, month: month, day: day, hour: seconds / 3600, minute: seconds / 60 % 60, second: seconds % 60)
    }

    /// An offset in minutes: `Z`, `UTC`, `+08:00`, `+0800`, `+8`, `UTC+8`, `GMT+08:00`, or a zone name such as
    /// `Asia/Shanghai` (its offset on that date).
    static func offset(_ raw: String, at local: LocalDateTime) -> Outcome<Int> {
        var text = raw.trimmingCharacters(in: .whitespaces)
        let upper = text.uppercased()
        if ["Z", "UTC", "GMT", "UTC+0", "GMT+0"].contains(upper) { return .value(0) }
        if upper == "北京时间" || upper == "CST" { return .value(480) }
        for prefix in ["UTC", "GMT"] where upper.hasPrefix(prefix) { text = String(text.dropFirst(3)) }
        if let sign = text.first, sign == "+" || sign == "-" || sign == "−" {
            let body = text.dropFirst()
            var hours: Int?
            var minutes = 0
            let parts = body.split(separator: ":")
            if parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]) {
                (hours, minutes) = (h, m)
            } else if body.count == 4, let value = Int(body) {
                (hours, minutes) = (value / 100, value % 100)
            } else if body.count <= 2, let h = Int(body) {
                hours = h
            }
            if let hours, hours <= 14, minutes < 60 {
                return .value((sign == "+" ? 1 : -1) * (hours * 60 + minutes))
            }
            return .problem("'\(raw)' is not a time zone offset; write +08:00")
        }
        if let zone = TimeZone(identifier: text) {
            var components = DateComponents()
            (components.year, components.month, components.day) = (local.year, local.month, local.day)
            (components.hour, components.minute) = (local.hour, local.minute)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            guard let date = calendar.date(from: components) else { return .value(zone.secondsFromGMT() / 60) }
            return .value(zone.secondsFromGMT(for: date) / 60)
        }
        return .problem("'\(raw)' is not a time zone; write an offset such as +08:00 or a name such as Asia/Shanghai")
    }

    static func offsetString(_ minutes: Int) -> String {
        String(format: "%@%02d:%02d", minutes < 0 ? "-" : "+", abs(minutes) / 60, abs(minutes) % 60)
    }

    // MARK: Numbers and units

    /// A quantity greater than zero (`1200`, `1,200.5`, `35.5`).
    static func quantity(_ text: String) -> Outcome<Double> {
        let cleaned = text.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "，", with: "")
        guard let value = Double(cleaned), value.isFinite else { return .problem("'\(text)' is not a number") }
        guard value > 0 else { return .problem("must be greater than 0 (got \(text))") }
        return .value(value)
    }

    /// A number, zero allowed.
    static func number(_ text: String) -> Outcome<Double> {
        guard let value = Double(text.replacingOccurrences(of: ",", with: "")), value.isFinite else {
            return .problem("'\(text)' is not a number")
        }
        return .value(value)
    }

    /// A UN/CEFACT Recommendation 20 unit code (`KGM`, `TNE`, `LTR`, `H87`…), or a common word for one.
    static func unit(_ text: String) -> Outcome<String> {
        if let code = unitWords[text.lowercased()] { return .value(code) }
        let upper = text.uppercased()
        guard (2...3).contains(upper.count), upper.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) })
        else {
            return .problem(
                "'\(text)' is not a UN/CEFACT unit code; use KGM (kg), TNE (t), GRM (g), LTR (l), H87 (piece), "
                    + "CS (case)")
        }
        return .value(upper)
    }

    private static let unitWords: [String: String] = [
        "kg": "KGM", "公斤": "KGM", "千克": "KGM", "g": "GRM", "克": "GRM", "t": "TNE", "吨": "TNE",
        "l": "LTR", "升": "LTR", "ml": "MLT", "毫升": "MLT", "lb": "LBR", "磅": "LBR",
        "个": "H87", "件": "H87", "只": "H87", "头": "H87", "支": "H87", "瓶": "H87", "袋": "H87", "罐": "H87",
        "piece": "H87", "pcs": "H87", "pc": "H87", "each": "EA", "箱": "CS", "case": "CS", "盒": "BX", "box": "BX",
    ]

    // MARK: Identifiers

    /// A location: a 13-digit GLN (Digital Link `/414/`), or an SGLN as an EPC URN or Digital Link.
    static func location(_ text: String) -> Outcome<IdentifierURI> {
        gln(text, ai: "414", kind: .sgln, what: "location")
    }

    /// A party: a 13-digit GLN (Digital Link `/417/`), or a PGLN as an EPC URN or Digital Link.
    static func party(_ text: String) -> Outcome<IdentifierURI> {
        gln(text, ai: "417", kind: .pgln, what: "party")
    }

    private static func gln(_ text: String, ai: String, kind: EPCIdentifier.Kind, what: String) -> Outcome<
        IdentifierURI
    > {
        if text.allSatisfy(\.isNumber) {
            do {
                let key = try GS1Key(.gln, text)
                return .value(IdentifierURI("https://id.gs1.org/\(ai)/\(key.value)"))
            } catch {
                return .problem("'\(text)' is not a GLN: \(error.message)")
            }
        }
        if text.uppercased().contains("E+") {
            return .problem(
                "'\(text)' is a number the spreadsheet shortened; format the column as text and type the 13 digits")
        }
        do {
            guard let id = try EPCIdentifier.parse(text), id.kind == kind else {
                return .problem("'\(text)' is not a 13-digit GLN or an \(kind.rawValue.uppercased()) (\(what))")
            }
            return .value(IdentifierURI(text))
        } catch {
            return .problem("'\(text)' is not a valid \(what) identifier: \(error.message)")
        }
    }

    /// The lot's class: GTIN + lot as a Digital Link (`/01/{gtin}/10/{lot}`), or a whole LGTIN given in the lot
    /// column (EPC URN or Digital Link) with the GTIN column empty.
    static func lotClass(gtin gtinText: String, lot: String) -> Outcome<(uri: IdentifierURI, gtin: String, lot: String)>
    {
        if gtinText.isEmpty, lot.hasPrefix("urn:") || lot.hasPrefix("http") {
            do {
                guard let id = try EPCIdentifier.parse(lot), id.kind == .lgtin, let gtin = id.value(of: "01"),
                    let number = id.value(of: "10")
                else { return .problem("'\(lot)' is not an LGTIN (GTIN + lot)") }
                return .value((IdentifierURI(lot), gtin, number))
            } catch {
                return .problem("'\(lot)' is not a valid LGTIN: \(error.message)")
            }
        }
        guard !gtinText.isEmpty else { return .problem("needs the GTIN column, or a whole LGTIN in the lot column") }
        do {
            let gtin = try GTIN(gtinText)
            let lgtin = try LGTIN(gtin: gtin, lot: lot)
            return .value((IdentifierURI(lgtin.digitalLink()), gtin.value, lot))
        } catch {
            return .problem(error.message)
        }
    }

    /// A business transaction type: a CBV term (`desadv`, `po`…), a Chinese name for one, or a URI.
    static func documentType(_ text: String) -> Outcome<CBVValue> {
        let term = documentWords[text] ?? documentWords[text.lowercased()] ?? text
        guard let value = CBVValue(term, in: .bizTransactionType) else {
            return .problem("'\(text)' is not a document type; use desadv, po, inv, bol, recadv, prodorder, testres")
        }
        return .value(value)
    }

    private static let documentWords: [String: String] = [
        "发货单": "desadv", "送货单": "desadv", "发货通知": "desadv", "订单": "po", "采购单": "po", "发票": "inv",
        "提单": "bol", "运单": "bol", "收货单": "recadv", "生产单": "prodorder", "加工单": "prodorder",
        "检测报告": "testres", "检验报告": "testres", "证书": "cert", "invoice": "inv", "purchase order": "po",
        "bill of lading": "bol",
    ]

    /// A business transaction ID: a URI as given, else `urn:epcglobal:cbv:bt:{issuer GLN}:{number}` (CBV 2.0
    /// section 8.5, the form for a number without a GDTI).
    static func documentID(_ number: String, issuer: IdentifierURI) -> IdentifierURI {
        if number.hasPrefix("urn:") || number.hasPrefix("http://") || number.hasPrefix("https://") {
            return IdentifierURI(number)
        }
        let gln = (try? EPCIdentifier.parse(issuer.text)).flatMap { $0?.value(of: "414") ?? $0?.value(of: "417") }
        let allowed = CharacterSet(
            charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._()+,;=@!*'")
        let encoded = number.addingPercentEncoding(withAllowedCharacters: allowed) ?? number
        return IdentifierURI("urn:epcglobal:cbv:bt:\(gln ?? "0000000000000"):\(encoded)")
    }
}
