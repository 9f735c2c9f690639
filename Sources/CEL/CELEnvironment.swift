/// The declarations an expression is compiled against: variables, functions, a container.
///
/// `init()` enables the standard library and every extension (strings, optionals, `cel.bind`,
/// two-variable comprehensions, math, encoders, Kubernetes lists/regex/sets).
public struct CELEnvironment: Sendable {
    var variables: Set<String> = []
    /// The first segment of every dotted variable name (`a` for `a.b`): a name outside it
    /// resolves without trying its dotted prefixes.
    var dottedRoots: Set<String> = []
    var functions: [String: CELFunctionSet] = [:]
    /// The name-resolution container (a dotted namespace such as `com.example`), or "".
    public var container: String = ""

    /// The standard library plus all extensions.
    public init() {
        Stdlib.register(into: &self)
    }

    /// Declares a variable (the name may be dotted, like `a.b`).
    public mutating func declare(variable name: String) {
        variables.insert(name)
        if let dot = name.firstIndex(of: ".") { dottedRoots.insert(String(name[..<dot])) }
    }

    /// Registers a host function, e.g. `related("terraform/aws_kms_key")` or the dotted global
    /// `aws.elbPolicy(name)`. With `receiver: true` it is called as `x.name(args)` and gets `x`
    /// as `args[0]`; `arity` counts all arguments including the receiver.
    public mutating func register(
        function name: String, receiver: Bool = false, arity: Int,
        _ body: @escaping @Sendable ([CELValue], CELBindings) throws(CELError) -> CELValue
    ) {
        add(CELFunction(name: name, body: .host(body)), name: name, receiver: receiver, arity: arity)
    }

    mutating func add(_ f: CELFunction, name: String, receiver: Bool, arity: Int) {
        if receiver {
            functions[name, default: CELFunctionSet()].receiver[arity] = f
        } else {
            functions[name, default: CELFunctionSet()].global[arity] = f
        }
    }

    mutating func unary(_ name: String, receiver: Bool = false, global: Bool = true, strict: Bool = true, _ body: @escaping @Sendable (CELValue) throws(CELError) -> CELValue) {
        let f = CELFunction(name: name, body: .unary(body), strict: strict)
        if global { add(f, name: name, receiver: false, arity: 1) }
        if receiver { add(f, name: name, receiver: true, arity: 1) }
    }

    mutating func binary(_ name: String, receiver: Bool = false, global: Bool = true, strict: Bool = true, _ body: @escaping @Sendable (CELValue, CELValue) throws(CELError) -> CELValue) {
        let f = CELFunction(name: name, body: .binary(body), strict: strict)
        if global { add(f, name: name, receiver: false, arity: 2) }
        if receiver { add(f, name: name, receiver: true, arity: 2) }
    }

    mutating func nary(_ name: String, arity: Int, receiver: Bool = false, global: Bool = true, strict: Bool = true, _ body: @escaping @Sendable ([CELValue]) throws(CELError) -> CELValue) {
        let f = CELFunction(name: name, body: .nary(body), strict: strict)
        if global { add(f, name: name, receiver: false, arity: arity) }
        if receiver { add(f, name: name, receiver: true, arity: arity) }
    }
}
