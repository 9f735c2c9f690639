/// A token of CEL source text.
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        case ident(String)
        case int(UInt64, overflow: Bool)  // magnitude of a decimal or hex literal
        case uint(UInt64)
        case double(Double)
        case string(String)
        case bytes([UInt8])
        case punct(String)
        case quoted(String)
        case eof
    }

    var kind: Kind
    /// Offset in code points from the start of the source.
    var offset: Int
}

/// Splits CEL source into tokens.
struct Lexer {
    let chars: [Unicode.Scalar]
    var pos = 0
    let source: CELSourceText

    init(_ source: CELSourceText) {
        self.source = source
        self.chars = source.scalars
    }

    func error(_ message: String, at offset: Int) -> CELError {
        source.error(message, at: offset)
    }

    private func peek(_ k: Int = 0) -> Unicode.Scalar? {
        pos + k < chars.count ? chars[pos + k] : nil
    }

    static func isIdentStart(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

    static func isHex(_ c: Unicode.Scalar) -> Bool {
        isDigit(c) || (c >= "a" && c <= "f") || (c >= "A" && c <= "F")
    }

    /// A two-character operator: `==`, `!=`, `<=`, `>=`, `&&`, `||`, `.?`, `[?`.
    static func isPair(_ c: Unicode.Scalar, _ d: Unicode.Scalar) -> Bool {
        switch (c, d) {
        case ("=", "="), ("!", "="), ("<", "="), (">", "="), ("&", "&"), ("|", "|"), (".", "?"), ("[", "?"): return true
        default: return false
        }
    }

    /// A one-character operator or bracket.
    static func isPunct(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "+", "-", "*", "/", "%", "!", "<", ">", "?", ":", ".", ",", "(", ")", "[", "]", "{", "}": return true
        default: return false
        }
    }

    mutating func skipSpace() {
        while let c = peek() {
            if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" {
                pos += 1
            } else if c == "/" && peek(1) == "/" {
                while let d = peek(), d != "\n" { pos += 1 }
            } else {
                break
            }
        }
    }

    mutating func tokenize() throws(CELError) -> [Token] {
        var out: [Token] = []
        while true {
            let t = try next()
            out.append(t)
            if t.kind == .eof { return out }
        }
    }

    mutating func next() throws(CELError) -> Token {
        skipSpace()
        let start = pos
        guard let c = peek() else { return Token(kind: .eof, offset: pos) }
        // string / bytes prefixes
        if c == "r" || c == "R" || c == "b" || c == "B" {
            var p = 0
            var raw = false
            var bytes = false
            while p < 2, let d = peek(p) {
                if (d == "r" || d == "R") && !raw {
                    raw = true
                } else if (d == "b" || d == "B") && !bytes {
                    bytes = true
                } else {
                    break
                }
                p += 1
            }
            if let q = peek(p), q == "\"" || q == "'" {
                pos += p
                return try stringLiteral(raw: raw, bytes: bytes, start: start)
            }
        }
        if Lexer.isIdentStart(c) {
            while let d = peek(), Lexer.isIdentStart(d) || Lexer.isDigit(d) { pos += 1 }
            return Token(kind: .ident(Lexer.text(chars[start..<pos])), offset: start)
        }
        if Lexer.isDigit(c) || (c == "." && peek(1).map(Lexer.isDigit) == true) {
            return try number(start: start)
        }
        if c == "\"" || c == "'" {
            return try stringLiteral(raw: false, bytes: false, start: start)
        }
        if c == "`" {
            pos += 1
            while let d = peek(), d != "`" {
                if d == "\n" || d == "\r" { throw error("unterminated quoted identifier", at: start) }
                pos += 1
            }
            guard peek() == "`" else { throw error("unterminated quoted identifier", at: start) }
            let s = Lexer.text(chars[(start + 1)..<pos])
            pos += 1
            if s.isEmpty { throw error("empty quoted identifier", at: start) }
            return Token(kind: .quoted(s), offset: start)
        }
        if let d = peek(1), Lexer.isPair(c, d) {
            pos += 2
            return Token(kind: .punct(Lexer.text(chars[start..<pos])), offset: start)
        }
        if Lexer.isPunct(c) {
            pos += 1
            return Token(kind: .punct(Lexer.text(chars[start..<pos])), offset: start)
        }
        throw error("unexpected character '\(c)'", at: start)
    }

    mutating func number(start: Int) throws(CELError) -> Token {
        if peek() == "0", let x = peek(1), x == "x" || x == "X" {
            pos += 2
            var v: UInt64 = 0
            var overflow = false
            var any = false
            while let d = peek(), Lexer.isHex(d) {
                let digit = UInt64(Int(String(d), radix: 16) ?? 0)
                let (m, o1) = v.multipliedReportingOverflow(by: 16)
                let (a, o2) = m.addingReportingOverflow(digit)
                overflow = overflow || o1 || o2
                v = a
                any = true
                pos += 1
            }
            if !any { throw error("invalid hex literal", at: start) }
            if let u = peek(), u == "u" || u == "U" {
                pos += 1
                if overflow { throw error("uint literal out of range", at: start) }
                return Token(kind: .uint(v), offset: start)
            }
            return Token(kind: .int(v, overflow: overflow), offset: start)
        }
        var text = ""
        var isDouble = false
        while let d = peek(), Lexer.isDigit(d) {
            text.unicodeScalars.append(d)
            pos += 1
        }
        if peek() == ".", let d = peek(1), Lexer.isDigit(d) {
            isDouble = true
            text += "."
            pos += 1
            while let d = peek(), Lexer.isDigit(d) {
                text.unicodeScalars.append(d)
                pos += 1
            }
        }
        if let e = peek(), e == "e" || e == "E" {
            var k = 1
            if let s = peek(1), s == "+" || s == "-" { k = 2 }
            if let d = peek(k), Lexer.isDigit(d) {
                isDouble = true
                text += "e"
                if k == 2, let s = peek(1) { text.unicodeScalars.append(s) }
                pos += k
                while let d = peek(), Lexer.isDigit(d) {
                    text.unicodeScalars.append(d)
                    pos += 1
                }
            }
        }
        if isDouble {
            guard let v = Double(text.hasPrefix(".") ? "0" + text : text) else { throw error("invalid double literal", at: start) }
            return Token(kind: .double(v), offset: start)
        }
        if let u = peek(), u == "u" || u == "U" {
            pos += 1
            guard let v = UInt64(text) else { throw error("uint literal out of range", at: start) }
            return Token(kind: .uint(v), offset: start)
        }
        if let v = UInt64(text) { return Token(kind: .int(v, overflow: false), offset: start) }
        return Token(kind: .int(0, overflow: true), offset: start)
    }

    mutating func stringLiteral(raw: Bool, bytes: Bool, start: Int) throws(CELError) -> Token {
        guard let q = peek() else { throw error("unterminated string", at: start) }
        let triple = peek(1) == q && peek(2) == q
        pos += triple ? 3 : 1
        var scalars: [Unicode.Scalar] = []
        var out: [UInt8] = []  // bytes literal content
        func emit(_ c: Unicode.Scalar) {
            if bytes { UTF8.encode(c) { out.append($0) } } else { scalars.append(c) }
        }
        while true {
            guard let c = peek() else { throw error("unterminated string literal", at: start) }
            if c == q && (!triple || (peek(1) == q && peek(2) == q)) {
                pos += triple ? 3 : 1
                break
            }
            if !triple && (c == "\n" || c == "\r") { throw error("newline in string literal", at: start) }
            if c == "\\" && !raw {
                let escStart = pos
                pos += 1
                guard let e = peek() else { throw error("unterminated string literal", at: start) }
                pos += 1
                switch e {
                case "a": emit("\u{07}")
                case "b": emit("\u{08}")
                case "f": emit("\u{0C}")
                case "n": emit("\n")
                case "r": emit("\r")
                case "t": emit("\t")
                case "v": emit("\u{0B}")
                case "\\", "'", "\"", "`", "?": emit(e)
                case "x", "X":
                    let v = try hexDigits(2, at: escStart)
                    if bytes { out.append(UInt8(v)) } else if let s = Unicode.Scalar(v) { scalars.append(s) }
                case "u", "U":
                    if bytes { throw error("\\u escape in bytes literal", at: escStart) }
                    let v = try hexDigits(e == "u" ? 4 : 8, at: escStart)
                    guard let s = Unicode.Scalar(v) else { throw error("invalid unicode code point in escape", at: escStart) }
                    scalars.append(s)
                case "0"..."3":
                    var v = e.value - 48
                    for _ in 0..<2 {
                        guard let d = peek(), d >= "0" && d <= "7" else { throw error("invalid octal escape", at: escStart) }
                        v = v * 8 + d.value - 48
                        pos += 1
                    }
                    if bytes { out.append(UInt8(v)) } else if let s = Unicode.Scalar(v) { scalars.append(s) }
                default:
                    throw error("invalid escape sequence '\\\(e)'", at: escStart)
                }
                continue
            }
            if c == "\r" {
                // Normalize CRLF / CR line endings inside triple-quoted strings.
                pos += 1
                if peek() == "\n" { pos += 1 }
                emit("\n")
                continue
            }
            emit(c)
            pos += 1
        }
        if bytes { return Token(kind: .bytes(out), offset: start) }
        return Token(kind: .string(Lexer.text(scalars[...])), offset: start)
    }

    /// The string of these code points, encoded in one pass (appending to a String's
    /// `unicodeScalars` one at a time costs a few hundred instructions each).
    static func text(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        if scalars.allSatisfy(\.isASCII) {
            return String(unsafeUninitializedCapacity: scalars.count) { buffer in
                var i = 0
                for scalar in scalars {
                    buffer[i] = UInt8(truncatingIfNeeded: scalar.value)
                    i += 1
                }
                return i
            }
        }
        var utf8: [UInt8] = []
        utf8.reserveCapacity(scalars.count)
        for scalar in scalars {
            if scalar.isASCII {
                utf8.append(UInt8(truncatingIfNeeded: scalar.value))
            } else {
                UTF8.encode(scalar) { utf8.append($0) }
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    mutating func hexDigits(_ n: Int, at offset: Int) throws(CELError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<n {
            guard let d = peek(), Lexer.isHex(d), let digit = UInt32(String(d), radix: 16) else {
                throw error("invalid hex escape", at: offset)
            }
            v = v * 16 + digit
            pos += 1
        }
        return v
    }
}

/// The source text with code-point offsets mapped to line and column.
struct CELSourceText: Sendable {
    let scalars: [Unicode.Scalar]

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    func position(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var col = 1
        var i = 0
        while i < offset && i < scalars.count {
            if scalars[i] == "\n" {
                line += 1
                col = 1
            } else {
                col += 1
            }
            i += 1
        }
        return (line, col)
    }

    func error(_ message: String, at offset: Int) -> CELError {
        let p = position(of: offset)
        return CELError(message, line: p.line, column: p.column)
    }
}
