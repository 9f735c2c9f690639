/// Why a pattern was rejected by ``RE2Regex``.
///
/// Messages follow Go's `regexp/syntax` wording: an error kind, a colon and the offending
/// part of the pattern, e.g. `invalid escape sequence: \q`.
public struct RE2Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// The human-readable reason, including the offending part of the pattern.
    public var message: String

    /// Creates an error with the given message.
    public init(message: String) {
        self.message = message
    }

    /// The message, as written in diagnostics.
    public var description: String { message }

    init(_ kind: Kind, _ fragment: String) {
        self.message = "\(kind.rawValue): \(fragment)"
    }

    /// The error kinds of Go's `regexp/syntax`, by their messages.
    enum Kind: String {
        case invalidCharClass = "invalid character class"
        case invalidCharRange = "invalid character class range"
        case invalidEscape = "invalid escape sequence"
        case invalidNamedCapture = "invalid named capture"
        case duplicateNamedCapture = "duplicate capture group name"
        case invalidPerlOp = "invalid or unsupported Perl syntax"
        case invalidRepeatOp = "invalid nested repetition operator"
        case invalidRepeatSize = "invalid repeat count"
        case invalidUTF8 = "invalid UTF-8"
        case missingBracket = "missing closing ]"
        case missingParen = "missing closing )"
        case missingRepeatArgument = "missing argument to repetition operator"
        case trailingBackslash = "trailing backslash at end of expression"
        case unexpectedParen = "unexpected )"
        case nestingDepth = "expression nests too deeply"
        case tooLarge = "expression too large"
    }
}
