/// The CEL math extension: greatest, least, ceil, floor, round, trunc, abs, sign, isNaN,
/// isInf, isFinite and the bit operations.
enum MathLib {
    static func extreme(_ args: [CELValue], _ name: String, greatest: Bool) throws(CELError) -> CELValue {
        var values = args
        if args.count == 1, case .list(let l) = args[0] { values = l.values }
        guard var best = values.first else { throw CELError("\(name) requires at least one argument") }
        for v in values {
            guard Ops.isNumber(v) else { throw CELError.noOverload(name, v) }
        }
        for v in values.dropFirst() {
            guard let c = Ops.compareNumbers(v, best) else { continue }
            if greatest ? c > 0 : c < 0 { best = v }
        }
        return best
    }

    static func double(_ v: CELValue, _ name: String) throws(CELError) -> Double {
        guard case .double(let d) = v else { throw CELError.noOverload(name, v) }
        return d
    }

    static func register(into env: inout CELEnvironment) {
        env.nary("math.greatest", arity: -1) { args throws(CELError) in try extreme(args, "math.greatest", greatest: true) }
        env.nary("math.least", arity: -1) { args throws(CELError) in try extreme(args, "math.least", greatest: false) }
        env.unary("math.ceil") { v throws(CELError) in .double(try double(v, "math.ceil").rounded(.up)) }
        env.unary("math.floor") { v throws(CELError) in .double(try double(v, "math.floor").rounded(.down)) }
        env.unary("math.round") { v throws(CELError) in .double(try double(v, "math.round").rounded(.toNearestOrAwayFromZero)) }
        env.unary("math.trunc") { v throws(CELError) in .double(try double(v, "math.trunc").rounded(.towardZero)) }
        env.unary("math.isNaN") { v throws(CELError) in .bool(try double(v, "math.isNaN").isNaN) }
        env.unary("math.isInf") { v throws(CELError) in .bool(try double(v, "math.isInf").isInfinite) }
        env.unary("math.isFinite") { v throws(CELError) in .bool(try double(v, "math.isFinite").isFinite) }
        env.unary("math.sqrt") { v throws(CELError) in
            switch v {
            case .double(let d): return .double(d.squareRoot())
            case .int(let i): return .double(Double(i).squareRoot())
            case .uint(let u): return .double(Double(u).squareRoot())
            default: throw CELError.noOverload("math.sqrt", v)
            }
        }
        env.unary("math.abs") { v throws(CELError) in
            switch v {
            case .int(let i):
                if i == Int64.min { throw CELError("integer overflow in math.abs") }
                return .int(abs(i))
            case .uint: return v
            case .double(let d): return .double(abs(d))
            default: throw CELError.noOverload("math.abs", v)
            }
        }
        env.unary("math.sign") { v throws(CELError) in
            switch v {
            case .int(let i): return .int(i.signum())
            case .uint(let u): return .uint(u == 0 ? 0 : 1)
            case .double(let d):
                if d.isNaN { return v }
                return .double(d > 0 ? 1 : (d < 0 ? -1 : 0))
            default: throw CELError.noOverload("math.sign", v)
            }
        }
        let bitOps: [(String, @Sendable (Int64, Int64) -> Int64, @Sendable (UInt64, UInt64) -> UInt64)] = [
            ("math.bitAnd", { $0 & $1 }, { $0 & $1 }),
            ("math.bitOr", { $0 | $1 }, { $0 | $1 }),
            ("math.bitXor", { $0 ^ $1 }, { $0 ^ $1 }),
        ]
        for (name, i, u) in bitOps {
            env.binary(name) { a, b throws(CELError) in
                switch (a, b) {
                case (.int(let x), .int(let y)): return .int(i(x, y))
                case (.uint(let x), .uint(let y)): return .uint(u(x, y))
                default: throw CELError.noOverload(name, a, b)
                }
            }
        }
        env.unary("math.bitNot") { v throws(CELError) in
            switch v {
            case .int(let x): return .int(~x)
            case .uint(let x): return .uint(~x)
            default: throw CELError.noOverload("math.bitNot", v)
            }
        }
        for left in [true, false] {
            let name = left ? "math.bitShiftLeft" : "math.bitShiftRight"
            env.binary(name) { a, b throws(CELError) in
                guard case .int(let n) = b else { throw CELError.noOverload(name, a, b) }
                if n < 0 { throw CELError("\(name): negative offset \(n)") }
                switch a {
                case .int(let x):
                    if n >= 64 { return .int(0) }
                    let ux = UInt64(bitPattern: x)
                    return .int(Int64(bitPattern: left ? ux << UInt64(n) : ux >> UInt64(n)))
                case .uint(let x):
                    if n >= 64 { return .uint(0) }
                    return .uint(left ? x << UInt64(n) : x >> UInt64(n))
                default: throw CELError.noOverload(name, a, b)
                }
            }
        }
    }
}
