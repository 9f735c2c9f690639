/// A place in an input file; lines and columns are 1-based, columns count Unicode scalars.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The file as the user named it (relative to the working directory where possible).
    public var path: String
    public var line: Int
    public var column: Int
    /// Where the located text ends, when known (inclusive line, exclusive column).
    public var endLine: Int?
    public var endColumn: Int?

    /// A location; `line` and `column` below 1 are raised to 1, since every finding needs a line.
    public init(path: String, line: Int, column: Int = 1, endLine: Int? = nil, endColumn: Int? = nil) {
        self.path = path
        self.line = max(1, line)
        self.column = max(1, column)
        self.endLine = endLine
        self.endColumn = endColumn
    }

    /// `path:line:column`, as compilers print it.
    public var description: String { "\(path):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.path, a.line, a.column) < (b.path, b.line, b.column)
    }
}
