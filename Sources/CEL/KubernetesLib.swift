/// The Kubernetes CEL libraries: lists (isSorted, sum, min, max, indexOf, lastIndexOf, plus
/// cel-go's slice, flatten, distinct, reverse, sort, lists.range), regex (find, findAll) and
/// sets (sets.contains, sets.equivalent, sets.intersects).
enum KubernetesLib {
    /// Adds a receiver overload that handles lists and defers everything else to the function
    /// registered before it under the same name and arity (e.g. the strings extension).
    static func listMethod(_ env: inout CELEnvironment, _ name: String, arity: Int, _ body: @escaping @Sendable (CELList, [CELValue]) throws(CELError) -> CELValue) {
        let previous = env.functions[name]?.lookup(receiver: true, arity: arity)
        env.nary(name, arity: arity, receiver: true, global: false) { args throws(CELError) in
            if case .list(let l) = args[0] { return try body(l, Array(args.dropFirst())) }
            if let previous {
                switch previous.body {
                case .unary(let f): return try f(args[0])
                case .binary(let f): return try f(args[0], args[1])
                case .nary(let f): return try f(args)
                case .host(let f): return try f(args, CELBindings())
                }
            }
            throw CELError.noOverload(name, args)
        }
    }

    static func compare(_ a: CELValue, _ b: CELValue, _ fn: String) throws(CELError) -> Int {
        guard a.celType == b.celType || (Ops.isNumber(a) && Ops.isNumber(b)) else { throw CELError.noOverload(fn, a, b) }
        return try Ops.compare(a, b, fn) ?? 0
    }

    static func register(into env: inout CELEnvironment) {
        listMethod(&env, "isSorted", arity: 1) { l, _ throws(CELError) in
            var prev: CELValue?
            for v in l {
                if let p = prev, try compare(p, v, "isSorted") > 0 { return .bool(false) }
                prev = v
            }
            return .bool(true)
        }
        listMethod(&env, "sum", arity: 1) { l, _ throws(CELError) in
            guard var acc = l.first else { return .int(0) }
            var scratch = Interpreter(bindings: CELBindings(), slots: 0, maxCost: Int.max)
            for v in l.dropFirst() { acc = try Arith.add(acc, v, &scratch) }
            return acc
        }
        for (name, sign) in [("min", -1), ("max", 1)] {
            listMethod(&env, name, arity: 1) { l, _ throws(CELError) in
                guard var best = l.first else { throw CELError("\(name) called on an empty list") }
                for v in l.dropFirst() where try compare(v, best, name) * sign > 0 { best = v }
                return best
            }
        }
        listMethod(&env, "indexOf", arity: 2) { l, args in
            for (i, v) in l.enumerated() where Ops.equals(v, args[0]) { return .int(Int64(i)) }
            return .int(-1)
        }
        listMethod(&env, "lastIndexOf", arity: 2) { l, args in
            var found: Int64 = -1
            for (i, v) in l.enumerated() where Ops.equals(v, args[0]) { found = Int64(i) }
            return .int(found)
        }
        listMethod(&env, "slice", arity: 3) { l, args throws(CELError) in
            guard case .int(let a) = args[0], case .int(let b) = args[1] else { throw CELError.noOverload("slice", args) }
            guard a >= 0, b >= a, b <= Int64(l.count) else { throw CELError("slice: invalid range \(a)..\(b) for list of size \(l.count)") }
            return .list(Array(l[Int(a)..<Int(b)]))
        }
        listMethod(&env, "flatten", arity: 1) { l, _ in
            var out: [CELValue] = []
            for v in l {
                if case .list(let inner) = v { out.append(contentsOf: inner) } else { out.append(v) }
            }
            return .list(out)
        }
        listMethod(&env, "distinct", arity: 1) { l, _ in
            var out: [CELValue] = []
            for v in l where !out.contains(where: { Ops.equals($0, v) }) { out.append(v) }
            return .list(out)
        }
        listMethod(&env, "reverse", arity: 1) { l, _ in .list(Array(l.reversed())) }
        listMethod(&env, "sort", arity: 1) { l, _ throws(CELError) in
            var values = l.values
            for v in values.dropFirst() { _ = try compare(values[0], v, "sort") }
            values.sort { (try? Ops.compare($0, $1, "sort")).flatMap { $0 } ?? 0 < 0 }
            return .list(values)
        }
        env.unary("lists.range") { v throws(CELError) in
            guard case .int(let n) = v, n >= 0, n <= 1_000_000 else { throw CELError.noOverload("lists.range", v) }
            return .list((0..<n).map { .int($0) })
        }

        env.binary("find", receiver: true, global: false) { a, b throws(CELError) in
            guard case .string(let s) = a, case .string(let p) = b else { throw CELError.noOverload("find", a, b) }
            guard let m = try CELRegex.compile(p).firstMatch(in: s) else { return .string("") }
            return .string(String(s[m.range]))
        }
        env.binary("findAll", receiver: true, global: false) { a, b throws(CELError) in
            guard case .string(let s) = a, case .string(let p) = b else { throw CELError.noOverload("findAll", a, b) }
            return .list(try CELRegex.compile(p).allMatches(in: s).map { .string(String(s[$0.range])) })
        }
        env.nary("findAll", arity: 3, receiver: true, global: false) { args throws(CELError) in
            guard case .string(let s) = args[0], case .string(let p) = args[1], case .int(let n) = args[2] else {
                throw CELError.noOverload("findAll", args)
            }
            if n == 0 { return .list([]) }
            return .list(try CELRegex.compile(p).allMatches(in: s, limit: n < 0 ? -1 : Int(n)).map { .string(String(s[$0.range])) })
        }

        @Sendable func lists(_ a: CELValue, _ b: CELValue, _ fn: String) throws(CELError) -> (CELList, CELList) {
            guard case .list(let x) = a, case .list(let y) = b else { throw CELError.noOverload(fn, a, b) }
            return (x, y)
        }
        @Sendable func has(_ l: CELList, _ v: CELValue) -> Bool { l.contains { Ops.equals($0, v) } }
        env.binary("sets.contains") { a, b throws(CELError) in
            let (x, y) = try lists(a, b, "sets.contains")
            return .bool(y.allSatisfy { has(x, $0) })
        }
        env.binary("sets.equivalent") { a, b throws(CELError) in
            let (x, y) = try lists(a, b, "sets.equivalent")
            return .bool(y.allSatisfy { has(x, $0) } && x.allSatisfy { has(y, $0) })
        }
        env.binary("sets.intersects") { a, b throws(CELError) in
            let (x, y) = try lists(a, b, "sets.intersects")
            return .bool(y.contains { has(x, $0) })
        }
    }
}
