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
