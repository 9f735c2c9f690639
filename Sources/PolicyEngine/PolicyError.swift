import Graph

/// A problem with a policy file or the configuration: it names the file and line.
public struct PolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    /// An error at a place.
    public init(_ message: String, at location: SourceLocation) {
        self.message = message
        self.location = location
    }

    /// `policies/aws/x.yaml:7:9: error: assert: undeclared reference to 'resourc'`.
    public var description: String { "\(location): error: \(message)" }

    /// The error as a run diagnostic.
    public var diagnostic: Diagnostic { Diagnostic(.error, message, at: location) }
}
