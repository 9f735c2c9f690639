/// A recursive-descent CEL parser with bounded recursion; expands macros as it goes.
struct Parser {
    let tokens: [Token]
    let source: CELSourceText
    let maxDepth: Int
    var p = 0
    var depth = 0
    let stack = StackGuard()

    static let reserved: Set<String> = [
        "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop",
        "package", "namespace", "return", "var", "void", "while",
    ]

    init(tokens: [Token], source: CELSourceText, maxDepth: Int) {
        self.tokens = tokens
        self.source = source
        self.maxDepth = maxDepth
    }

    var tok: Token { tokens[p] }

    func error(_ m: String, at offset: Int? = nil) -> CELError { source.error(m, at: offset ?? tok.offset) }

    func isPunct(_ s: String) -> Bool {
        if case .punct(let x) = tok.kind { return x == s }
        return false
    }

    mutating func accept(_ s: String) -> Bool {
        if isPunct(s) {
            p += 1
            return true
        }
        return false
    }

    mutating func expect(_ s: String) throws(CELError) {
        guard accept(s) else { throw error("expected '\(s)' but found \(describe(tok))") }
    }

    func describe(_ t: Token) -> String {
        switch t.kind {
        case .eof: return "end of input"
        case .punct(let s): return "'\(s)'"
        case .ident(let s): return "'\(s)'"
        case .quoted(let s): return "`\(s)`"
        default: return "a literal"
        }
    }

    mutating func enter() throws(CELError) {
        depth += 1
        if depth > maxDepth || stack.exhausted { throw error("expression nested too deeply (more than \(maxDepth) levels)") }
    }

    mutating func parseAll() throws(CELError) -> Expr {
        let e = try expr()
        guard tok.kind == .eof else { throw error("unexpected \(describe(tok))") }
        return e
    }

    mutating func expr() throws(CELError) -> Expr {
        try enter()
        defer { depth -= 1 }
        let c = try orExpr()
        if accept("?") {
            let t = try orExpr()
            try expect(":")
            let f = try expr()
            return .cond(c, t, f)
        }
        return c
    }

    /// Counts chain length against the depth limit (left-deep trees recurse when evaluated).
    mutating func chain(_ n: inout Int) throws(CELError) {
        n += 1
        if depth + n > maxDepth { throw error("expression nested too deeply (more than \(maxDepth) levels)") }
    }

    mutating func orExpr() throws(CELError) -> Expr {
        var left = try andExpr()
        var n = 0
        while accept("||") {
            try chain(&n)
            left = .or(left, try andExpr())
        }
        return left
    }

    mutating func andExpr() throws(CELError) -> Expr {
        var left = try relation()
        var n = 0
        while accept("&&") {
            try chain(&n)
            left = .and(left, try relation())
        }
        return left
    }

    mutating func relation() throws(CELError) -> Expr {
        var left = try addition()
        var n = 0
        while true {
            let off = tok.offset
            var op: String?
            if case .punct(let s) = tok.kind, ["==", "!=", "<", "<=", ">", ">="].contains(s) { op = s }
            if case .ident("in") = tok.kind { op = "in" }
            guard let o = op else { return left }
            p += 1
            try chain(&n)
            let right = try addition()
            left = .call("_\(o)_", nil, [left, right], off)
        }
    }

    mutating func addition() throws(CELError) -> Expr {
        var left = try multiplication()
        var n = 0
        while isPunct("+") || isPunct("-") {
            let off = tok.offset
            guard case .punct(let o) = tok.kind else { break }
            p += 1
            try chain(&n)
            left = .call("_\(o)_", nil, [left, try multiplication()], off)
        }
        return left
    }

    mutating func multiplication() throws(CELError) -> Expr {
        var left = try unary()
        var n = 0
        while isPunct("*") || isPunct("/") || isPunct("%") {
            let off = tok.offset
            guard case .punct(let o) = tok.kind else { break }
            p += 1
            try chain(&n)
            left = .call("_\(o)_", nil, [left, try unary()], off)
        }
        return left
    }

    mutating func unary() throws(CELError) -> Expr {
        if stack.exhausted { throw error("expression nested too deeply (more than \(maxDepth) levels)") }
        if isPunct("!") {
            var offs: [Int] = []
            while isPunct("!") {
                offs.append(tok.offset)
                p += 1
            }
            if depth + offs.count > maxDepth { throw error("expression nested too deeply (more than \(maxDepth) levels)") }
            var e = try member()
            for o in offs.reversed() { e = .call("!_", nil, [e], o) }
            return e
        }
        if isPunct("-") {
            var offs: [Int] = []
            while isPunct("-") {
                offs.append(tok.offset)
                p += 1
            }
            if depth + offs.count > maxDepth { throw error("expression nested too deeply (more than \(maxDepth) levels)") }
            var e: Expr
            // The last '-' directly before a number literal is its sign.
            switch tok.kind {
            case .int(let mag, let overflow):
                let numOff = tok.offset
                let next = tokens[p + 1]
                if !(next.kind == .punct(".") || next.kind == .punct("[") || next.kind == .punct(".?") || next.kind == .punct("[?")) {
                    p += 1
                    if overflow || mag > UInt64(Int64.max) + 1 { throw error("integer literal out of range", at: numOff) }
                    e = .literal(.int(mag == UInt64(Int64.max) + 1 ? Int64.min : -Int64(mag)))
                    offs.removeLast()
                } else {
                    e = try member()
                }
            case .double(let d):
                let next = tokens[p + 1]
                if !(next.kind == .punct(".") || next.kind == .punct("[")) {
                    p += 1
                    e = .literal(.double(-d))
                    offs.removeLast()
                } else {
                    e = try member()
                }
            default:
                e = try member()
            }
            for o in offs.reversed() { e = .call("-_", nil, [e], o) }
            return e
        }
        return try member()
    }

    mutating func member() throws(CELError) -> Expr {
        var e = try primary()
        var n = 0
        while true {
            let off = tok.offset
            var optional = false
            var isSelect = false
            if accept(".") {
                isSelect = true
            } else if accept(".?") {
                isSelect = true
                optional = true
            }
            if isSelect {
                let name: String
                switch tok.kind {
                case .ident(let s): name = s
                case .quoted(let s): name = s
                default: throw error("expected a field name after '.' but found \(describe(tok))")
                }
                let isQuoted: Bool
                if case .quoted = tok.kind { isQuoted = true } else { isQuoted = false }
                p += 1
                try chain(&n)
                if !optional && !isQuoted && isPunct("(") {
                    let args = try arguments()
                    e = try macroOrCall(name, target: e, args: args, offset: off)
                } else if optional {
                    e = .optSelect(e, name, off)
                } else {
                    e = .select(e, name, off)
                }
            } else if accept("[") {
                try chain(&n)
                let i = try expr()
                try expect("]")
                e = .index(e, i, off)
            } else if accept("[?") {
                try chain(&n)
                let i = try expr()
                try expect("]")
                e = .optIndex(e, i, off)
            } else if isPunct("{"), let name = Parser.qualifiedName(e) {
                p += 1
                e = .message(name, try fieldInits(), off)
            } else {
                return e
            }
        }
    }

    static func qualifiedName(_ e: Expr) -> String? {
        switch e {
        case .ident(let n, _): return n
        case .select(let o, let f, _): return qualifiedName(o).map { $0 + "." + f }
        default: return nil
        }
    }

    mutating func arguments() throws(CELError) -> [Expr] {
        try expect("(")
        var args: [Expr] = []
        if accept(")") { return args }
        while true {
            args.append(try expr())
            if accept(")") { return args }
            try expect(",")
        }
    }

    mutating func primary() throws(CELError) -> Expr {
        let t = tok
        switch t.kind {
        case .eof: throw error("unexpected end of input")
        case .int(let mag, let overflow):
            p += 1
            if overflow || mag > UInt64(Int64.max) { throw error("integer literal out of range", at: t.offset) }
            return .literal(.int(Int64(mag)))
        case .uint(let u):
            p += 1
            return .literal(.uint(u))
        case .double(let d):
            p += 1
            return .literal(.double(d))
        case .string(let s):
            p += 1
            return .literal(.string(s))
        case .bytes(let b):
            p += 1
            return .literal(.bytes(b))
        case .quoted:
            throw error("quoted identifiers are only allowed as field names", at: t.offset)
        case .ident(let name):
            p += 1
            switch name {
            case "true": return .literal(.bool(true))
            case "false": return .literal(.bool(false))
            case "null": return .literal(.null)
            case "in": throw error("unexpected 'in'", at: t.offset)
            default: break
            }
            if Parser.reserved.contains(name) { throw error("reserved identifier '\(name)'", at: t.offset) }
            if isPunct("(") {
                let args = try arguments()
                return try macroOrCall(name, target: nil, args: args, offset: t.offset)
            }
            return .ident(name, t.offset)
        case .punct(let s):
            switch s {
            case ".":
                p += 1
                guard case .ident(let name) = tok.kind else { throw error("expected an identifier after '.'") }
                p += 1
                if isPunct("(") {
                    let args = try arguments()
                    return try macroOrCall("." + name, target: nil, args: args, offset: t.offset)
                }
                return .ident("." + name, t.offset)
            case "(":
                p += 1
                let e = try expr()
                try expect(")")
                return e
            case "[", "[?":
                p += 1
                try enter()
                defer { depth -= 1 }
                var items: [Expr] = []
                var opts: [Bool] = []
                var firstOptional = s == "[?"
                while !isPunct("]") {
                    let opt = accept("?") || firstOptional
                    firstOptional = false
                    items.append(try expr())
                    opts.append(opt)
                    if !accept(",") { break }
                }
                try expect("]")
                return .list(items, opts)
            case "{":
                p += 1
                try enter()
                defer { depth -= 1 }
                var entries: [Expr.MapEntry] = []
                while !isPunct("}") {
                    let opt = accept("?")
                    let k = try expr()
                    try expect(":")
                    let v = try expr()
                    entries.append(Expr.MapEntry(key: k, value: v, optional: opt, field: nil))
                    if !accept(",") { break }
                }
                try expect("}")
                return .map(entries, t.offset)
            default:
                throw error("unexpected '\(s)'", at: t.offset)
            }
        }
    }

    mutating func fieldInits() throws(CELError) -> [Expr.MapEntry] {
        try enter()
        defer { depth -= 1 }
        var entries: [Expr.MapEntry] = []
        while !isPunct("}") {
            let opt = accept("?")
            let name: String
            switch tok.kind {
            case .ident(let s), .quoted(let s): name = s
            default: throw error("expected a field name")
            }
            p += 1
            try expect(":")
            let v = try expr()
            entries.append(Expr.MapEntry(key: .literal(.string(name)), value: v, optional: opt, field: name))
            if !accept(",") { break }
        }
        try expect("}")
        return entries
    }

    // MARK: macros

    func simpleName(_ e: Expr, _ offset: Int) throws(CELError) -> String {
        if case .ident(let n, _) = e, !n.hasPrefix(".") { return n }
        throw error("argument must be a simple name", at: offset)
    }

    mutating func macroOrCall(_ name: String, target: Expr?, args: [Expr], offset: Int) throws(CELError) -> Expr {
        guard let target else {
            if name == "has" && args.count == 1 {
                guard case .select(let operand, let field, let o) = args[0] else {
                    throw error("invalid argument to has() macro", at: offset)
                }
                return .presence(operand, field, o)
            }
            return .call(name, nil, args, offset)
        }
        func loop(_ kind: LoopKind, _ v1: Expr, _ v2: Expr?, _ body: Expr, _ filter: Expr? = nil) throws(CELError) -> Expr {
            let n1 = try simpleName(v1, offset)
            let n2 = try v2.map { (e) throws(CELError) -> String in try simpleName(e, offset) }
            if let n2, n2 == n1 { throw error("duplicate variable name '\(n1)'", at: offset) }
            return .loop(Expr.Loop(kind: kind, var1: n1, var2: n2, range: target, body: body, filter: filter))
        }
        switch (name, args.count) {
        case ("all", 2): return try loop(.all, args[0], nil, args[1])
        case ("all", 3): return try loop(.all, args[0], args[1], args[2])
        case ("exists", 2): return try loop(.exists, args[0], nil, args[1])
        case ("exists", 3): return try loop(.exists, args[0], args[1], args[2])
        case ("exists_one", 2), ("existsOne", 2): return try loop(.existsOne, args[0], nil, args[1])
        case ("exists_one", 3), ("existsOne", 3): return try loop(.existsOne, args[0], args[1], args[2])
        case ("map", 2): return try loop(.map, args[0], nil, args[1])
        case ("map", 3): return try loop(.map, args[0], nil, args[2], args[1])
        case ("filter", 2): return try loop(.filter, args[0], nil, args[1])
        case ("transformList", 3): return try loop(.transformList, args[0], args[1], args[2])
        case ("transformList", 4): return try loop(.transformList, args[0], args[1], args[3], args[2])
        case ("transformMap", 3): return try loop(.transformMap, args[0], args[1], args[2])
        case ("transformMap", 4): return try loop(.transformMap, args[0], args[1], args[3], args[2])
        case ("transformMapEntry", 3): return try loop(.transformMapEntry, args[0], args[1], args[2])
        case ("transformMapEntry", 4): return try loop(.transformMapEntry, args[0], args[1], args[3], args[2])
        case ("optMap", 2): return try loop(.optMap, args[0], nil, args[1])
        case ("optFlatMap", 2): return try loop(.optFlatMap, args[0], nil, args[1])
        case ("bind", 3):
            if case .ident("cel", _) = target {
                return .bind(try simpleName(args[0], offset), args[1], args[2])
            }
        case ("block", 2):
            // cel.block([e0, e1, ...], result): e_i is visible as cel.index(i) in later
            // entries and in the result (the conformance suite's optimizer form).
            if case .ident("cel", _) = target {
                guard case .list(let items, _) = args[0] else { throw error("cel.block requires a list literal", at: offset) }
                if depth + items.count > maxDepth { throw error("expression nested too deeply (more than \(maxDepth) levels)", at: offset) }
                var result = args[1]
                for (i, item) in items.enumerated().reversed() { result = .bind("@index\(i)", item, result) }
                return result
            }
        case ("index", 1):
            if case .ident("cel", _) = target, case .literal(.int(let n)) = args[0] { return .ident("@index\(n)", offset) }
        case ("iterVar", 2), ("accuVar", 2):
            if case .ident("cel", _) = target, case .literal(.int(let a)) = args[0], case .literal(.int(let b)) = args[1] {
                return .ident("@\(name == "iterVar" ? "it" : "ac"):\(a):\(b)", offset)
            }
        default: break
        }
        return .call(name, target, args, offset)
    }
}
