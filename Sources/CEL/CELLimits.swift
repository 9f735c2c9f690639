/// Safety limits for compiling and evaluating expressions; exceeding one is a `CELError`.
public struct CELLimits: Sendable, Equatable {
    /// The deepest nesting of the expression tree the parser accepts.
    public var maxParseDepth = 250
    /// The longest source (in code points) the parser accepts.
    public var maxSourceLength = 100_000
    /// The most evaluation steps (comprehension iterations, list/map/string construction) one
    /// evaluation may take.
    public var maxCost = 10_000_000

    /// The default limits.
    public init() {}
}
