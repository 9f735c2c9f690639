import Graph

/// A CEL map: either CEL entries in insertion order, or a graph map converted on access.
public struct CELMap: Sendable {
    enum Storage: Sendable {
        case values(keys: [CELMapKey], entries: [CELMapKey: CELValue])
        case graph([String: Graph.Value], CELTrail?)
    }

    var storage: Storage

    /// A map of these entries; later duplicates replace earlier ones.
    public init(_ entries: [(CELMapKey, CELValue)]) {
        var keys: [CELMapKey] = []
        var dict: [CELMapKey: CELValue] = [:]
        for (k, v) in entries {
            if dict.updateValue(v, forKey: k) == nil { keys.append(k) }
        }
        storage = .values(keys: keys, entries: dict)
    }

    init(keys: [CELMapKey], entries: [CELMapKey: CELValue]) { storage = .values(keys: keys, entries: entries) }

    init(graph: [String: Graph.Value], trail: CELTrail?) { storage = .graph(graph, trail) }

    /// The number of entries.
    public var count: Int {
        switch storage {
        case .values(_, let e): return e.count
        case .graph(let g, _): return g.count
        }
    }

    /// The keys: insertion order for CEL maps, sorted for graph maps.
    public var keys: [CELMapKey] {
        switch storage {
        case .values(let k, _): return k
        case .graph(let g, _): return g.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { .string($0) }
        }
    }

    /// The value stored under exactly this key.
    public subscript(key: CELMapKey) -> CELValue? {
        switch storage {
        case .values(_, let e): return e[key]
        case .graph(let g, let trail):
            guard case .string(let s) = key, let v = g[s] else { return nil }
            return CELValue(graph: v, parent: trail, key: s)
        }
    }

    /// The value of a string key (field selection).
    func field(_ name: String) -> CELValue? {
        switch storage {
        case .values(_, let e): return e[.string(name)]
        case .graph(let g, let trail):
            guard let v = g[name] else { return nil }
            return CELValue(graph: v, parent: trail, key: name)
        }
    }

    /// Looks a key up with CEL's heterogeneous numeric key equality (`{1: x}[1u]`, `[1.0]`).
    func lookup(_ key: CELValue) throws(CELError) -> CELValue? {
        if case .string(let s) = key { return field(s) }
        for k in try CELMapKey.candidates(for: key) {
            if let v = self[k] { return v }
        }
        return nil
    }

    /// The entries in key order (see `keys`).
    var entries: [(CELMapKey, CELValue)] {
        keys.map { k in (k, self[k] ?? .null) }
    }

    func withTrail(_ trail: CELTrail) -> CELMap {
        if case .graph(let g, nil) = storage { return CELMap(graph: g, trail: trail) }
        return self
    }
}
