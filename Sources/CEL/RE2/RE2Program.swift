/// A compiled pattern: instructions for the Pike VM (Go's `regexp/syntax.Prog`).
struct RE2Program: Sendable {
    enum Op: UInt8, Sendable {
        /// No way forward.
        case fail
        /// The pattern matched.
        case match
        /// Try `out` first, then `arg` (leftmost-first priority).
        case alt
        /// Record the position in capture slot `arg`, then go to `out`.
        case capture
        /// Go to `out` if the assertions in the `arg` bit set hold here.
        case empty
        /// Consume the scalar `arg`.
        case rune1
        /// Consume a scalar of `classes[arg]`.
        case runeClass
        /// Go to `out`.
        case nop
    }

    struct Inst: Sendable {
        var op: Op
        var out: Int32
        var arg: Int32
    }

    static let maxInstructions = 100_000

    var insts: [Inst] = []
    /// Normalized flattened class bounds, referenced by `runeClass` instructions.
    var classes: [[UInt32]] = []
    var start: Int32 = 0
    /// Capture groups, the whole match (group 0) included.
    var groupCount = 1
    /// Every match starts at offset 0 (the pattern begins with `\A`).
    var anchoredStart = false
    /// The scalars a match can start with (flattened class bounds), when a match cannot be
    /// empty or start with an assertion; lets a search skip ahead to a possible start.
    var firstScalars: [UInt32]?
    /// Instructions that consume a scalar or match: the most threads a step can hold.
    var threadInstCount = 0
}
