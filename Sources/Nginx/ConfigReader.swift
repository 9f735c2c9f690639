import Graph

/// Reads the text of one nginx configuration file into directives, the way nginx's own
/// `ngx_conf_read_token` splits it: words end at whitespace, `;` or `{`; quotes only open at
/// the start of a word; `${name}` does not open a block; `*_by_lua_block` bodies are kept raw.
struct ConfigReader {
    /// Blocks nested deeper than this are rejected instead of recursing further.
    static let maxDepth = 64

    private let bytes: [UInt8]
    private let path: String
    private var index = 0
    private var line = 1
    private var column = 1

    init(_ file: SourceFile) {
        self.bytes = file.bytes
        self.path = file.path
        // A UTF-8 byte order mark is not part of the configuration.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    /// The top-level directives of the file.
    static func read(_ file: SourceFile) throws(ParseError) -> [Directive] {
        var reader = ConfigReader(file)
        return try reader.readBlock(depth: 0, opener: nil)
    }

    private var here: SourceLocation { SourceLocation(path: path, line: line, column: column) }

    private mutating func advance() {
        let byte = bytes[index]
        index += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    private func peek(_ offset: Int = 0) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    private static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C || b == 0x0B
    }

    /// Reads directives until the `}` closing `opener`, or the end of the file at top level.
    private mutating func readBlock(depth: Int, opener: SourceLocation?) throws(ParseError) -> [Directive] {
        if depth > ConfigReader.maxDepth {
            throw ParseError("blocks nested more than \(ConfigReader.maxDepth) deep", at: opener ?? here)
        }
        var directives: [Directive] = []
        var words: [Directive.Argument] = []
        while true {
            skipSpaceAndComments()
            guard let byte = peek() else {
                if !words.isEmpty {
                    throw ParseError("unexpected end of file, expecting \";\" or \"}\"", at: here)
                }
                if let opener {
                    throw ParseError("unexpected end of file, expecting \"}\" to close the block opened at line \(opener.line)", at: here)
                }
                return directives
            }
            switch byte {
            case UInt8(ascii: ";"):
                guard let name = words.first else { throw ParseError("unexpected \";\"", at: here) }
                advance()
                var location = name.location
                location.endLine = line
                directives.append(Directive(name: name.text, arguments: Array(words.dropFirst()), location: location))
                words.removeAll(keepingCapacity: true)
            case UInt8(ascii: "{"):
                guard let name = words.first else { throw ParseError("unexpected \"{\"", at: here) }
                let open = here
                advance()
                var directive = Directive(name: name.text, arguments: Array(words.dropFirst()), location: name.location)
                if name.text.hasSuffix("_by_lua_block") {
                    directive.rawBody = try readLuaBody(opener: open)
                    directive.block = []
                } else {
                    directive.block = try readBlock(depth: depth + 1, opener: open)
                }
                directive.location.endLine = line
                directives.append(directive)
                words.removeAll(keepingCapacity: true)
            case UInt8(ascii: "}"):
                if !words.isEmpty { throw ParseError("unexpected \"}\"", at: here) }
                guard opener != nil else { throw ParseError("unexpected \"}\"", at: here) }
                advance()
                return directives
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                words.append(try readQuoted(byte))
            default:
                words.append(readWord())
            }
        }
    }

    private mutating func skipSpaceAndComments() {
        while let byte = peek() {
            if ConfigReader.isSpace(byte) {
                advance()
            } else if byte == UInt8(ascii: "#") {
                while let b = peek(), b != UInt8(ascii: "\n") { advance() }
            } else {
                return
            }
        }
    }

    /// An unquoted word: up to whitespace, `;` or `{` (not the `{` of `${`).
    private mutating func readWord() -> Directive.Argument {
        let start = here
        let first = index
        // Most words hold no backslash: their text is their bytes, taken in one piece. A word
        // never holds a line break, so only the column moves.
        while index < bytes.count {
            let byte = bytes[index]
            if ConfigReader.isSpace(byte) || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "\\") { break }
            if byte == UInt8(ascii: "{") && (index == first || bytes[index - 1] != UInt8(ascii: "$")) { break }
            index += 1
            if byte & 0xC0 != 0x80 { column += 1 }
        }
        if index == bytes.count || bytes[index] != UInt8(ascii: "\\") {
            return Directive.Argument(text: String(decoding: bytes[first..<index], as: UTF8.self), quoted: false, location: start)
        }
        var out = Array(bytes[first..<index])
        while let byte = peek() {
            if ConfigReader.isSpace(byte) || byte == UInt8(ascii: ";") { break }
            if byte == UInt8(ascii: "{") && out.last != UInt8(ascii: "$") { break }
            if byte == UInt8(ascii: "\\"), let next = peek(1) {
                advance()
                advance()
                appendEscape(next, to: &out)
                continue
            }
            out.append(byte)
            advance()
        }
        return Directive.Argument(text: String(decoding: out, as: UTF8.self), quoted: false, location: start)
    }

    /// A quoted word; nginx wants whitespace, `;`, `{` or `)` after the closing quote.
    private mutating func readQuoted(_ quote: UInt8) throws(ParseError) -> Directive.Argument {
        let start = here
        advance()
        var out: [UInt8] = []
        while true {
            guard let byte = peek() else { throw ParseError("unterminated quoted string", at: start) }
            if byte == UInt8(ascii: "\\"), let next = peek(1) {
                advance()
                advance()
                appendEscape(next, to: &out)
                continue
            }
            advance()
            if byte == quote { break }
            out.append(byte)
        }
        if let next = peek(), !ConfigReader.isSpace(next),
            next != UInt8(ascii: ";"), next != UInt8(ascii: "{"), next != UInt8(ascii: ")")
        {
            throw ParseError("unexpected \"\(String(decoding: [next], as: UTF8.self))\" after a quoted string", at: here)
        }
        return Directive.Argument(text: String(decoding: out, as: UTF8.self), quoted: true, location: start)
    }

    /// nginx resolves `\"`, `\'`, `\\`, `\t`, `\r`, `\n` and keeps any other backslash.
    private func appendEscape(_ next: UInt8, to out: inout [UInt8]) {
        switch next {
        case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"): out.append(next)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "n"): out.append(0x0A)
        default: out += [UInt8(ascii: "\\"), next]
        }
    }

    /// The raw text of a Lua block up to its balancing `}`, skipping Lua strings and comments.
    private mutating func readLuaBody(opener: SourceLocation) throws(ParseError) -> String {
        let start = index
        var depth = 0
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: "{"):
                depth += 1
                advance()
            case UInt8(ascii: "}"):
                if depth == 0 {
                    let body = String(decoding: bytes[start..<index], as: UTF8.self)
                    advance()
                    return body
                }
                depth -= 1
                advance()
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                advance()
                while let b = peek(), b != byte {
                    if b == UInt8(ascii: "\n") { break }
                    if b == UInt8(ascii: "\\") && peek(1) != nil { advance() }
                    advance()
                }
                if peek() == byte { advance() }
            case UInt8(ascii: "-") where peek(1) == UInt8(ascii: "-"):
                advance()
                advance()
                if !skipLuaLongBracket() {
                    while let b = peek(), b != UInt8(ascii: "\n") { advance() }
                }
            case UInt8(ascii: "["):
                if !skipLuaLongBracket() { advance() }
            default:
                advance()
            }
        }
        throw ParseError("unexpected end of file in the Lua block opened at line \(opener.line)", at: opener)
    }

    /// Skips a Lua long bracket `[[ … ]]` / `[==[ … ]==]` at the cursor; false when there is none.
    private mutating func skipLuaLongBracket() -> Bool {
        guard peek() == UInt8(ascii: "[") else { return false }
        var level = 0
        while peek(1 + level) == UInt8(ascii: "=") { level += 1 }
        guard peek(1 + level) == UInt8(ascii: "[") else { return false }
        for _ in 0..<(level + 2) { advance() }
        while let byte = peek() {
            if byte == UInt8(ascii: "]") {
                var k = 1
                while k <= level && peek(k) == UInt8(ascii: "=") { k += 1 }
                if k == level + 1 && peek(k) == UInt8(ascii: "]") {
                    for _ in 0...(level + 1) { advance() }
                    return true
                }
            }
            advance()
        }
        return true
    }
}
