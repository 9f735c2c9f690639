/// The variable values for one evaluation, plus opaque data for host functions.
public struct CELBindings: Sendable {
    /// The variables, in the order they were first bound: an expression has a few, and a
    /// linear search of short names is cheaper than hashing one at every reference.
    private var entries: [(name: String, value: CELValue)] = []

    /// Opaque data for host functions (the policy engine passes the resource graph).
    public var context: (any Sendable)?

    /// No variables.
    public init() {}

    /// The value bound to a (possibly dotted) variable name.
    public subscript(name: String) -> CELValue? {
        get { value(named: name) }
        set {
            if let i = entries.firstIndex(where: { $0.name == name }) {
                if let newValue { entries[i].value = newValue.rooted(at: name) } else { entries.remove(at: i) }
            } else if let newValue {
                entries.append((name, newValue.rooted(at: name)))
            }
        }
    }

    /// The value bound to exactly this name.
    func value(named name: String) -> CELValue? {
        entries.withUnsafeBufferPointer { all in
            for i in all.indices where all[i].name == name { return all[i].value }
            return nil
        }
    }
}
