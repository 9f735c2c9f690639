/// The places of the nodes of one parsed document, as a tree of attribute path steps, shared by
/// every resource made from the document.
///
/// A parser that records where every node of a document is (YAML) builds one of these instead of
/// one `AttributePath` and one `SourceLocation` per node; `AttributeLocations` looks paths up in
/// it. Node 0 is the document's root; nodes are in document order.
public final class LocationTree: Sendable {
    /// One node: the step from its parent to it, the 1-based line and column where it starts,
    /// and its first child and next sibling (indices into the tree's nodes, -1 for none).
    public struct Node: Sendable {
        /// The map key or list index that leads from the parent to this node.
        public var segment: AttributePath.Segment
        /// Where the node starts (1-based).
        public var line: Int32
        public var column: Int32
        /// The node's first child and its own next sibling, or -1.
        public var firstChild: Int32
        public var nextSibling: Int32

        /// A node without children or later siblings yet.
        public init(segment: AttributePath.Segment, line: Int32, column: Int32) {
            self.segment = segment
            self.line = line
            self.column = column
            self.firstChild = -1
            self.nextSibling = -1
        }
    }

    /// The file the nodes are in, as in their `SourceLocation`s.
    public let file: String
    let nodes: [Node]

    /// A tree of these nodes, in document order (node 0 is the root, children follow their
    /// parent); the caller has linked each node to its first child and next sibling.
    public init(file: String, nodes: [Node]) {
        self.file = file
        self.nodes = nodes
    }

    /// The number of nodes.
    public var count: Int { nodes.count }

    /// Where node `index` starts.
    public func location(ofNode index: Int) -> SourceLocation {
        SourceLocation(path: file, line: Int(nodes[index].line), column: Int(nodes[index].column))
    }

    /// The node at `segments` below `root`, or nil. When several nodes have that path (keys that
    /// differ only in their tags), the last one in document order, as a dictionary filled in
    /// document order would keep.
    func node(at segments: [AttributePath.Segment], under root: Int) -> Int? {
        let (depth, node) = deepest(segments, under: root)
        return depth == segments.count ? node : nil
    }

    /// The longest prefix of `segments` that has a node below `root`: its length and node.
    func deepest(_ segments: [AttributePath.Segment], under root: Int) -> (depth: Int, node: Int) {
        var current = root
        for (depth, segment) in segments.enumerated() {
            var found = -1
            var child = Int(nodes[current].firstChild)
            while child >= 0 {
                if nodes[child].segment == segment {
                    if found >= 0 { return deepestAmongRepeats(segments, under: root) }
                    found = child
                }
                child = Int(nodes[child].nextSibling)
            }
            if found < 0 { return (depth, current) }
            current = found
        }
        return (segments.count, current)
    }

    /// `deepest` when sibling nodes repeat a step: follows every node with the path so far.
    private func deepestAmongRepeats(_ segments: [AttributePath.Segment], under root: Int) -> (depth: Int, node: Int) {
        var candidates = [root]
        for (depth, segment) in segments.enumerated() {
            var next: [Int] = []
            for candidate in candidates {
                var child = Int(nodes[candidate].firstChild)
                while child >= 0 {
                    if nodes[child].segment == segment { next.append(child) }
                    child = Int(nodes[child].nextSibling)
                }
            }
            if next.isEmpty { return (depth, candidates.max() ?? root) }
            candidates = next
        }
        return (segments.count, candidates.max() ?? root)
    }

    /// The only node at `segments` below `root`; nil when there is none, and `repeated` when
    /// a step on the way names several sibling nodes.
    func uniqueNode(at segments: [AttributePath.Segment], under root: Int) -> (node: Int?, repeated: Bool) {
        var current = root
        for segment in segments {
            var found = -1
            var child = Int(nodes[current].firstChild)
            while child >= 0 {
                if nodes[child].segment == segment {
                    if found >= 0 { return (nil, true) }
                    found = child
                }
                child = Int(nodes[child].nextSibling)
            }
            if found < 0 { return (nil, false) }
            current = found
        }
        return (current, false)
    }

    /// Every node of the subtree at `root` with its path relative to `root`, in document order.
    public func entries(under root: Int) -> [(path: AttributePath, location: SourceLocation)] {
        var out: [(path: AttributePath, location: SourceLocation)] = []
        func visit(_ node: Int, _ segments: inout [AttributePath.Segment]) {
            out.append((AttributePath(segments), location(ofNode: node)))
            var child = Int(nodes[node].firstChild)
            while child >= 0 {
                segments.append(nodes[child].segment)
                visit(child, &segments)
                segments.removeLast()
                child = Int(nodes[child].nextSibling)
            }
        }
        var segments: [AttributePath.Segment] = []
        visit(root, &segments)
        return out
    }
}
