import Graph

/// The configuration levels a directive is looked up in, outermost first
/// (`http`, `server`, `location`…), with nginx's inheritance rules.
struct Scope {
    var levels: [[Directive]]
    /// Locations of `include` directives whose files could not be read.
    var unresolved: Set<SourceLocation>

    init(_ levels: [[Directive]] = [], unresolved: Set<SourceLocation> = []) {
        self.levels = levels
        self.unresolved = unresolved
    }

    /// This scope with one more, innermost level.
    func pushing(_ level: [Directive]) -> Scope { Scope(levels + [level], unresolved: unresolved) }

    /// True when a level holds an `include` that could not be read, so any directive absent
    /// here may have been set there.
    var hasUnresolvedInclude: Bool {
        !unresolved.isEmpty && levels.contains { $0.contains { $0.name == "include" && unresolved.contains($0.location) } }
    }

    /// The directive a single-valued setting takes its value from: the innermost level that
    /// sets it, its first occurrence there.
    func innermost(_ name: String) -> Directive? {
        for level in levels.reversed() {
            if let found = level.first(where: { $0.name == name }) { return found }
        }
        return nil
    }

    /// An array-type setting (`ssl_certificate`, `proxy_set_header`): the directives of the
    /// innermost level that has any; outer levels are replaced wholesale.
    func array(_ name: String) -> [Directive] {
        for level in levels.reversed() {
            let found = level.filter { $0.name == name }
            if !found.isEmpty { return found }
        }
        return []
    }

    /// `on`/`off` flag, or `defaultValue` when no level sets it.
    func flag(_ name: String, default defaultValue: Bool) -> (Bool, Directive?) {
        guard let d = innermost(name) else { return (defaultValue, nil) }
        return (d.args.first?.lowercased() == "on", d)
    }

    /// The effective `add_header` directives, honouring `add_header_inherit on|off|merge`.
    /// Also returns the effective list of the enclosing level, to tell what this level dropped.
    func headers() -> (effective: [Directive], parent: [Directive]) {
        var current: [Directive] = []
        var parent: [Directive] = []
        var mode = "on"
        for level in levels {
            parent = current
            if let inherit = level.first(where: { $0.name == "add_header_inherit" }), let m = inherit.args.first {
                mode = m.lowercased()
            }
            let own = level.filter { $0.name == "add_header" }
            switch mode {
            case "merge": current += own
            case "off": current = own
            default: if !own.isEmpty { current = own }
            }
        }
        return (current, parent)
    }
}
