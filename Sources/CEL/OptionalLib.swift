/// Optional types: optional.of, optional.ofNonZeroValue, optional.none, hasValue, value, or,
/// orValue (the `?.` and `[?]` operators and optMap/optFlatMap live in the evaluator).
enum OptionalLib {
    static func isZero(_ v: CELValue) -> Bool {
        switch v {
        case .null: return true
        case .bool(let b): return !b
        case .int(let i): return i == 0
        case .uint(let u): return u == 0
        case .double(let d): return d == 0
        case .string(let s): return s.isEmpty
        case .bytes(let b): return b.isEmpty
        case .list(let l): return l.isEmpty
        case .map(let m): return m.count == 0
        case .duration(let d): return d.seconds == 0 && d.nanos == 0
        case .timestamp(let t): return t.seconds == 0 && t.nanos == 0
        case .optional(let o): return o == nil
        case .type, .unknown, .opaque: return false
        }
    }

    static func register(into env: inout CELEnvironment) {
        env.unary("optional.of") { v in .optional(v) }
        env.unary("optional.ofNonZeroValue") { v in isZero(v) ? .optional(nil) : .optional(v) }
        env.nary("optional.none", arity: 0) { _ in .optional(nil) }
        env.unary("hasValue", receiver: true, global: false) { v throws(CELError) in
            guard case .optional(let o) = v else { throw CELError.noOverload("hasValue", v) }
            return .bool(o != nil)
        }
        env.unary("value", receiver: true, global: false) { v throws(CELError) in
            guard case .optional(let o) = v else { throw CELError.noOverload("value", v) }
            guard let o else { throw CELError("optional.none() dereference") }
            return o
        }
        env.binary("or", receiver: true, global: false) { a, b throws(CELError) in
            guard case .optional(let o) = a, case .optional = b else { throw CELError.noOverload("or", a, b) }
            return o == nil ? b : a
        }
        env.binary("orValue", receiver: true, global: false) { a, b throws(CELError) in
            guard case .optional(let o) = a else { throw CELError.noOverload("orValue", a, b) }
            return o ?? b
        }
        env.unary("optional.unwrap") { v throws(CELError) in try unwrap(v) }
        env.unary("unwrapOpt", receiver: true, global: false) { v throws(CELError) in try unwrap(v) }
    }

    static func unwrap(_ v: CELValue) throws(CELError) -> CELValue {
        guard case .list(let l) = v else { throw CELError.noOverload("optional.unwrap", v) }
        var out: [CELValue] = []
        for e in l {
            guard case .optional(let o) = e else { throw CELError("optional.unwrap: element is \(e.typeName), not optional") }
            if let o { out.append(o) }
        }
        return .list(out)
    }
}
