/// A typed connection between two resources of a graph.
public struct Edge: Sendable, Hashable {
    /// What a connection means.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// `from` names `to` in an expression (a trail's `kms_key_id` → the key).
        case references
        /// `from` selects `to` by labels or hosts (a PeerAuthentication → a workload).
        case selects
        /// `from` encloses `to` (an nginx server → its locations, a namespace → its objects).
        case contains
        /// `from` pulled `to`'s file in (an nginx `include`).
        case includes
    }

    /// Index of the source resource in `ResourceGraph.resources`.
    public var from: Int
    /// Index of the target resource in `ResourceGraph.resources`.
    public var to: Int
    public var kind: Kind
    /// Which attribute made the connection (`kms_key_id`), when one did.
    public var label: String?

    /// An edge between two resources of a graph, by index.
    public init(from: Int, to: Int, kind: Kind, label: String? = nil) {
        self.from = from
        self.to = to
        self.kind = kind
        self.label = label
    }

    /// Hashes the ends and the kind, not the label: two edges between the same resources with
    /// the same kind rarely differ in it, and the graph hashes every edge it adds.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(from)
        hasher.combine(to)
        hasher.combine(kind)
    }
}

/// An edge a parser found, between resources of one file, named by resource id.
public struct LocalEdge: Sendable, Hashable {
    public var from: String
    public var to: String
    public var kind: Edge.Kind
    public var label: String?

    /// An edge between two resources of the same parsed file.
    public init(from: String, to: String, kind: Edge.Kind, label: String? = nil) {
        self.from = from
        self.to = to
        self.kind = kind
        self.label = label
    }
}
