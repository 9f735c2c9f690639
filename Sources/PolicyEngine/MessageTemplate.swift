import CEL
import Graph

/// A message with `{{ expression }}` holes filled by CEL against the same bindings as the
/// assertion: `KMS key {{resource.id}} does not rotate`.
public struct MessageTemplate: Sendable {
    enum Piece: Sendable {
        case text(String)
        case expression(CELProgram)
    }

    let pieces: [Piece]
    /// The template as written.
    public let source: String

    /// Compiles every hole once; throws the first hole that does not compile.
    public init(_ source: String, environment: CELEnvironment, limits: CELLimits = CELLimits()) throws(CELError) {
        self.source = source
        var pieces: [Piece] = []
        var rest = Substring(source)
        while let open = MessageTemplate.find("{{", in: rest) {
            if open.lowerBound > rest.startIndex { pieces.append(.text(String(rest[..<open.lowerBound]))) }
            let afterOpen = rest[open.upperBound...]
            guard let close = MessageTemplate.find("}}", in: afterOpen) else {
                throw CELError("message: '{{' without a closing '}}'")
            }
            let expression = String(afterOpen[..<close.lowerBound]).trimmingSpaces
            pieces.append(.expression(try CELProgram(compiling: expression, in: environment, limits: limits)))
            rest = afterOpen[close.upperBound...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        self.pieces = pieces
    }

    /// The message for one resource; a hole that fails shows as `<error: …>`, an unknown one
    /// as `(known after apply)`.
    public func render(_ bindings: CELBindings) -> String {
        var out = ""
        for piece in pieces {
            switch piece {
            case .text(let t): out += t
            case .expression(let program):
                switch program.evaluate(bindings) {
                case .value(let v): out += MessageTemplate.text(of: v)
                case .unknown: out += "(known after apply)"
                case .error(let e): out += "<error: \(e.message)>"
                }
            }
        }
        return out
    }

    /// The first occurrence of the two-byte ASCII `marker` (`{{` or `}}`) in `text`, searched
    /// byte-wise: both bytes are ASCII, so the match starts and ends on characters.
    static func find(_ marker: StaticString, in text: Substring) -> Range<Substring.Index>? {
        let first = marker.utf8Start[0]
        let second = marker.utf8Start[1]
        let utf8 = text.utf8
        var i = utf8.startIndex
        while i != utf8.endIndex {
            let next = utf8.index(after: i)
            if utf8[i] == first, next != utf8.endIndex, utf8[next] == second {
                return i..<utf8.index(after: next)
            }
            i = next
        }
        return nil
    }

    static func text(of value: CELValue) -> String {
        switch value {
        case .string(let s): return s
        case .list(let l): return l.map { text(of: $0) }.joined(separator: ", ")
        default: return value.description
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: String {
        // Byte-wise: the spaces are ASCII, so the cut falls between characters.
        let bytes = utf8
        func isSpace(_ b: UInt8) -> Bool {
            b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r")
        }
        var start = bytes.startIndex
        while start < bytes.endIndex && isSpace(bytes[start]) { start = bytes.index(after: start) }
        var end = start
        var i = start
        while i < bytes.endIndex {
            let next = bytes.index(after: i)
            if !isSpace(bytes[i]) { end = next }
            i = next
        }
        return String(self[start..<end])
    }
}
