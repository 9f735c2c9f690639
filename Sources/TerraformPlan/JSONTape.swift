/// A validated JSON text (RFC 8259, strict) as a flat list of nodes over its bytes.
///
/// One pass over the bytes checks the whole text and records, per value, its kind, where it
/// starts and ends, and for objects and arrays how many members they have and where their
/// subtree ends, so a reader can skip any part in O(1) and turn only what it needs into
/// `Value`s (`JSONView`). Object members are a key node followed by the value's nodes. The
/// pass also records the offsets of line feeds (in valid JSON they are all whitespace), so
/// positions come from the same pass (`PlanLocator`).
///
/// Stricter than json-c: trailing commas, leading zeros (`01`, `-01`), `1.`, `NaN`,
/// `Infinity` and raw control characters in strings are errors. Nesting deeper than
/// `maxDepth` is an error, not a stack overflow.
struct JSONTape: Sendable {
    /// What a node is.
    enum Kind: UInt8, Sendable {
        case object, array, string, escapedString, integer, number, `true`, `false`, null
    }

    /// One value (or object key) of the text.
    struct Node: Sendable {
        /// Byte offset of the value's first character (`{`, `[`, `"`, `-`, a digit or a letter).
        var start: UInt32
        /// Containers: the index of the first node after the subtree. Strings: the offset of the
        /// closing quote. Other scalars: the offset just after the value.
        var end: UInt32
        /// Containers: the number of members or elements; 0 otherwise.
        var count: UInt32
        var kind: Kind
    }

    /// A syntax error: a message and the byte offset of the offending character.
    struct Failure: Error, Sendable {
        var message: String
        var offset: Int
    }

    /// Containers nested deeper than this are rejected.
    static let maxDepth = 256

    /// The nodes in document order; node 0 is the top-level value.
    private(set) var nodes: [Node]
    /// Byte offsets of every line feed, ascending.
    private(set) var newlines: [UInt32]
    /// True when no byte is ≥ 0x80 (then a column is a byte distance).
    private(set) var isASCII: Bool

    /// Parses and checks UTF-8 `bytes` (no BOM).
    init(_ bytes: [UInt8]) throws(Failure) {
        guard bytes.count < Int(Int32.max) else {
            throw Failure(message: "file too large for the JSON parser", offset: 0)
        }
        let result: Result<Scanner, Failure> = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else {
                return .failure(Failure(message: Scanner.truncatedMessage, offset: 0))
            }
            var scanner = Scanner(p: base, n: buffer.count)
            do throws(Failure) {
                try scanner.document()
                return .success(scanner)
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let scanner):
            nodes = scanner.nodes
            newlines = scanner.newlines
            isASCII = scanner.high < 0x80
        case .failure(let failure): throw failure
        }
    }

    /// The single pass: a recursive descent over the bytes with no bounds checks in the loops.
    private struct Scanner {
        static let truncatedMessage = "unexpected end of file: the JSON is truncated"

        let p: UnsafePointer<UInt8>
        let n: Int
        var i = 0
        var nodes: [Node] = []
        var newlines: [UInt32] = []
        /// All string bytes or-ed together: ≥ 0x80 when any is not ASCII.
        var high: UInt8 = 0

        init(p: UnsafePointer<UInt8>, n: Int) {
            self.p = p
            self.n = n
            // every node takes at least two bytes ("1," or "[]"); untouched capacity costs no memory
            nodes.reserveCapacity(n / 2 + 16)
            newlines.reserveCapacity(1024)
        }

        var truncated: Failure { Failure(message: Scanner.truncatedMessage, offset: n) }

        func fail(_ message: String, at offset: Int) -> Failure {
            Failure(message: "invalid JSON: " + message, offset: offset)
        }

        /// `c` for a message: the character in quotes, or its code for control and non-ASCII bytes.
        func describe(_ c: UInt8) -> String {
            if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
            let hex = String(c, radix: 16, uppercase: true)
            return "byte 0x" + (hex.count < 2 ? "0" + hex : hex)
        }

        mutating func document() throws(Failure) {
            skipSpace()
            guard i < n else { throw truncated }
            try value(depth: 0)
            skipSpace()
            if i < n { throw fail("unexpected text after the top-level value", at: i) }
        }

        @inline(__always)
        mutating func skipSpace() {
            while i < n {
                let c = p[i]
                if c == 0x20 || c == 0x09 || c == 0x0D {
                    i += 1
                } else if c == 0x0A {
                    newlines.append(UInt32(truncatingIfNeeded: i))
                    i += 1
                } else {
                    return
                }
            }
        }

        mutating func value(depth: Int) throws(Failure) {
            let c = p[i]
            switch c {
            case UInt8(ascii: "\""): try string()
            case UInt8(ascii: "{"): try object(depth: depth + 1)
            case UInt8(ascii: "["): try array(depth: depth + 1)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
            case UInt8(ascii: "t"): try literal("true", .true)
            case UInt8(ascii: "f"): try literal("false", .false)
            case UInt8(ascii: "n"): try literal("null", .null)
            default: throw fail("unexpected character \(describe(c)), expected a value", at: i)
            }
        }

        mutating func object(depth: Int) throws(Failure) {
            if depth > JSONTape.maxDepth { throw fail("nesting deeper than \(JSONTape.maxDepth) levels", at: i) }
            let index = nodes.count
            nodes.append(Node(start: UInt32(truncatingIfNeeded: i), end: 0, count: 0, kind: .object))
            i += 1
            skipSpace()
            guard i < n else { throw truncated }
            var count: UInt32 = 0
            if p[i] == UInt8(ascii: "}") {
                i += 1
            } else {
                while true {
                    guard i < n else { throw truncated }
                    guard p[i] == UInt8(ascii: "\"") else {
                        if count > 0 && p[i] == UInt8(ascii: "}") { throw fail("trailing comma before '}'", at: i) }
                        throw fail("unexpected character \(describe(p[i])), expected a property name in double quotes", at: i)
                    }
                    try string()
                    skipSpace()
                    guard i < n else { throw truncated }
                    guard p[i] == UInt8(ascii: ":") else {
                        throw fail("unexpected character \(describe(p[i])), expected ':' after the property name", at: i)
                    }
                    i += 1
                    skipSpace()
                    guard i < n else { throw truncated }
                    try value(depth: depth)
                    count += 1
                    if try endsContainer(UInt8(ascii: "}"), after: "a property value") { break }
                }
            }
            nodes[index].end = UInt32(truncatingIfNeeded: nodes.count)
            nodes[index].count = count
        }

        mutating func array(depth: Int) throws(Failure) {
            if depth > JSONTape.maxDepth { throw fail("nesting deeper than \(JSONTape.maxDepth) levels", at: i) }
            let index = nodes.count
            nodes.append(Node(start: UInt32(truncatingIfNeeded: i), end: 0, count: 0, kind: .array))
            i += 1
            skipSpace()
            guard i < n else { throw truncated }
            var count: UInt32 = 0
            if p[i] == UInt8(ascii: "]") {
                i += 1
            } else {
                while true {
                    guard i < n else { throw truncated }
                    if count > 0 && p[i] == UInt8(ascii: "]") { throw fail("trailing comma before ']'", at: i) }
                    try value(depth: depth)
                    count += 1
                    if try endsContainer(UInt8(ascii: "]"), after: "an array element") { break }
                }
            }
            nodes[index].end = UInt32(truncatingIfNeeded: nodes.count)
            nodes[index].count = count
        }

        /// After a member or element: steps over `,` (false: another follows) or the `closing`
        /// bracket (true: the container ends); anything else is an error naming `what` it follows.
        @inline(__always)
        mutating func endsContainer(_ closing: UInt8, after what: String) throws(Failure) -> Bool {
            skipSpace()
            guard i < n else { throw truncated }
            let c = p[i]
            i += 1
            if c == UInt8(ascii: ",") {
                skipSpace()
                return false
            }
            if c == closing { return true }
            i -= 1
            throw fail("unexpected character \(describe(c)), expected ',' or '\(Character(Unicode.Scalar(closing)))' after \(what)", at: i)
        }

        mutating func string() throws(Failure) {
            let start = i
            i += 1
            var escaped = false
            var high: UInt8 = 0
            while true {
                // the common case: plain bytes up to the closing quote
                while i < n {
                    let c = p[i]
                    if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") || c < 0x20 { break }
                    high |= c
                    i += 1
                }
                guard i < n else { throw truncated }
                let c = p[i]
                if c == UInt8(ascii: "\"") { break }
                if c < 0x20 { throw fail("control character \(describe(c)) in a string (it must be escaped)", at: i) }
                escaped = true
                try escape()
            }
            self.high |= high
            nodes.append(
                Node(
                    start: UInt32(truncatingIfNeeded: start), end: UInt32(truncatingIfNeeded: i), count: 0,
                    kind: escaped ? .escapedString : .string))
            i += 1
        }

        /// Checks the escape sequence at `i` (a backslash) and steps over it.
        mutating func escape() throws(Failure) {
            guard i + 1 < n else { throw truncated }
            switch p[i + 1] {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                i += 2
            case UInt8(ascii: "u"):
                var k = i + 2
                while k < i + 6 {
                    guard k < n else { throw truncated }
                    guard JSONTape.hexValue(p[k]) != nil else {
                        throw fail("invalid \\u escape (expected four hexadecimal digits)", at: i)
                    }
                    k += 1
                }
                i += 6
            default:
                throw fail("invalid escape sequence '\\\(Character(Unicode.Scalar(p[i + 1])))' in a string", at: i)
            }
        }

        @inline(__always)
        func isDigit(_ c: UInt8) -> Bool { c &- UInt8(ascii: "0") < 10 }

        mutating func number() throws(Failure) {
            let start = i
            var kind = Kind.integer
            if p[i] == UInt8(ascii: "-") {
                i += 1
                guard i < n else { throw truncated }
            }
            if p[i] == UInt8(ascii: "0") {
                i += 1
                if i < n && isDigit(p[i]) { throw fail("leading zero in a number", at: start) }
            } else if isDigit(p[i]) {
                i += 1
                while i < n && isDigit(p[i]) { i += 1 }
            } else {
                throw fail("unexpected character \(describe(p[i])) after '-', expected a digit", at: i)
            }
            if i < n && p[i] == UInt8(ascii: ".") {
                i += 1
                guard i < n else { throw truncated }
                guard isDigit(p[i]) else { throw fail("expected a digit after the decimal point", at: i) }
                while i < n && isDigit(p[i]) { i += 1 }
                kind = .number
            }
            if i < n && p[i] | 0x20 == UInt8(ascii: "e") {
                i += 1
                guard i < n else { throw truncated }
                if p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") {
                    i += 1
                    guard i < n else { throw truncated }
                }
                guard isDigit(p[i]) else { throw fail("expected a digit in the exponent", at: i) }
                while i < n && isDigit(p[i]) { i += 1 }
                kind = .number
            }
            nodes.append(
                Node(start: UInt32(truncatingIfNeeded: start), end: UInt32(truncatingIfNeeded: i), count: 0, kind: kind))
        }

        mutating func literal(_ word: StaticString, _ kind: Kind) throws(Failure) {
            let start = i
            let w = word.utf8Start
            for k in 0..<word.utf8CodeUnitCount {
                guard i < n else { throw truncated }
                guard p[i] == w[k] else { throw fail("invalid literal, expected '\(word)'", at: start) }
                i += 1
            }
            nodes.append(
                Node(start: UInt32(truncatingIfNeeded: start), end: UInt32(truncatingIfNeeded: i), count: 0, kind: kind))
        }
    }

    /// The value of a hexadecimal digit.
    @inline(__always)
    static func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(c - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}
