/// A function implementation bound at compile time.
struct CELFunction: Sendable {
    enum Body: Sendable {
        case unary(@Sendable (CELValue) throws(CELError) -> CELValue)
        case binary(@Sendable (CELValue, CELValue) throws(CELError) -> CELValue)
        case nary(@Sendable ([CELValue]) throws(CELError) -> CELValue)
        case host(@Sendable ([CELValue], CELBindings) throws(CELError) -> CELValue)
    }

    var name: String
    var body: Body
    /// Non-strict functions see unknown arguments themselves instead of propagating them.
    var strict = true
    /// False for host functions, which may replace a standard function of the same name.
    var isStandard: Bool {
        if case .host = body { return false }
        return true
    }
}

/// The overloads of one function name: by receiver style and arity (-1: any arity).
struct CELFunctionSet: Sendable {
    var global: [Int: CELFunction] = [:]
    var receiver: [Int: CELFunction] = [:]

    func lookup(receiver r: Bool, arity: Int) -> CELFunction? {
        let table = r ? receiver : global
        return table[arity] ?? table[-1]
    }
}
