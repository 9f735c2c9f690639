import Graph

/// One nginx directive as written: its name, arguments, optional block, and where it is.
///
/// After include expansion a block may hold directives from several files; each keeps the
/// location of the file it was written in.
public struct Directive: Sendable, Hashable {
    /// One argument of a directive, with quotes removed and escapes resolved.
    public struct Argument: Sendable, Hashable {
        /// The argument's text.
        public var text: String
        /// True when it was written in single or double quotes.
        public var quoted: Bool
        /// Where the argument starts.
        public var location: SourceLocation

        /// An argument.
        public init(text: String, quoted: Bool = false, location: SourceLocation) {
            self.text = text
            self.quoted = quoted
            self.location = location
        }
    }

    /// The directive's name (`server`, `ssl_protocols`).
    public var name: String
    /// The arguments after the name.
    public var arguments: [Argument]
    /// The directives of its block, or nil for a simple directive ending in `;`.
    public var block: [Directive]?
    /// The raw body of a `*_by_lua_block`, without the outer braces.
    public var rawBody: String?
    /// Where the name starts; `endLine` is the line of the closing `;` or `}`.
    public var location: SourceLocation
    /// The `include` directives (outermost first) through which this directive was reached.
    public var includedVia: [SourceLocation]

    /// A directive.
    public init(
        name: String, arguments: [Argument] = [], block: [Directive]? = nil, rawBody: String? = nil,
        location: SourceLocation, includedVia: [SourceLocation] = []
    ) {
        self.name = name
        self.arguments = arguments
        self.block = block
        self.rawBody = rawBody
        self.location = location
        self.includedVia = includedVia
    }

    /// The arguments' texts.
    public var args: [String] { arguments.map(\.text) }

    /// The directives named `name` in this directive's block.
    public func children(_ name: String) -> [Directive] {
        (block ?? []).filter { $0.name == name }
    }
}

extension Directive {
    /// The text of argument `i`, or nil; unlike `args`, builds no array.
    func argument(_ i: Int) -> String? { i < arguments.count ? arguments[i].text : nil }
}
