/// A compiled CEL expression: parsed, macro-expanded and resolved once, evaluated many times.
public struct CELProgram: Sendable {
    /// The source text.
    public let source: String
    let parsed: Expr
    let root: Expr
    let slots: Int
    let limits: CELLimits

    /// Parses, expands macros and resolves names against `environment`.
    public init(compiling source: String, in environment: CELEnvironment, limits: CELLimits = CELLimits()) throws(CELError) {
        self.source = source
        self.limits = limits
        let text = CELSourceText(source)
        if text.scalars.count > limits.maxSourceLength {
            throw CELError("expression too long: \(text.scalars.count) code points (limit \(limits.maxSourceLength))")
        }
        var lexer = Lexer(text)
        let tokens = try lexer.tokenize()
        var parser = Parser(tokens: tokens, source: text, maxDepth: limits.maxParseDepth)
        parsed = try parser.parseAll()
        var compiler = Compiler(env: environment)
        root = try compiler.compile(parsed)
        slots = compiler.slotCount
    }

    /// Evaluates against the bindings.
    public func evaluate(_ bindings: CELBindings) -> CELOutcome {
        var interp = Interpreter(bindings: bindings, slots: slots, maxCost: limits.maxCost)
        do throws(CELError) {
            let v = try interp.eval(root)
            if case .unknown(let u) = v { return .unknown(attributes: u.attributes) }
            return .value(v)
        } catch {
            return .error(error)
        }
    }

    /// The field-selection chains rooted at a variable, in source order: for
    /// `resource.a.b == 1 && has(resource.c)` and `"resource"` → `[["a", "b"], ["c"]]`.
    public func selectedPaths(from variable: String) -> [[String]] {
        var out: [[String]] = []
        CELProgram.collect(parsed, variable, &out)
        return out
    }

    /// The chain of field names from `variable` to `e`, or nil when `e` is not such a chain.
    static func chain(_ e: Expr, _ variable: String) -> [String]? {
        switch e {
        case .ident(let n, _): return n == variable ? [] : nil
        case .select(let o, let f, _), .optSelect(let o, let f, _), .presence(let o, let f, _):
            return chain(o, variable).map { $0 + [f] }
        case .index(let o, .literal(.string(let f)), _), .optIndex(let o, .literal(.string(let f)), _):
            return chain(o, variable).map { $0 + [f] }
        default: return nil
        }
    }

    static func collect(_ e: Expr, _ variable: String, _ out: inout [[String]]) {
        if let c = chain(e, variable) {
            if !c.isEmpty { out.append(c) }
            return
        }
        switch e {
        case .select(let o, _, _), .optSelect(let o, _, _), .presence(let o, _, _):
            collect(o, variable, &out)
        case .index(let a, let b, _), .optIndex(let a, let b, _), .and(let a, let b), .or(let a, let b):
            collect(a, variable, &out)
            collect(b, variable, &out)
        case .call(_, let t, let args, _):
            if let t { collect(t, variable, &out) }
            for a in args { collect(a, variable, &out) }
        case .list(let items, _):
            for i in items { collect(i, variable, &out) }
        case .map(let entries, _), .message(_, let entries, _):
            for en in entries {
                collect(en.key, variable, &out)
                collect(en.value, variable, &out)
            }
        case .cond(let a, let b, let c):
            collect(a, variable, &out)
            collect(b, variable, &out)
            collect(c, variable, &out)
        case .loop(let l):
            collect(l.range, variable, &out)
            if let f = l.filter { collect(f, variable, &out) }
            collect(l.body, variable, &out)
        case .bind(_, let a, let b):
            collect(a, variable, &out)
            collect(b, variable, &out)
        default:
            break
        }
    }
}
