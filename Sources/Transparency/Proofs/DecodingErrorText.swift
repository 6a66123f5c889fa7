/// A one-line account of a `DecodingError` that names the JSON field, e.g. `auditPath[2]: expected 64 hex digits`.
enum DecodingErrorText {
    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context):
            "\(path(context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            "\(path(context.codingPath + [key])): missing"
        case .typeMismatch(let type, let context):
            "\(path(context.codingPath)): expected a value of type \(type)"
        case .valueNotFound(let type, let context):
            "\(path(context.codingPath)): expected a value of type \(type), found null"
        @unknown default:
            "\(error)"
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        guard !codingPath.isEmpty else { return "document" }
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }
}
