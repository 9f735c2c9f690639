import Graph

/// The configuration levels a directive is looked up in, outermost first
/// (`http`, `server`, `location`…), with nginx's inheritance rules.
struct Scope {
    private(set) var levels: [[Directive]]
    /// Locations of `include` directives whose files could not be read.
    var unresolved: Set<SourceLocation>
    /// Per level: directive name → indices of its occurrences, in order. Built once per large
    /// level, so a lookup does not scan an `http` block of thousands of servers again for each
    /// one; a small level (a server, a location) is scanned instead, which is cheaper than
    /// hashing its names.
    private var indexes: [Index?]

    /// How a large level is searched.
    private enum Index {
        /// Name → positions of its occurrences.
        case byName([String: [Int]])
        /// The positions of the directives a lookup can find, when they are few (an `http`
        /// block of thousands of servers and a dozen settings): scanned like a small level.
        case positions([Int])
    }

    /// Blocks that no lookup asks for (lookups are for settings: `ssl_protocols`, `add_header`,
    /// `include`…), left out of a level's index.
    private static let neverLookedUp: Set<String> = ["server", "upstream", "location", "map", "if", "limit_except", "types"]

    /// Levels with more directives than this get an index.
    static let indexedLevel = 24

    init(_ levels: [[Directive]] = [], unresolved: Set<SourceLocation> = []) {
        self.levels = levels
        self.unresolved = unresolved
        self.indexes = levels.map(Scope.index)
    }

    /// This scope with one more, innermost level.
    func pushing(_ level: [Directive]) -> Scope {
        var copy = self
        copy.levels.append(level)
        copy.indexes.append(Scope.index(level))
        return copy
    }

    /// True when a level holds an `include` that could not be read, so any directive absent
    /// here may have been set there.
    var hasUnresolvedInclude: Bool {
        !unresolved.isEmpty && levels.indices.contains { i in occurrences("include", at: i).contains { unresolved.contains($0.location) } }
    }

    private static func index(_ level: [Directive]) -> Index? {
        guard level.count > indexedLevel else { return nil }
        let positions = level.indices.filter { level[$0].block == nil || !neverLookedUp.contains(level[$0].name) }
        guard positions.count > indexedLevel else { return .positions(positions) }
        var out: [String: [Int]] = [:]
        for i in positions { out[level[i].name, default: []].append(i) }
        return .byName(out)
    }

    /// The directives named `name` at level `i`, in order.
    private func occurrences(_ name: String, at i: Int) -> [Directive] {
        assert(!Scope.neverLookedUp.contains(name), "\(name) is left out of level indexes")
        switch indexes[i] {
        case nil: return levels[i].filter { Scope.same($0.name, name) }
        case .byName(let index)?: return (index[name] ?? []).map { levels[i][$0] }
        case .positions(let positions)?: return positions.filter { Scope.same(levels[i][$0].name, name) }.map { levels[i][$0] }
        }
    }

    /// `a == b`, with most mismatches decided by length alone: this runs for every directive of
    /// a small level on every lookup.
    @inline(__always)
    private static func same(_ a: String, _ b: String) -> Bool { a.utf8.count == b.utf8.count && a == b }

    /// The first directive named `name` at level `i`.
    private func first(_ name: String, at i: Int) -> Directive? {
        assert(!Scope.neverLookedUp.contains(name), "\(name) is left out of level indexes")
        switch indexes[i] {
        case nil: return levels[i].first { Scope.same($0.name, name) }
        case .byName(let index)?: return index[name]?.first.map { levels[i][$0] }
        case .positions(let positions)?: return positions.first { Scope.same(levels[i][$0].name, name) }.map { levels[i][$0] }
        }
    }

    /// Every directive named `name` at every level, outermost first.
    func all(_ name: String) -> [Directive] {
        levels.indices.flatMap { occurrences(name, at: $0) }
    }

    /// The directive a single-valued setting takes its value from: the innermost level that
    /// sets it, its first occurrence there.
    func innermost(_ name: String) -> Directive? {
        for i in levels.indices.reversed() {
            if let found = first(name, at: i) { return found }
        }
        return nil
    }

    /// An array-type setting (`ssl_certificate`, `proxy_set_header`): the directives of the
    /// innermost level that has any; outer levels are replaced wholesale.
    func array(_ name: String) -> [Directive] {
        for i in levels.indices.reversed() {
            let found = occurrences(name, at: i)
            if !found.isEmpty { return found }
        }
        return []
    }

    /// `on`/`off` flag, or `defaultValue` when no level sets it.
    func flag(_ name: String, default defaultValue: Bool) -> (Bool, Directive?) {
        guard let d = innermost(name) else { return (defaultValue, nil) }
        return (d.argument(0)?.lowercased() == "on", d)
    }

    /// The effective `add_header` directives, honouring `add_header_inherit on|off|merge`.
    /// Also returns the effective list of the enclosing level, to tell what this level dropped.
    func headers() -> (effective: [Directive], parent: [Directive]) {
        var current: [Directive] = []
        var parent: [Directive] = []
        var mode = "on"
        for i in levels.indices {
            parent = current
            if let inherit = first("add_header_inherit", at: i), let m = inherit.argument(0) {
                mode = m.lowercased()
            }
            let own = occurrences("add_header", at: i)
            switch mode {
            case "merge": current += own
            case "off": current = own
            default: if !own.isEmpty { current = own }
            }
        }
        return (current, parent)
    }
}
