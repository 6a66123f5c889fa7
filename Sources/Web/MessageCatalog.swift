public import Foundation

/// The texts of the pages in one language, read from `Catalogs/<language>.json` and `Catalogs/<area>.<language>.json`: nested groups of messages, each
/// named by its dotted path (`consumer.banner.recalled`). A message may hold `{name}` placeholders that
/// ``format(_:_:)`` fills. Templates read messages as `{{t.consumer.banner.recalled}}`.
public struct MessageCatalog: Sendable {
    indirect enum Node: Sendable {
        case text(String)
        case group([String: Node])
    }

    /// The catalog's language.
    public let language: PageLanguage
    let root: [String: Node]

    /// Reads a catalog.
    /// - Parameters:
    ///   - json: the catalog: a JSON object of strings and nested objects.
    ///   - language: its language.
    /// - Throws: ``CatalogError`` when it is not such an object.
    public init(json: Data, language: PageLanguage) throws {
        try self.init(parts: [("\(language.rawValue).json", json)], language: language)
    }

    /// Reads a catalog kept in several files (`zh-CN.json`, `console.zh-CN.json`, …), one area of the pages each:
    /// their top-level groups together make the catalog, and no two files may define the same group.
    /// - Parameters:
    ///   - parts: each file's name (for errors) and its JSON object.
    ///   - language: their language.
    /// - Throws: ``CatalogError`` naming the file that is not a JSON object or that repeats a group.
    public init(parts: [(name: String, json: Data)], language: PageLanguage) throws {
        self.language = language
        var root: [String: Node] = [:]
        for part in parts {
            guard let object = try JSONSerialization.jsonObject(with: part.json) as? [String: Any] else {
                throw CatalogError("the catalog \(part.name) is not a JSON object")
            }
            for (name, node) in try Self.group(object, path: part.name) {
                guard root[name] == nil else {
                    throw CatalogError("\(part.name): the group \(name) is defined in another catalog file too")
                }
                root[name] = node
            }
        }
        self.root = root
    }

    private static func group(_ object: [String: Any], path: String) throws -> [String: Node] {
        var nodes: [String: Node] = [:]
        for (name, value) in object {
            guard !name.contains(".") else { throw CatalogError("\(path): a message name may not hold '.': \(name)") }
            if let text = value as? String {
                nodes[name] = .text(text)
            } else if let nested = value as? [String: Any] {
                nodes[name] = .group(try group(nested, path: "\(path).\(name)"))
            } else {
                throw CatalogError("\(path).\(name): a message is a string or an object of messages")
            }
        }
        return nodes
    }

    /// The message at a dotted path, nil when there is none.
    /// - Parameter path: e.g. `bizStep.shipping`.
    public func message(_ path: String) -> String? {
        var nodes = root
        let names = path.split(separator: ".").map(String.init)
        for (index, name) in names.enumerated() {
            switch nodes[name] {
            case .text(let text)? where index == names.count - 1: return text
            case .group(let group)?: nodes = group
            default: return nil
            }
        }
        return nil
    }

    /// The message at a dotted path; the path itself when there is none (a test checks that none is missing).
    /// - Parameter path: e.g. `consumer.facts.gtin`.
    public func text(_ path: String) -> String { message(path) ?? path }

    /// A message with its `{name}` placeholders filled (values are plain text; templates escape them), in one pass
    /// over the message: a value is never searched for placeholders itself, and a `{…}` that names no value stays
    /// as it is. (Every scan line and every date on a page comes through here.)
    /// - Parameters:
    ///   - path: the message's path.
    ///   - values: the placeholders' values by name.
    /// - Returns: the text.
    public func format(_ path: String, _ values: [String: String]) -> String {
        Self.fill(text(path), values)
    }

    /// `message` with its `{name}` placeholders filled from `values`.
    static func fill(_ message: String, _ values: [String: String]) -> String {
        let bytes = message.utf8
        guard bytes.contains(UInt8(ascii: "{")) else { return message }
        var result = ""
        result.reserveCapacity(bytes.count + 16)
        var copied = bytes.startIndex
        var index = copied
        while let open = bytes[index...].firstIndex(of: UInt8(ascii: "{")) {
            guard let close = bytes[bytes.index(after: open)...].firstIndex(of: UInt8(ascii: "}")) else { break }
            let name = String(message[bytes.index(after: open)..<close])
            if let value = values[name] {
                result += message[copied..<open]
                result += value
                copied = bytes.index(after: close)
                index = copied
            } else {
                index = bytes.index(after: open)
            }
        }
        result += message[copied...]
        return result
    }

    /// Every message's dotted path, sorted (for tests that compare catalogs).
    public var paths: [String] {
        func walk(_ nodes: [String: Node], _ prefix: String) -> [String] {
            nodes.flatMap { name, node -> [String] in
                switch node {
                case .text: [prefix + name]
                case .group(let group): walk(group, prefix + name + ".")
                }
            }
        }
        return walk(root, "").sorted()
    }
}

/// Why a catalog or a template could not be read.
public struct CatalogError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
