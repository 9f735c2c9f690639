/// The operators: selection, indexing, equality, ordering, arithmetic.
enum Ops {
    static func select(_ v: CELValue, _ field: String) throws(CELError) -> CELValue {
        switch v {
        case .map(let m):
            if let r = m.field(field) { return r }
            throw CELError("no such key: '\(field)'")
        case .unknown:
            return v
        case .optional(let inner):
            guard let inner else { return v }
            if case .map(let m) = inner { return .optional(m.field(field)) }
            return .optional(try select(inner, field))
        default:
            throw CELError("type '\(v.typeName)' does not support field selection")
        }
    }

    static func optSelect(_ v: CELValue, _ field: String) throws(CELError) -> CELValue {
        switch v {
        case .map(let m): return .optional(m.field(field))
        case .unknown: return v
        case .optional(let inner):
            guard let inner else { return v }
            return try optSelect(inner, field)
        default:
            throw CELError("type '\(v.typeName)' does not support field selection")
        }
    }

    static func presence(_ v: CELValue, _ field: String) throws(CELError) -> CELValue {
        switch v {
        case .map(let m): return .bool(m.field(field) != nil)
        case .unknown: return v
        case .optional(let inner):
            guard let inner else { return .bool(false) }
            return try presence(inner, field)
        default:
            throw CELError("type '\(v.typeName)' does not support field selection")
        }
    }

    static func listIndex(_ l: CELList, _ i: CELValue) throws(CELError) -> Int? {
        let n: Int64
        switch i {
        case .int(let x): n = x
        case .uint(let x):
            guard x <= UInt64(Int64.max) else { return nil }
            n = Int64(x)
        case .double(let d):
            guard d.isFinite, d.rounded(.towardZero) == d, abs(d) < 9.2e18 else {
                throw CELError("invalid_argument: list index must be an integer, got \(d)")
            }
            n = Int64(d)
        default:
            throw CELError("no such overload: list index of type \(i.typeName)")
        }
        guard n >= 0 && n < Int64(l.count) else { return nil }
        return Int(n)
    }

    static func index(_ v: CELValue, _ i: CELValue) throws(CELError) -> CELValue {
        if case .unknown(let u) = v {
            if case .unknown(let w) = i { return .unknown(u.merging(w)) }
            return v
        }
        if case .unknown = i { return i }
        switch v {
        case .list(let l):
            guard let k = try listIndex(l, i) else { throw CELError("invalid_argument: index out of range: \(i)") }
            return l[k]
        case .map(let m):
            if let r = try m.lookup(i) { return r }
            throw CELError("no such key: \(i)")
        case .optional(let inner):
            guard let inner else { return v }
            return try optIndex(inner, i)
        default:
            throw CELError("no such overload: index of type \(v.typeName)")
        }
    }

    static func optIndex(_ v: CELValue, _ i: CELValue) throws(CELError) -> CELValue {
        if case .unknown = v { return v }
        if case .unknown = i { return i }
        switch v {
        case .list(let l):
            return .optional(try listIndex(l, i).map { l[$0] })
        case .map(let m):
            return .optional(try m.lookup(i))
        case .optional(let inner):
            guard let inner else { return v }
            return try optIndex(inner, i)
        default:
            throw CELError("no such overload: index of type \(v.typeName)")
        }
    }

    // MARK: equality and ordering

    static func equals(_ a: CELValue, _ b: CELValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.uint(let x), .uint(let y)): return x == y
        case (.double(let x), .double(let y)): return x == y
        case (.int, .uint), (.uint, .int), (.int, .double), (.double, .int), (.uint, .double), (.double, .uint):
            return compareNumbers(a, b) == 0
        case (.string(let x), .string(let y)): return stringEquals(x, y)
        case (.bytes(let x), .bytes(let y)): return x == y
        case (.list(let x), .list(let y)):
            guard x.count == y.count else { return false }
            for i in 0..<x.count where !equals(x[i], y[i]) { return false }
            return true
        case (.map(let x), .map(let y)):
            guard x.count == y.count else { return false }
            for k in x.keys {
                guard let yv = try? y.lookup(k.value), let xv = x[k], equals(xv, yv) else { return false }
            }
            return true
        case (.timestamp(let x), .timestamp(let y)): return x == y
        case (.duration(let x), .duration(let y)): return x == y
        case (.type(let x), .type(let y)): return x == y
        case (.optional(let x), .optional(let y)):
            switch (x, y) {
            case (nil, nil): return true
            case (let p?, let q?): return equals(p, q)
            default: return false
            }
        case (.opaque(let x), .opaque(let y)): return x.value.isEqual(to: y.value)
        default: return false
        }
    }

    /// Equality that is unknown when the answer depends on an unknown inside a list or map.
    static func equality(_ a: CELValue, _ b: CELValue) -> CELValue {
        switch (a, b) {
        case (.list(let x), .list(let y)):
            guard x.count == y.count else { return .bool(false) }
            var unknown: CELUnknown?
            for i in 0..<x.count {
                let r = equality(x[i], y[i])
                switch r {
                case .bool(false): return r
                case .unknown(let u): unknown = unknown.map { $0.merging(u) } ?? u
                default: break
                }
            }
            return unknown.map { .unknown($0) } ?? .bool(true)
        case (.map(let x), .map(let y)):
            guard x.count == y.count else { return .bool(false) }
            var unknown: CELUnknown?
            for k in x.keys {
                guard let yv = try? y.lookup(k.value), let xv = x[k] else { return .bool(false) }
                let r = equality(xv, yv)
                switch r {
                case .bool(false): return r
                case .unknown(let u): unknown = unknown.map { $0.merging(u) } ?? u
                default: break
                }
            }
            return unknown.map { .unknown($0) } ?? .bool(true)
        case (.unknown(let u), .unknown(let v)): return .unknown(u.merging(v))
        case (.unknown, _): return a
        case (_, .unknown): return b
        default: return .bool(equals(a, b))
        }
    }

    /// Code-point equality (Swift's `==` would also equate canonically equivalent strings).
    static func stringEquals(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        if a.utf8.count != b.utf8.count { return false }
        return a.withUTF8 { pa in b.withUTF8 { pb in pa.elementsEqual(pb) } }
    }

    /// -1, 0, 1 for numbers of any numeric kind; nil when unordered (NaN).
    static func compareNumbers(_ a: CELValue, _ b: CELValue) -> Int? {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.uint(let x), .uint(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.double(let x), .double(let y)):
            if x.isNaN || y.isNaN { return nil }
            return x < y ? -1 : (x == y ? 0 : 1)
        case (.int(let x), .uint(let y)):
            if x < 0 { return -1 }
            let ux = UInt64(x)
            return ux < y ? -1 : (ux == y ? 0 : 1)
        case (.uint, .int):
            return compareNumbers(b, a).map { -$0 }
        case (.int(let x), .double(let y)):
            let dx = Double(x)
            if y.isNaN { return nil }
            return dx < y ? -1 : (dx == y ? 0 : 1)
        case (.double, .int):
            return compareNumbers(b, a).map { -$0 }
        case (.uint(let x), .double(let y)):
            let dx = Double(x)
            if y.isNaN { return nil }
            return dx < y ? -1 : (dx == y ? 0 : 1)
        case (.double, .uint):
            return compareNumbers(b, a).map { -$0 }
        default: return nil
        }
    }

    static func isNumber(_ v: CELValue) -> Bool {
        switch v {
        case .int, .uint, .double: return true
        default: return false
        }
    }

    /// -1/0/1, nil when unordered (NaN); throws when the kinds are not comparable.
    static func compare(_ a: CELValue, _ b: CELValue, _ op: String) throws(CELError) -> Int? {
        switch (a, b) {
        case (.string(let x), .string(let y)):
            if x.utf8.elementsEqual(y.utf8) { return 0 }
            return x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : 1
        case (.bytes(let x), .bytes(let y)):
            if x == y { return 0 }
            return x.lexicographicallyPrecedes(y) ? -1 : 1
        case (.bool(let x), .bool(let y)):
            return x == y ? 0 : (!x ? -1 : 1)
        case (.timestamp(let x), .timestamp(let y)):
            return x < y ? -1 : (x == y ? 0 : 1)
        case (.duration(let x), .duration(let y)):
            return x < y ? -1 : (x == y ? 0 : 1)
        default:
            if isNumber(a) && isNumber(b) { return compareNumbers(a, b) }
            throw CELError.noOverload(op, a, b)
        }
    }

    static func contains(_ container: CELValue, _ x: CELValue) throws(CELError) -> CELValue {
        switch container {
        case .list(let l):
            var unknown: CELUnknown?
            for e in l {
                if case .unknown(let u) = e {
                    unknown = unknown.map { $0.merging(u) } ?? u
                    continue
                }
                if equals(e, x) { return .bool(true) }
            }
            if let unknown { return .unknown(unknown) }
            return .bool(false)
        case .map(let m):
            switch x {
            case .bool, .int, .uint, .double, .string:
                return .bool(try m.lookup(x) != nil)
            default:
                return .bool(false)
            }
        default:
            throw CELError.noOverload("@in", x, container)
        }
    }

    static func binary(_ op: BinaryOp, _ a: CELValue, _ b: CELValue, _ interp: inout Interpreter) throws(CELError) -> CELValue {
        switch op {
        case .eq: return equality(a, b)
        case .ne:
            let r = equality(a, b)
            if case .bool(let x) = r { return .bool(!x) }
            return r
        case .lt: return .bool(try compare(a, b, "_<_").map { $0 < 0 } ?? false)
        case .le: return .bool(try compare(a, b, "_<=_").map { $0 <= 0 } ?? false)
        case .gt: return .bool(try compare(a, b, "_>_").map { $0 > 0 } ?? false)
        case .ge: return .bool(try compare(a, b, "_>=_").map { $0 >= 0 } ?? false)
        case .in: return try contains(b, a)
        case .add: return try Arith.add(a, b, &interp)
        case .sub: return try Arith.sub(a, b)
        case .mul: return try Arith.mul(a, b)
        case .div: return try Arith.div(a, b)
        case .mod: return try Arith.mod(a, b)
        }
    }

    static func unary(_ op: UnaryOp, _ a: CELValue) throws(CELError) -> CELValue {
        switch op {
        case .not:
            guard case .bool(let b) = a else { throw CELError.noOverload("!_", a) }
            return .bool(!b)
        case .negate:
            switch a {
            case .int(let i):
                if i == Int64.min { throw CELError("integer overflow in negation") }
                return .int(-i)
            case .double(let d): return .double(-d)
            case .duration(let d): return .duration(try d.negated())
            default: throw CELError.noOverload("-_", a)
            }
        case .notStrictlyFalse:
            if case .bool(false) = a { return .bool(false) }
            return .bool(true)
        }
    }
}
