public import Foundation
import Mustache

/// Renders pages from the bundled Mustache templates and message catalogs, which it reads once.
///
/// A template sees its model's properties by name and the catalog of the model's language as `t`
/// (`{{t.consumer.banner.recalled}}`); values are HTML-escaped unless a template asks for `{{{raw}}}`.
public struct PageRenderer: Sendable {
    private let library: MustacheLibrary
    private let chinese: MessageCatalog
    private let english: MessageCatalog

    /// The renderer of the templates and catalogs bundled with this module, read on first use.
    ///
    /// They are part of the build, so a failure to read them is a defect of the build, not of a request; the Web
    /// tests read and render every template in every language.
    public static let shared: PageRenderer = {
        do {
            return try PageRenderer(bundle: .module)
        } catch {
            preconditionFailure("the bundled page templates or catalogs do not load: \(error)")
        }
    }()

    /// Reads the templates (`Templates/*.mustache`) and catalogs (`Catalogs/<language>.json`) of a bundle.
    /// - Parameter bundle: the bundle holding them.
    /// - Throws: ``CatalogError`` naming a file that is missing or does not parse.
    public init(bundle: Bundle) throws {
        guard let resources = bundle.resourceURL else { throw CatalogError("the bundle has no resources") }
        try self.init(
            templates: resources.appendingPathComponent("Templates"),
            catalogs: resources.appendingPathComponent("Catalogs"))
    }

    /// Reads templates and catalogs from two folders.
    /// - Parameters:
    ///   - templates: a folder of `*.mustache` files; each is registered under its name without the extension.
    ///   - catalogs: a folder with one `<language>.json` per ``PageLanguage``, and `<area>.<language>.json` files
    ///     for areas of the pages (the console, the portal) kept apart.
    public init(templates: URL, catalogs: URL) throws {
        var library = MustacheLibrary()
        let files = try FileManager.default.contentsOfDirectory(atPath: templates.path)
        for file in files.sorted() where file.hasSuffix(".mustache") {
            let text = try String(contentsOf: templates.appendingPathComponent(file), encoding: .utf8)
            do {
                try library.register(text, named: String(file.dropLast(".mustache".count)))
            } catch {
                throw CatalogError("template \(file) does not parse: \(error)")
            }
        }
        self.library = library
        let catalogFiles = try FileManager.default.contentsOfDirectory(atPath: catalogs.path).sorted()
        func read(_ language: PageLanguage) throws -> MessageCatalog {
            let main = "\(language.rawValue).json"
            let names = catalogFiles.filter { $0 == main || $0.hasSuffix(".\(main)") }
            guard names.contains(main) else {
                throw CatalogError("the catalog \(main) is missing")
            }
            let parts = try names.map { ($0, try Data(contentsOf: catalogs.appendingPathComponent($0))) }
            return try MessageCatalog(parts: parts, language: language)
        }
        chinese = try read(.zhCN)
        english = try read(.en)
    }

    /// The catalog of a language.
    /// - Parameter language: the language.
    public func catalog(_ language: PageLanguage) -> MessageCatalog {
        switch language {
        case .zhCN: chinese
        case .en: english
        }
    }

    /// Renders a page.
    /// - Parameter model: the page's view model.
    /// - Returns: the HTML.
    public func render<Model: PageModel>(_ model: Model) -> String {
        render(Model.template, model, language: model.language)
    }

    /// Renders one template with a model and a language's catalog.
    /// - Parameters:
    ///   - template: the template's name.
    ///   - model: the values it shows.
    ///   - language: the catalog's language.
    /// - Returns: the text; empty when there is no such template.
    public func render(_ template: String, _ model: Any, language: PageLanguage) -> String {
        let scope = Scope(model: model, catalog: CatalogNode(nodes: catalog(language).root))
        return library.render(scope, withTemplate: template) ?? ""
    }
}

/// The top of a template's context: the model's properties, and the catalog as `t`. The model is reflected once per
/// render, all the way down (``Reflection/wrap(_:)``): the engine then finds every name, inside sections too, by a
/// dictionary look-up, where it would otherwise reflect the value in hand again for each tag (and, for a name of an
/// outer context such as `t` inside a list, each value of the stack in turn).
private struct Scope: MustacheParent {
    let properties: [String: Any]
    let catalog: CatalogNode

    init(model: Any, catalog: CatalogNode) {
        properties = Reflection.properties(of: Mirror(reflecting: model))
        self.catalog = catalog
    }

    func child(named name: String) -> Any? {
        if name == "t" { return catalog }
        return properties[name]
    }
}

/// A group of catalog messages as templates see it.
private struct CatalogNode: MustacheParent {
    let nodes: [String: MessageCatalog.Node]

    func child(named name: String) -> Any? {
        switch nodes[name] {
        case .text(let text)?: text
        case .group(let group)?: CatalogNode(nodes: group)
        case nil: nil
        }
    }
}

/// A model value as templates see it: structs and classes as their properties by name (``Object``), arrays as arrays
/// of such values, and an absent optional as no value at all (so that `{{#x}}` skips it and the engine looks for
/// the name further out, as it does for a value it reflects itself). Text, numbers, flags and anything that
/// describes itself (a date, an identifier) stay as they are and render as before.
private enum Reflection {
    /// A struct or class seen through its properties.
    struct Object: MustacheParent {
        let properties: [String: Any]
        func child(named name: String) -> Any? { properties[name] }
    }

    static func wrap(_ value: Any) -> Any? {
        switch value {
        case is String, is Bool, is Int, is Double, is any MustacheParent, is any CustomStringConvertible: return value
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional?:
            guard let wrapped = mirror.children.first?.value else { return nil }
            return wrap(wrapped)
        case .collection?:
            return mirror.children.compactMap { wrap($0.value) }
        case .struct?, .class?:
            return Object(properties: properties(of: mirror))
        default:
            return value
        }
    }

    /// The labelled children of a mirror, each wrapped; the first of a label wins, absent optionals are left out.
    static func properties(of mirror: Mirror) -> [String: Any] {
        var properties: [String: Any] = [:]
        for child in mirror.children {
            guard let label = child.label, properties[label] == nil, let value = wrap(child.value) else { continue }
            properties[label] = value
        }
        return properties
    }
}
