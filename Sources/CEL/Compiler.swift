/// Resolves a parsed expression: variables to bindings or comprehension slots, calls to
/// function implementations, operators to dedicated nodes.
struct Compiler {
    let env: CELEnvironment
    var scopes: [(name: String, slot: Int)] = []
    var slotCount = 0
    let stack = StackGuard()

    static let typeNames: Set<String> = [
        "int", "uint", "double", "bool", "string", "bytes", "list", "map", "null_type", "type",
        "google.protobuf.Timestamp", "google.protobuf.Duration", "optional_type", "net.IP", "net.CIDR",
    ]

    init(env: CELEnvironment) { self.env = env }

    func local(_ name: String) -> Int? {
        for s in scopes.reversed() where s.name == name { return s.slot }
        return nil
    }

    /// `a.b.c` → ("a", ["b", "c"]) when the chain is rooted at a plain identifier.
    static func chain(_ e: Expr) -> (root: String, fields: [String])? {
        var fields: [String] = []
        var cur = e
        while true {
            switch cur {
            case .ident(let n, _):
                return (n, fields.reversed())
            case .select(let o, let f, _):
                fields.append(f)
                cur = o
            default:
                return nil
            }
        }
    }

    /// The names `root.fields...` may refer to, most specific first: each container prefix,
    /// each qualified prefix of the chain, paired with the selections left after it.
    func candidates(root: String, fields: [String]) -> [(name: String, rest: [String])] {
        var rootName = root
        var containers: [String] = []
        if rootName.hasPrefix(".") {
            rootName.removeFirst()
            containers = [""]
        } else {
            var parts = env.container.split(separator: ".").map(String.init)
            while !parts.isEmpty {
                containers.append(parts.joined(separator: "."))
                parts.removeLast()
            }
            containers.append("")
        }
        let parts = [rootName] + fields
        var out: [(String, [String])] = []
        for c in containers {
            for k in stride(from: parts.count, through: 1, by: -1) {
                let name = parts[0..<k].joined(separator: ".")
                out.append((c.isEmpty ? name : c + "." + name, Array(parts[k...])))
            }
        }
        return out
    }

    func resolveGlobal(root: String, fields: [String], offset: Int) -> Expr {
        func selects(_ base: Expr, _ rest: [String]) -> Expr {
            var e = base
            for f in rest { e = .select(e, f, offset) }
            return e
        }
        // The common case, `resource.a.b` with no container and no dotted variable under
        // `resource`: the root itself is the longest declared candidate.
        if env.container.isEmpty, !env.dottedRoots.contains(root), env.variables.contains(root) {
            return selects(.global(Expr.Global(candidates: [(root, [])], offset: offset)), fields)
        }
        let cands = candidates(root: root, fields: fields)
        if let declared = cands.first(where: { env.variables.contains($0.name) }) {
            return selects(.global(Expr.Global(candidates: [(declared.name, [])], offset: offset)), declared.rest)
        }
        // Type names (`int`, `google.protobuf.Timestamp`) when not shadowed by a variable.
        for c in cands where c.rest.isEmpty || true {
            let plain = c.name.hasPrefix(".") ? String(c.name.dropFirst()) : c.name
            if Compiler.typeNames.contains(plain) {
                return selects(.literal(.type(CELType(plain))), c.rest)
            }
        }
        return .global(Expr.Global(candidates: cands, offset: offset))
    }

    /// A list or map literal of constants becomes one constant (evaluated once, here).
    static func fold(_ e: Expr, _ children: [Expr]) -> Expr {
        for c in children {
            guard case .literal = c else { return e }
        }
        var interp = Interpreter(bindings: CELBindings(), slots: 0, maxCost: 10_000_000)
        guard let v = try? interp.eval(e) else { return e }
        return .literal(v)
    }

    /// `matches` with a constant pattern compiles the regular expression once.
    static func precompiledMatches(_ pattern: Expr) -> CELFunction? {
        guard case .literal(.string(let p)) = pattern, let re = try? CELRegex.compile(p) else { return nil }
        return CELFunction(name: "matches", body: .unary({ v throws(CELError) in
            guard case .string(let s) = v else { throw CELError.noOverload("matches", v) }
            return .bool(re.matches(s))
        }))
    }

    mutating func compile(_ e: Expr) throws(CELError) -> Expr {
        if stack.exhausted { throw CELError("expression nested too deeply to compile") }
        switch e {
        case .literal, .local, .global, .unary, .binary, .apply, .bindSlot, .loopSlots, .fail:
            return e
        case .ident(let name, let off):
            if !name.hasPrefix("."), let s = local(name) { return .local(s) }
            return resolveGlobal(root: name, fields: [], offset: off)
        case .select(let operand, let field, let off):
            if let (root, fields) = Compiler.chain(e), root.hasPrefix(".") || local(root) == nil {
                return resolveGlobal(root: root, fields: fields, offset: off)
            }
            return .select(try compile(operand), field, off)
        case .optSelect(let o, let f, let off):
            return .optSelect(try compile(o), f, off)
        case .presence(let o, let f, let off):
            return .presence(try compile(o), f, off)
        case .index(let a, let b, let off):
            return .index(try compile(a), try compile(b), off)
        case .optIndex(let a, let b, let off):
            return .optIndex(try compile(a), try compile(b), off)
        case .list(let items, let opts):
            var out: [Expr] = []
            for i in items { out.append(try compile(i)) }
            return Compiler.fold(.list(out, opts), out)
        case .map(let entries, let off):
            var out: [Expr.MapEntry] = []
            var children: [Expr] = []
            for en in entries {
                let k = try compile(en.key)
                let v = try compile(en.value)
                out.append(Expr.MapEntry(key: k, value: v, optional: en.optional, field: nil))
                children += [k, v]
            }
            return Compiler.fold(.map(out, off), children)
        case .message(let name, _, _):
            return .fail("unknown message type '\(name)'")
        case .and(let a, let b):
            return .and(try compile(a), try compile(b))
        case .or(let a, let b):
            return .or(try compile(a), try compile(b))
        case .cond(let c, let t, let f):
            return .cond(try compile(c), try compile(t), try compile(f))
        case .bind(let name, let initial, let body):
            let i = try compile(initial)
            let slot = slotCount
            slotCount += 1
            scopes.append((name, slot))
            let b = try compile(body)
            scopes.removeLast()
            return .bindSlot(slot, i, b)
        case .loop(let l):
            let range = try compile(l.range)
            let s1 = slotCount
            slotCount += 1
            scopes.append((l.var1, s1))
            var s2: Int?
            if let v2 = l.var2 {
                s2 = slotCount
                slotCount += 1
                scopes.append((v2, slotCount - 1))
            }
            let body = try compile(l.body)
            let filter = try l.filter.map { (f) throws(CELError) -> Expr in try compile(f) }
            scopes.removeLast(l.var2 == nil ? 1 : 2)
            var resolved = Expr.ResolvedLoop(kind: l.kind, slot1: s1, slot2: s2, range: range, body: body, filter: filter)
            resolved.stepCost = body.size + (filter?.size ?? 0)
            return .loopSlots(resolved)
        case .call(let rawName, let target, let args, _):
            var compiledArgs: [Expr] = []
            for a in args { compiledArgs.append(try compile(a)) }
            if let target {
                // A qualified global function such as math.greatest(...) or optional.of(...).
                if let (root, fields) = Compiler.chain(target), local(root) == nil {
                    let qualified = ([root] + fields).joined(separator: ".") + "." + rawName
                    let plainQualified = qualified.hasPrefix(".") ? String(qualified.dropFirst()) : qualified
                    let isVariable = candidates(root: root, fields: fields).contains { env.variables.contains($0.name) }
                    if !isVariable {
                        for c in candidates(root: root, fields: fields + [rawName]) where c.rest.isEmpty {
                            if let f = env.functions[c.name]?.lookup(receiver: false, arity: args.count) {
                                return .apply(f, compiledArgs)
                            }
                        }
                        if let f = env.functions[plainQualified]?.lookup(receiver: false, arity: args.count) {
                            return .apply(f, compiledArgs)
                        }
                    }
                }
                let t = try compile(target)
                if rawName == "matches", compiledArgs.count == 1, let f = Compiler.precompiledMatches(compiledArgs[0]),
                    env.functions["matches"]?.lookup(receiver: true, arity: 2)?.isStandard == true
                {
                    return .apply(f, [t])
                }
                if let f = env.functions[rawName]?.lookup(receiver: true, arity: args.count + 1) {
                    return .apply(f, [t] + compiledArgs)
                }
                return .fail("no such overload: \(rawName) (receiver, \(args.count + 1) arguments)")
            }
            let name = rawName.hasPrefix(".") ? String(rawName.dropFirst()) : rawName
            switch (name, compiledArgs.count) {
            case ("_==_", 2): return .binary(.eq, compiledArgs[0], compiledArgs[1])
            case ("_!=_", 2): return .binary(.ne, compiledArgs[0], compiledArgs[1])
            case ("_<_", 2): return .binary(.lt, compiledArgs[0], compiledArgs[1])
            case ("_<=_", 2): return .binary(.le, compiledArgs[0], compiledArgs[1])
            case ("_>_", 2): return .binary(.gt, compiledArgs[0], compiledArgs[1])
            case ("_>=_", 2): return .binary(.ge, compiledArgs[0], compiledArgs[1])
            case ("_+_", 2): return .binary(.add, compiledArgs[0], compiledArgs[1])
            case ("_-_", 2): return .binary(.sub, compiledArgs[0], compiledArgs[1])
            case ("_*_", 2): return .binary(.mul, compiledArgs[0], compiledArgs[1])
            case ("_/_", 2): return .binary(.div, compiledArgs[0], compiledArgs[1])
            case ("_%_", 2): return .binary(.mod, compiledArgs[0], compiledArgs[1])
            case ("_in_", 2): return .binary(.in, compiledArgs[0], compiledArgs[1])
            case ("!_", 1): return .unary(.not, compiledArgs[0])
            case ("-_", 1): return .unary(.negate, compiledArgs[0])
            default: break
            }
            for c in candidates(root: name, fields: []) {
                if let f = env.functions[c.name]?.lookup(receiver: false, arity: args.count) {
                    return .apply(f, compiledArgs)
                }
            }
            return .fail("unbound function: \(name)")
        }
    }
}
