/// Walks a resolved expression tree.
struct Interpreter {
    let bindings: CELBindings
    var locals: [CELValue]
    var cost = 0
    let maxCost: Int
    let stack = StackGuard()

    init(bindings: CELBindings, slots: Int, maxCost: Int) {
        self.bindings = bindings
        self.locals = slots == 0 ? [] : Array(repeating: .null, count: slots)
        self.maxCost = maxCost
    }

    mutating func charge(_ n: Int) throws(CELError) {
        cost += n
        if cost > maxCost { throw CELError("evaluation cost limit exceeded (\(maxCost) steps)") }
    }

    /// Evaluates, turning a thrown error into a value-or-error pair (for error absorption).
    mutating func attempt(_ e: Expr) -> Result<CELValue, CELError> {
        do throws(CELError) {
            return .success(try eval(e))
        } catch {
            if error.message.hasPrefix("evaluation cost limit") { return .failure(error) }
            return .failure(error)
        }
    }

    mutating func eval(_ e: Expr) throws(CELError) -> CELValue {
        if stack.exhausted { throw CELError("expression nested too deeply to evaluate") }
        switch e {
        case .literal(let v):
            return v
        case .local(let s):
            return locals[s]
        case .global(let g):
            return try lookup(g)
        case .select(let operand, let field, _):
            return try Ops.select(try eval(operand), field)
        case .optSelect(let operand, let field, _):
            return try Ops.optSelect(try eval(operand), field)
        case .presence(let operand, let field, _):
            return try Ops.presence(try eval(operand), field)
        case .index(let a, let b, _):
            let x = try eval(a)
            let y = try eval(b)
            return try Ops.index(x, y)
        case .optIndex(let a, let b, _):
            let x = try eval(a)
            let y = try eval(b)
            return try Ops.optIndex(x, y)
        case .binary(let op, let a, let b):
            let x = try eval(a)
            let y = try eval(b)
            if case .unknown(let u) = x {
                if case .unknown(let v) = y { return .unknown(u.merging(v)) }
                return x
            }
            if case .unknown = y { return y }
            return try Ops.binary(op, x, y, &self)
        case .unary(let op, let a):
            let x = try eval(a)
            if case .unknown = x { return x }
            return try Ops.unary(op, x)
        case .and(let a, let b):
            return try logical(a, b, absorbing: false)
        case .or(let a, let b):
            return try logical(a, b, absorbing: true)
        case .cond(let c, let t, let f):
            let v = try eval(c)
            switch v {
            case .bool(true): return try eval(t)
            case .bool(false): return try eval(f)
            case .unknown: return v
            default: throw CELError("no matching overload for '_?_:_' applied to \(v.typeName)")
            }
        case .apply(let f, let args):
            return try call(f, args)
        case .list(let items, let opts):
            try charge(items.count)
            var out: [CELValue] = []
            out.reserveCapacity(items.count)
            var unknown: CELUnknown?
            for (i, item) in items.enumerated() {
                let v = try eval(item)
                if case .unknown(let u) = v {
                    unknown = unknown.map { $0.merging(u) } ?? u
                    continue
                }
                if opts[i] {
                    guard case .optional(let inner) = v else {
                        throw CELError("optional list element must be an optional value, got \(v.typeName)")
                    }
                    if let inner { out.append(inner) }
                } else {
                    out.append(v)
                }
            }
            if let unknown { return .unknown(unknown) }
            return .list(CELList(out))
        case .map(let entries, _):
            try charge(entries.count)
            var keys: [CELMapKey] = []
            var dict: [CELMapKey: CELValue] = [:]
            var unknown: CELUnknown?
            for en in entries {
                let k = try eval(en.key)
                let v = try eval(en.value)
                if case .unknown(let u) = k { unknown = unknown.map { $0.merging(u) } ?? u }
                if case .unknown(let u) = v { unknown = unknown.map { $0.merging(u) } ?? u }
                if unknown != nil { continue }
                let key = try CELMapKey(k)
                var value = v
                if en.optional {
                    guard case .optional(let inner) = v else {
                        throw CELError("optional map entry must be an optional value, got \(v.typeName)")
                    }
                    guard let inner else { continue }
                    value = inner
                }
                for c in try CELMapKey.candidates(for: key.value) where dict[c] != nil {
                    throw CELError("Failed with repeated key: \(key)")
                }
                dict[key] = value
                keys.append(key)
            }
            if let unknown { return .unknown(unknown) }
            return .map(CELMap(keys: keys, entries: dict))
        case .bindSlot(let slot, let initial, let body):
            locals[slot] = try eval(initial)
            return try eval(body)
        case .loopSlots(let l):
            return try loop(l)
        case .fail(let m):
            throw CELError(m)
        case .ident, .call, .loop, .bind, .message:
            throw CELError("internal error: unresolved expression")
        }
    }

    mutating func lookup(_ g: Expr.Global) throws(CELError) -> CELValue {
        for c in g.candidates {
            if let v = bindings.value(named: c.name) {
                var cur = v
                for f in c.rest { cur = try Ops.select(cur, f) }
                return cur
            }
        }
        let name = g.candidates.last?.name ?? "?"
        throw CELError("undeclared reference to '\(name)'")
    }

    mutating func logical(_ a: Expr, _ b: Expr, absorbing: Bool) throws(CELError) -> CELValue {
        let x = attempt(a)
        if case .success(.bool(let v)) = x, v == absorbing { return .bool(absorbing) }
        let y = attempt(b)
        if case .success(.bool(let v)) = y, v == absorbing { return .bool(absorbing) }
        var unknown: CELUnknown?
        if case .success(.unknown(let u)) = x { unknown = u }
        if case .success(.unknown(let u)) = y { unknown = unknown.map { $0.merging(u) } ?? u }
        if let unknown { return .unknown(unknown) }
        let opName = absorbing ? "_||_" : "_&&_"
        for r in [x, y] {
            switch r {
            case .failure(let err): throw err
            case .success(.bool): continue
            case .success(let v): throw CELError("no matching overload for '\(opName)' applied to \(v.typeName)")
            }
        }
        return .bool(!absorbing)
    }

    mutating func call(_ f: CELFunction, _ args: [Expr]) throws(CELError) -> CELValue {
        switch f.body {
        case .unary(let body):
            let a = try eval(args[0])
            if f.strict, case .unknown = a { return a }
            return try body(a)
        case .binary(let body):
            let a = try eval(args[0])
            let b = try eval(args[1])
            if f.strict {
                if case .unknown(let u) = a {
                    if case .unknown(let v) = b { return .unknown(u.merging(v)) }
                    return a
                }
                if case .unknown = b { return b }
            }
            return try body(a, b)
        case .nary(let body):
            let vals = try evalArgs(args, strict: f.strict)
            if case .unknown(let u) = vals.unknown { return .unknown(u) }
            return try body(vals.values)
        case .host(let body):
            let vals = try evalArgs(args, strict: f.strict)
            if case .unknown(let u) = vals.unknown { return .unknown(u) }
            return try body(vals.values, bindings)
        }
    }

    mutating func evalArgs(_ args: [Expr], strict: Bool) throws(CELError) -> (values: [CELValue], unknown: CELValue?) {
        var out: [CELValue] = []
        out.reserveCapacity(args.count)
        var unknown: CELUnknown?
        for a in args {
            let v = try eval(a)
            if strict, case .unknown(let u) = v { unknown = unknown.map { $0.merging(u) } ?? u }
            out.append(v)
        }
        return (out, unknown.map { .unknown($0) })
    }
}
