/// A parsed (and, after compilation, resolved) CEL expression.
indirect enum Expr: Sendable {
    // Parsed forms.
    case literal(CELValue)
    case ident(String, Int)
    case select(Expr, String, Int)
    case optSelect(Expr, String, Int)
    case presence(Expr, String, Int)
    case index(Expr, Expr, Int)
    case optIndex(Expr, Expr, Int)
    case call(String, Expr?, [Expr], Int)
    case list([Expr], [Bool])
    case map([MapEntry], Int)
    case message(String, [MapEntry], Int)
    case and(Expr, Expr)
    case or(Expr, Expr)
    case cond(Expr, Expr, Expr)
    case loop(Loop)
    case bind(String, Expr, Expr)

    // Resolved forms (produced by the compiler).
    case local(Int)
    case global(Global)
    case unary(UnaryOp, Expr)
    case binary(BinaryOp, Expr, Expr)
    case apply(CELFunction, [Expr])
    case bindSlot(Int, Expr, Expr)
    case loopSlots(ResolvedLoop)
    case fail(String)

    struct MapEntry: Sendable {
        var key: Expr
        var value: Expr
        var optional: Bool
        var field: String?
    }

    struct Loop: Sendable {
        var kind: LoopKind
        var var1: String
        var var2: String?
        var range: Expr
        var body: Expr
        var filter: Expr?
    }

    struct ResolvedLoop: Sendable {
        /// Evaluation steps charged per iteration: the size of the body and filter.
        var stepCost = 1
        var kind: LoopKind
        var slot1: Int
        var slot2: Int?
        var range: Expr
        var body: Expr
        var filter: Expr?
    }

    /// A variable looked up in the bindings: candidate names tried in order (longest
    /// qualified prefix first), each followed by the selections remaining after it.
    struct Global: Sendable {
        var candidates: [(name: String, rest: [String])]
        var offset: Int
    }

    /// The number of nodes (an estimate of evaluation steps for one evaluation).
    var size: Int {
        switch self {
        case .literal, .ident, .local, .global, .fail: return 1
        case .select(let o, _, _), .optSelect(let o, _, _), .presence(let o, _, _), .unary(_, let o): return 1 + o.size
        case .index(let a, let b, _), .optIndex(let a, let b, _), .and(let a, let b), .or(let a, let b), .binary(_, let a, let b):
            return 1 + a.size + b.size
        case .bind(_, let a, let b), .bindSlot(_, let a, let b): return 1 + a.size + b.size
        case .cond(let a, let b, let c): return 1 + a.size + b.size + c.size
        case .call(_, let t, let args, _): return 1 + (t?.size ?? 0) + args.reduce(0) { $0 + $1.size }
        case .apply(_, let args): return 1 + args.reduce(0) { $0 + $1.size }
        case .list(let items, _): return 1 + items.reduce(0) { $0 + $1.size }
        case .map(let entries, _), .message(_, let entries, _): return 1 + entries.reduce(0) { $0 + $1.key.size + $1.value.size }
        case .loop(let l): return 1 + l.range.size + l.body.size + (l.filter?.size ?? 0)
        case .loopSlots(let l): return 1 + l.range.size + l.body.size + (l.filter?.size ?? 0)
        }
    }

    var offset: Int {
        switch self {
        case .ident(_, let o), .select(_, _, let o), .optSelect(_, _, let o), .presence(_, _, let o),
            .index(_, _, let o), .optIndex(_, _, let o), .call(_, _, _, let o), .map(_, let o), .message(_, _, let o):
            return o
        default: return 0
        }
    }
}

enum LoopKind: Sendable {
    case all, exists, existsOne, map, filter
    case transformList, transformMap, transformMapEntry
    case optMap, optFlatMap
}

enum UnaryOp: Sendable {
    case not, negate, notStrictlyFalse
}

enum BinaryOp: Sendable {
    case eq, ne, lt, le, gt, ge, add, sub, mul, div, mod, `in`
}
