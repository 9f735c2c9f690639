/// Where the values of a resource's attributes are, by attribute path: a dictionary, optionally
/// over a subtree of a parsed document's `LocationTree`.
///
/// It reads like `[AttributePath: SourceLocation]`; entries set through the subscript win over
/// the tree's. A resource made from a whole YAML document shares the document's tree instead of
/// holding one dictionary entry per node. Equality compares the paths and locations held, however
/// they are stored.
public struct AttributeLocations: Sendable, Hashable {
    /// Entries set one by one; they win over the tree's.
    private var explicit: [AttributePath: SourceLocation]
    /// The tree whose node `root` is the empty path, when there is one.
    private var tree: LocationTree?
    private var root: Int

    /// No locations.
    public init() {
        explicit = [:]
        tree = nil
        root = 0
    }

    /// The locations of a dictionary.
    public init(_ dictionary: [AttributePath: SourceLocation]) {
        explicit = dictionary
        tree = nil
        root = 0
    }

    /// The locations of the nodes of `tree` below node `root` (which is at the empty path).
    public init(tree: LocationTree, root: Int = 0) {
        explicit = [:]
        self.tree = tree.count == 0 ? nil : tree
        self.root = root
    }

    /// The location recorded for exactly `path`, or nil.
    public subscript(path: AttributePath) -> SourceLocation? {
        get {
            if !explicit.isEmpty, let found = explicit[path] { return found }
            guard let tree, let node = tree.node(at: path.segments, under: root) else { return nil }
            return tree.location(ofNode: node)
        }
        set {
            if let newValue {
                explicit[path] = newValue
            } else if tree != nil && self[path] != nil {
                // A removal hides a tree entry: keep everything else as plain entries.
                var all = dictionary
                all[path] = nil
                self = AttributeLocations(all)
            } else {
                explicit[path] = nil
            }
        }
    }

    /// The location of `path`, or of its nearest ancestor that has one; nil when none has.
    public func nearest(_ path: AttributePath) -> SourceLocation? {
        var treeDepth = -1
        var treeNode = 0
        if let tree {
            (treeDepth, treeNode) = tree.deepest(path.segments, under: root)
        }
        if !explicit.isEmpty {
            var current: AttributePath? = path
            while let p = current, p.segments.count >= treeDepth {
                if let found = explicit[p] { return found }
                current = p.parent
            }
        }
        if let tree, treeDepth >= 0 { return tree.location(ofNode: treeNode) }
        return nil
    }

    /// Makes room for `minimumCapacity` entries set through the subscript.
    public mutating func reserveCapacity(_ minimumCapacity: Int) { explicit.reserveCapacity(minimumCapacity) }

    /// The number of paths with a location (counting a tree's nodes takes a walk over them).
    public var count: Int { tree == nil ? explicit.count : dictionary.count }

    /// True when no path has a location.
    public var isEmpty: Bool { tree == nil && explicit.isEmpty }

    /// Every path and its location, as one dictionary.
    public var dictionary: [AttributePath: SourceLocation] {
        guard let tree else { return explicit }
        let entries = tree.entries(under: root)
        var out = [AttributePath: SourceLocation](minimumCapacity: entries.count + explicit.count)
        for (path, location) in entries { out[path] = location }
        for (path, location) in explicit { out[path] = location }
        return out
    }

    /// The locations below `prefix`, with `prefix` removed from their paths (the location of
    /// `prefix` itself becomes the empty path's).
    public func subtree(at prefix: AttributePath) -> AttributeLocations {
        let n = prefix.segments.count
        if let tree {
            let (node, repeated) = tree.uniqueNode(at: prefix.segments, under: root)
            if !repeated {
                var out = node.map { AttributeLocations(tree: tree, root: $0) } ?? AttributeLocations()
                for (path, location) in explicit where path.segments.count >= n && path.hasPrefix(prefix) {
                    out.explicit[AttributePath(Array(path.segments[n...]))] = location
                }
                return out
            }
        }
        var out: [AttributePath: SourceLocation] = [:]
        for (path, location) in dictionary where path.segments.count >= n && path.hasPrefix(prefix) {
            out[AttributePath(Array(path.segments[n...]))] = location
        }
        return AttributeLocations(out)
    }

    /// True when both hold the same paths with the same locations.
    public static func == (a: AttributeLocations, b: AttributeLocations) -> Bool {
        if a.tree === b.tree && a.root == b.root && a.explicit == b.explicit { return true }
        return a.dictionary == b.dictionary
    }

    /// Combines nothing: equal locations can be stored differently, and resources are told
    /// apart by their other fields.
    public func hash(into hasher: inout Hasher) {}
}
