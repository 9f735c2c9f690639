import Graph

/// A CEL list: either CEL values, or a graph list converted element by element on access.
public struct CELList: Sendable, RandomAccessCollection {
    enum Storage: Sendable {
        case values([CELValue])
        case graph([Graph.Value], CELTrail?)
    }

    var storage: Storage

    /// A list of these values.
    public init(_ values: [CELValue]) { storage = .values(values) }

    init(graph: [Graph.Value], trail: CELTrail?) { storage = .graph(graph, trail) }

    /// 0.
    public var startIndex: Int { 0 }

    /// The number of elements.
    public var endIndex: Int {
        switch storage {
        case .values(let v): return v.count
        case .graph(let g, _): return g.count
        }
    }

    /// The element at `index` (which must be in range).
    public subscript(index: Int) -> CELValue {
        switch storage {
        case .values(let v): return v[index]
        case .graph(let g, let trail): return CELValue(graph: g[index], parent: trail, index: index)
        }
    }

    /// The elements as an array of CEL values.
    public var values: [CELValue] {
        switch storage {
        case .values(let v): return v
        case .graph: return Array(self)
        }
    }

    func withTrail(_ trail: CELTrail) -> CELList {
        if case .graph(let g, nil) = storage { return CELList(graph: g, trail: trail) }
        return self
    }
}
