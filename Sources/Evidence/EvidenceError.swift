/// A problem with signing material or a bundle that stops the evidence command.
public struct EvidenceError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    /// An error.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}
