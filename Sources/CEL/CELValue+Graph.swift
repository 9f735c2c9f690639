import Graph

extension CELValue {
    /// Wraps a graph value in O(1): lists and maps stay backed by the graph data and convert
    /// their members on access. `Graph.Value.unknown` becomes a CEL unknown whose trail is the
    /// path by which it was reached (rooted at the variable name it is bound to).
    public init(_ value: Graph.Value) { self.init(graph: value, trail: nil) }

    init(graph value: Graph.Value, trail: CELTrail?) {
        switch value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .double(let d): self = .double(d)
        case .string(let s): self = .string(s)
        case .list(let l): self = .list(CELList(graph: l, trail: trail))
        case .map(let m): self = .map(CELMap(graph: m, trail: trail))
        case .unknown: self = .unknown(CELUnknown(trail.map { [$0.path] } ?? []))
        }
    }

    /// Converts a member of a graph container, creating its trail only when the member needs
    /// one (containers and unknowns), so scalar selection allocates nothing.
    init(graph value: Graph.Value, parent: CELTrail?, key: String) {
        switch value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .double(let d): self = .double(d)
        case .string(let s): self = .string(s)
        default: self.init(graph: value, trail: CELTrail.child(parent, key))
        }
    }

    init(graph value: Graph.Value, parent: CELTrail?, index: Int) {
        switch value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .double(let d): self = .double(d)
        case .string(let s): self = .string(s)
        default: self.init(graph: value, trail: CELTrail.child(parent, index: index))
        }
    }

    /// The value with graph-backed data rooted at a variable name (for unknown trails).
    func rooted(at name: String) -> CELValue {
        switch self {
        case .list(let l):
            if case .graph(_, nil) = l.storage { return .list(l.withTrail(CELTrail(root: name))) }
        case .map(let m):
            if case .graph(_, nil) = m.storage { return .map(m.withTrail(CELTrail(root: name))) }
        case .unknown(let u) where u.attributes.isEmpty:
            return .unknown(CELUnknown([name]))
        default: break
        }
        return self
    }

    /// The value as a graph value, for message templates and JSON output: uints become ints
    /// (doubles when too large), timestamps and durations their string forms, types their names,
    /// `optional.of(x)` is `x` and `optional.none()` is `null`; nil for bytes.
    public var graphValue: Graph.Value? {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .uint(let u): return u <= UInt64(Int64.max) ? .int(Int64(u)) : .double(Double(u))
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .bytes: return nil
        case .list(let l):
            if case .graph(let g, _) = l.storage { return .list(g) }
            var out: [Graph.Value] = []
            for v in l {
                guard let g = v.graphValue else { return nil }
                out.append(g)
            }
            return .list(out)
        case .map(let m):
            if case .graph(let g, _) = m.storage { return .map(g) }
            var out: [String: Graph.Value] = [:]
            for (k, v) in m.entries {
                guard let g = v.graphValue else { return nil }
                switch k {
                case .string(let s): out[s] = g
                default: out[k.description] = g
                }
            }
            return .map(out)
        case .timestamp(let t): return .string(t.text)
        case .duration(let d): return .string(d.text)
        case .type(let t): return .string(t.name)
        case .optional(let v): return v.map { $0.graphValue } ?? .null
        case .opaque(let o): return .string(o.value.text)
        case .unknown: return .unknown
        }
    }
}
