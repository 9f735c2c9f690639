import Graph

/// One node of a YAML document, with the place it starts.
///
/// Aliases are resolved when loading (a node reached through `*ref` is a copy of the anchored
/// node, sharing storage), and merge keys (`<<`) are applied, so consumers see plain trees.
public struct YAMLNode: Sendable, Hashable {
    /// How a scalar was written; only plain scalars are resolved to non-string types.
    public enum ScalarStyle: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// What a node holds.
    public indirect enum Content: Sendable, Hashable {
        case scalar(String, ScalarStyle, tag: String?)
        case sequence([YAMLNode])
        case mapping([Pair])
    }

    /// One key/value entry of a mapping, in document order.
    public struct Pair: Sendable, Hashable {
        public var key: YAMLNode
        public var value: YAMLNode
        /// A pair.
        public init(key: YAMLNode, value: YAMLNode) {
            self.key = key
            self.value = value
        }
    }

    public var content: Content
    /// 1-based line and column where the node starts.
    public var line: Int
    public var column: Int
    /// The explicit tag (`!!str`, `!custom`) of a collection, when one was given.
    public var tag: String?

    /// A node.
    public init(_ content: Content, line: Int, column: Int, tag: String? = nil) {
        self.content = content
        self.line = line
        self.column = column
        self.tag = tag
    }

    /// The scalar's text, when this is a scalar.
    public var scalar: String? {
        if case .scalar(let s, _, _) = content { return s }
        return nil
    }

    /// The value for a string key of a mapping (the last one, if repeated), or nil.
    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let pairs) = content else { return nil }
        return pairs.last { $0.key.scalar == key }?.value
    }
}

/// One document of a YAML stream.
public struct YAMLDocument: Sendable {
    /// The document's root node; nil for an empty document (`---` alone, or only comments).
    public var root: YAMLNode?
    /// 1-based line where the document starts.
    public var line: Int
    /// `root?.locatedCount` (or a little more, with merge keys), when the loader counted it.
    public var locatedCount: Int?

    /// A document.
    public init(root: YAMLNode?, line: Int, locatedCount: Int? = nil) {
        self.root = root
        self.line = line
        self.locatedCount = locatedCount
    }
}

/// Bounds that keep hostile YAML (alias bombs, deep nesting) from exhausting the machine.
public struct YAMLLimits: Sendable {
    /// The deepest nesting of sequences and mappings accepted.
    public var maxDepth: Int = 256
    /// The most nodes a file may expand to once aliases are resolved ("billion laughs").
    public var maxNodes: Int = 2_000_000
    /// The default limits.
    public init() {}
}
