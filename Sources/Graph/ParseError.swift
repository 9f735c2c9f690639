/// A problem that stops one input file from being turned into resources.
public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the problem is; lines and columns are 1-based.
    public var location: SourceLocation
    public var message: String

    /// An error at a place.
    public init(_ message: String, at location: SourceLocation) {
        self.message = message
        self.location = location
    }

    /// Reads like a compiler diagnostic: `k8s/web.yaml:12:7: error: duplicate key "image"`.
    public var description: String { "\(location): error: \(message)" }
}

/// Something a parser, linker or the policy engine wants the user to know about an input.
///
/// Errors make the run's exit code 2; warnings and notes are reported and change nothing.
public struct Diagnostic: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Hashable, Comparable {
        case note, warning, error
        var rank: Int {
            switch self {
            case .note: return 0
            case .warning: return 1
            case .error: return 2
            }
        }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String

    /// A diagnostic at a place.
    public init(_ severity: Severity, _ message: String, at location: SourceLocation) {
        self.severity = severity
        self.message = message
        self.location = location
    }

    /// The diagnostic for a parse error.
    public init(_ error: ParseError) {
        self.init(.error, error.message, at: error.location)
    }

    /// `path:line:column: error: message`.
    public var description: String { "\(location): \(severity.rawValue): \(message)" }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.location, a.message) < (b.location, b.message)
    }
}

extension Diagnostic: Error {}
