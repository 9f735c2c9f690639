/// An error from compiling or evaluating a CEL expression.
///
/// Parse errors carry the 1-based line and column of the offending token; evaluation errors
/// usually carry none.
public struct CELError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, in words.
    public var message: String
    /// The 1-based line of the offending source position, when known.
    public var line: Int?
    /// The 1-based column (in code points) of the offending source position, when known.
    public var column: Int?

    /// An error with a message and an optional position.
    public init(_ message: String, line: Int? = nil, column: Int? = nil) {
        self.message = message
        self.line = line
        self.column = column
    }

    /// `"1:5: message"` when the position is known, else `"message"`.
    public var description: String {
        if let line, let column { return "\(line):\(column): \(message)" }
        return message
    }

    static func noOverload(_ name: String, _ args: [CELValue]) -> CELError {
        CELError("no such overload: \(name)(\(args.map { $0.typeName }.joined(separator: ", ")))")
    }

    static func noOverload(_ name: String, _ a: CELValue) -> CELError {
        CELError("no such overload: \(name)(\(a.typeName))")
    }

    static func noOverload(_ name: String, _ a: CELValue, _ b: CELValue) -> CELError {
        CELError("no such overload: \(name)(\(a.typeName), \(b.typeName))")
    }
}
