/// The variable values for one evaluation, plus opaque data for host functions.
public struct CELBindings: Sendable {
    var values: [String: CELValue] = [:]

    /// Opaque data for host functions (the policy engine passes the resource graph).
    public var context: (any Sendable)?

    /// No variables.
    public init() {}

    /// The value bound to a (possibly dotted) variable name.
    public subscript(name: String) -> CELValue? {
        get { values[name] }
        set { values[name] = newValue?.rooted(at: name) }
    }
}
