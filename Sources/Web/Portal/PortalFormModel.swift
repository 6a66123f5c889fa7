/// One of the portal's forms (template `portal-form`): its fields pre-filled from what the platform knows, the
/// problems of the last try each named by its field, and, once the form is valid, a preview of the EPCIS event it
/// will write with a button that saves it.
public struct PortalFormModel: PageModel {
    public static let template = "portal-form"

    /// One field of a form.
    public struct Field: Sendable, Hashable {
        /// One choice of a select.
        public struct Option: Sendable, Hashable {
            /// The value posted.
            public var value: String
            /// What the reader sees.
            public var label: String
            /// Whether it is chosen.
            public var selected: Bool

            /// Makes a choice.
            public init(value: String, label: String, selected: Bool = false) {
                self.value = value
                self.label = label
                self.selected = selected
            }
        }

        /// The kind of input.
        public enum Kind: String, Sendable, Hashable {
            case text, number, date, select, hidden
        }

        /// The posted name (also the element ID, `field-<name>`).
        public var name: String
        /// The label, in the page's language.
        public var label: String
        /// The value shown.
        public var value: String
        /// A hint under the field (what is on hand, the unit…).
        public var hint: String?
        /// What is wrong with it, when the last try was refused.
        public var error: String?
        /// Choices of a select.
        public var options: [Option]
        /// Whether it must be filled.
        public var required: Bool
        let isText: Bool
        let isNumber: Bool
        let isDate: Bool
        let isSelect: Bool
        let isHidden: Bool

        /// Makes a field.
        public init(
            _ name: String, kind: Kind, label: String, value: String = "", hint: String? = nil,
            options: [Option] = [], required: Bool = false
        ) {
            self.name = name
            self.label = label
            self.value = value
            self.hint = hint
            self.options = options.map { Option(value: $0.value, label: $0.label, selected: $0.value == value) }
            self.required = required
            isText = kind == .text
            isNumber = kind == .number
            isDate = kind == .date
            isSelect = kind == .select
            isHidden = kind == .hidden
        }
    }

    /// A problem of the last try: the field's label and what is wrong.
    public struct Problem: Sendable, Hashable {
        /// The field's posted name (links to it).
        public var field: String
        /// The field's label.
        public var label: String
        /// What is wrong, in words.
        public var message: String

        /// Makes a problem.
        public init(field: String, label: String, message: String) {
            self.field = field
            self.label = label
            self.message = message
        }
    }

    /// A value posted again when the preview is saved.
    public struct Hidden: Sendable, Hashable {
        /// The name.
        public var name: String
        /// The value.
        public var value: String

        /// Makes one.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The event the form will write, shown before it is saved.
    public struct Preview: Sendable, Hashable {
        /// What it records, in words, line by line (the mass balance of processing among them).
        public var summary: [String]
        /// The EPCIS 2.0 JSON-LD event as it will be captured.
        public var json: String
        /// The form's values, posted again with `step=save`.
        public var hidden: [Hidden]

        /// Makes a preview.
        public init(summary: [String], json: String, hidden: [Hidden]) {
            self.summary = summary
            self.json = json
            self.hidden = hidden
        }
    }

    public let language: PageLanguage
    let frame: PortalFrame
    let heading: String
    let intro: String
    let action: String
    let fields: [Field]
    let problems: [Problem]
    let preview: Preview?
    let hasProblems: Bool

    /// Makes a form page.
    /// - Parameters:
    ///   - language: the reader's language.
    ///   - party: the party's name.
    ///   - heading: the form's title.
    ///   - intro: one line on what it records.
    ///   - action: where it posts.
    ///   - fields: its fields, filled.
    ///   - problems: what was wrong with the last try.
    ///   - preview: the event to save, once the form is valid.
    ///   - current: the navigation section.
    ///   - renderer: the catalogs.
    public init(
        language: PageLanguage, party: String, heading: String, intro: String, action: String, fields: [Field],
        problems: [Problem] = [], preview: Preview? = nil, current: String = "record", renderer: PageRenderer = .shared
    ) {
        self.language = language
        frame = PortalFrame(language: language, title: heading, party: party, current: current, renderer: renderer)
        self.heading = heading
        self.intro = intro
        self.action = action
        let wrong = Dictionary(problems.map { ($0.field, $0.message) }, uniquingKeysWith: { first, _ in first })
        self.fields = fields.map { field in
            var field = field
            field.error = wrong[field.name]
            return field
        }
        self.problems = problems
        self.preview = preview
        hasProblems = !problems.isEmpty
    }
}
