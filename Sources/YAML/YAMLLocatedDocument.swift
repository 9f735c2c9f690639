import Graph

/// One document of a YAML stream read straight into a `Value`, with the place of every node.
///
/// `tree` (and `locations`, listing it) holds what `YAMLNode.value(path:file:locations:)`
/// records for the root: the root itself at the empty path, every sequence item at its index and every mapping entry at
/// its key (the key's own place), in document order.
public struct YAMLLocatedDocument: Sendable {
    /// The document's value; nil for an empty document (`---` alone, or only comments).
    public var value: Value?
    /// 1-based line where the document starts.
    public var line: Int
    /// 1-based line and column where the root node starts.
    public var rootLine: Int
    public var rootColumn: Int
    /// Where the root (node 0) and every node below it are.
    public var tree: LocationTree

    /// A document.
    public init(value: Value?, line: Int, rootLine: Int, rootColumn: Int, tree: LocationTree) {
        self.value = value
        self.line = line
        self.rootLine = rootLine
        self.rootColumn = rootColumn
        self.tree = tree
    }

    /// Attribute paths below the root and where their nodes are, in document order.
    public var locations: [(path: AttributePath, location: SourceLocation)] {
        tree.count == 0 ? [] : tree.entries(under: 0)
    }
}
