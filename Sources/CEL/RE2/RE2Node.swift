/// The parsed form of a pattern (Go's `regexp/syntax.Regexp`), before compilation.
indirect enum RE2Node: Sendable {
    /// Matches the empty string.
    case empty
    /// Matches one scalar from the class.
    case charClass(RE2CharClass)
    /// Matches one exact scalar.
    case literal(UInt32)
    /// Matches the empty string where the assertion holds.
    case assertion(RE2EmptyWidth)
    /// Records where `node` starts and ends as group `index`.
    case capture(index: Int, node: RE2Node)
    /// `node` repeated `min...max` times (`max == -1`: unbounded); `counted` is `{n,m}` syntax.
    case repetition(node: RE2Node, min: Int, max: Int, greedy: Bool, counted: Bool)
    case concat([RE2Node])
    /// Leftmost-first alternation: earlier branches win.
    case alternate([RE2Node])

    /// Whether the node can match the empty string (for compiling `x*` with a nullable `x`).
    var isNullable: Bool {
        switch self {
        case .empty, .assertion: return true
        case .charClass, .literal: return false
        case .capture(_, let node): return node.isNullable
        case .repetition(let node, let min, _, _, _): return min == 0 || node.isNullable
        case .concat(let nodes): return nodes.allSatisfy(\.isNullable)
        case .alternate(let nodes): return nodes.contains(where: \.isNullable)
        }
    }

    /// Whether every match must start at the beginning of the text (`\A…`, `^…` without `(?m)`).
    var isAnchoredAtStart: Bool {
        switch self {
        case .assertion(let a): return a == .beginText
        case .capture(_, let node): return node.isAnchoredAtStart
        case .repetition(let node, let min, _, _, _): return min > 0 && node.isAnchoredAtStart
        case .concat(let nodes): return nodes.first?.isAnchoredAtStart ?? false
        case .alternate(let nodes): return !nodes.isEmpty && nodes.allSatisfy(\.isAnchoredAtStart)
        case .empty, .charClass, .literal: return false
        }
    }

    /// Go's `repeatIsValid`: nested counted repetitions may not multiply past `limit`.
    func repeatIsValid(_ limit: Int) -> Bool {
        var limit = limit
        switch self {
        case .repetition(let node, let min, let max, _, let counted):
            if counted {
                var m = max
                if m == 0 { return true }
                if m < 0 { m = min }
                if m > limit { return false }
                if m > 0 { limit /= m }
            }
            return node.repeatIsValid(limit)
        case .capture(_, let node): return node.repeatIsValid(limit)
        case .concat(let nodes), .alternate(let nodes): return nodes.allSatisfy { $0.repeatIsValid(limit) }
        case .empty, .charClass, .literal, .assertion: return true
        }
    }
}

/// The zero-width assertions: `^ $ \A \z \b \B` (line forms under `(?m)`).
enum RE2EmptyWidth: UInt8, Sendable {
    case beginLine = 1
    case endLine = 2
    case beginText = 4
    case endText = 8
    case wordBoundary = 16
    case noWordBoundary = 32
}
