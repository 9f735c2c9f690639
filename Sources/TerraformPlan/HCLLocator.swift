import Graph

/// Finds where resources and their attributes are written in `.tf` files.
///
/// A locator, not an evaluator: it reads block headers (`resource "TYPE" "NAME" {`,
/// `data …`, `module "x" {`), attribute lines (`name = …`) and nested blocks (`rule {`, counted
/// per name so the second `rule` is `rule[1]`, as in plan values), skipping over expressions,
/// strings, heredocs and comments without understanding them.
///
/// A `dynamic "ingress" { for_each = … content { … } }` block makes as many `ingress` blocks
/// as the plan has, so which plan index is which written block is only known with the planned
/// values: blocks of a name that has a `dynamic` one in the same body form a `Group`, resolved
/// per resource instance by `Block.locations(for:)`.
struct HCLLocator {
    /// Where one block and the attributes inside it are.
    struct Block {
        var location: SourceLocation
        /// Attribute and nested block paths whose place does not depend on the planned values.
        var attributes: [AttributePath: SourceLocation] = [:]
        /// Blocks of one name written alongside a `dynamic` block of that name, anywhere in this
        /// block's body (empty for almost every block).
        var groups: [Group] = []
    }

    /// The nested blocks of one name in one body, when one of them is `dynamic`.
    ///
    /// Terraform expands the blocks of a body in the order they are written, each `dynamic`
    /// one in place, one block per `for_each` element (hcl's `dynblock` extension over
    /// `hclsyntax.Body.PartialContent`): `ingress {}` then `dynamic "ingress"` of three then
    /// `ingress {}` gives `ingress[0]` static, `ingress[1…3]` dynamic, `ingress[4]` static. That
    /// order is the plan's for list blocks; set blocks are listed in the set's own order, not the
    /// written one, so there (as for written blocks alone) an index may be matched to the wrong
    /// written block; the blocks of one `dynamic` block all share one content, so any index it
    /// made is right. With two or more `dynamic` blocks of a name only the statics before the
    /// first and after the last are placed: how many blocks each dynamic one made is not in the
    /// plan.
    struct Group {
        /// The body holding the blocks, from the start of the `Block` holding the group.
        var prefix: AttributePath
        var name: String
        /// In the order written; the location of a dynamic member is its `dynamic` keyword and
        /// its attributes those of its `content`, relative to one generated block.
        var members: [Member]
    }

    /// One block of a `Group`: a written block or a `dynamic` one standing for many.
    struct Member {
        var isDynamic: Bool
        /// Paths relative to one block the member makes.
        var block: Block
    }

    /// `resource` and `data` blocks by module-local address (`aws_kms_key.main`, `data.x.y`).
    private(set) var blocks: [String: Block] = [:]

    /// Adds the blocks of one `.tf` file (a block seen twice keeps its first place).
    mutating func add(_ file: SourceFile) {
        var parser = Parser(tokens: Lexer.tokens(file.bytes), path: file.path)
        for (key, block) in parser.topLevel() where blocks[key] == nil { blocks[key] = block }
    }

    fileprivate enum Kind: Equatable {
        case identifier, string, openBrace, closeBrace, equals, open, close, newline, other
    }

    fileprivate struct Token {
        var kind: Kind
        var text: String
        var line: Int
        var column: Int
    }

    private enum Lexer {
        static func tokens(_ b: [UInt8]) -> [Token] {
            var out: [Token] = []
            var i = 0
            var line = 1
            var col = 1
            let n = b.count
            func advance() {
                if b[i] == 0x0A {
                    line += 1
                    col = 1
                } else if b[i] & 0xC0 != 0x80 {
                    col += 1
                }
                i += 1
            }
            func isIdent(_ c: UInt8) -> Bool {
                (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x5F || c == 0x2D
                    || c >= 0x80
            }
            while i < n {
                let c = b[i]
                let (l, cl) = (line, col)
                if c == 0x0A {
                    out.append(Token(kind: .newline, text: "", line: l, column: cl))
                    advance()
                } else if c == 0x20 || c == 0x09 || c == 0x0D {
                    advance()
                } else if c == UInt8(ascii: "#") || (c == UInt8(ascii: "/") && i + 1 < n && b[i + 1] == UInt8(ascii: "/")) {
                    while i < n && b[i] != 0x0A { advance() }
                } else if c == UInt8(ascii: "/") && i + 1 < n && b[i + 1] == UInt8(ascii: "*") {
                    advance()
                    advance()
                    while i < n && !(b[i] == UInt8(ascii: "*") && i + 1 < n && b[i + 1] == UInt8(ascii: "/")) { advance() }
                    if i < n { advance() }
                    if i < n { advance() }
                } else if c == UInt8(ascii: "\"") {
                    advance()
                    var text: [UInt8] = []
                    var interpolation = 0
                    while i < n {
                        let d = b[i]
                        if d == UInt8(ascii: "\\") && i + 1 < n {
                            text.append(b[i + 1])
                            advance()
                            advance()
                            continue
                        }
                        if d == 0x0A && interpolation == 0 { break }
                        if interpolation == 0 && d == UInt8(ascii: "\"") { break }
                        if d == UInt8(ascii: "$") && i + 1 < n && b[i + 1] == UInt8(ascii: "{") {
                            interpolation += 1
                            text.append(d)
                            advance()
                        } else if interpolation > 0 && d == UInt8(ascii: "}") {
                            interpolation -= 1
                        }
                        text.append(b[i])
                        advance()
                    }
                    if i < n && b[i] == UInt8(ascii: "\"") { advance() }
                    out.append(Token(kind: .string, text: String(decoding: text, as: UTF8.self), line: l, column: cl))
                } else if c == UInt8(ascii: "<") && i + 1 < n && b[i + 1] == UInt8(ascii: "<") {
                    // heredoc: <<EOF or <<-EOF, up to a line holding only the marker
                    advance()
                    advance()
                    if i < n && b[i] == UInt8(ascii: "-") { advance() }
                    var marker: [UInt8] = []
                    while i < n && isIdent(b[i]) {
                        marker.append(b[i])
                        advance()
                    }
                    guard !marker.isEmpty else { continue }
                    out.append(Token(kind: .other, text: "heredoc", line: l, column: cl))
                    while i < n && b[i] != 0x0A { advance() }
                    while i < n {
                        advance()  // the newline
                        let start = i
                        while i < n && b[i] != 0x0A { advance() }
                        let content = b[start..<i].filter { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }
                        if content == marker { break }
                    }
                } else if isIdent(c) {
                    let start = i
                    while i < n && (isIdent(b[i]) || b[i] == UInt8(ascii: ".")) { advance() }
                    out.append(Token(kind: .identifier, text: String(decoding: b[start..<i], as: UTF8.self), line: l, column: cl))
                } else {
                    let kind: Kind
                    switch c {
                    case UInt8(ascii: "{"): kind = .openBrace
                    case UInt8(ascii: "}"): kind = .closeBrace
                    case UInt8(ascii: "("), UInt8(ascii: "["): kind = .open
                    case UInt8(ascii: ")"), UInt8(ascii: "]"): kind = .close
                    case UInt8(ascii: "="):
                        let next = i + 1 < n ? b[i + 1] : 0
                        kind = next == UInt8(ascii: "=") || next == UInt8(ascii: ">") ? .other : .equals
                        if kind == .other { advance() }
                    default: kind = .other
                    }
                    out.append(Token(kind: kind, text: "", line: l, column: cl))
                    advance()
                }
            }
            return out
        }
    }

    private struct Parser {
        var tokens: [Token]
        var path: String
        var i = 0

        init(tokens: [Token], path: String) {
            self.tokens = tokens
            self.path = path
        }

        func location(_ t: Token) -> SourceLocation { SourceLocation(path: path, line: t.line, column: t.column) }

        mutating func topLevel() -> [(String, Block)] {
            var out: [(String, Block)] = []
            while i < tokens.count {
                let t = tokens[i]
                guard t.kind == .identifier else {
                    i += 1
                    continue
                }
                i += 1
                var labels: [String] = []
                while i < tokens.count && tokens[i].kind == .string {
                    labels.append(tokens[i].text)
                    i += 1
                }
                guard i < tokens.count, tokens[i].kind == .openBrace else {
                    skipLine()
                    continue
                }
                i += 1
                var block = Block(location: location(t))
                body(AttributePath(), into: &block, depth: 0)
                if (t.text == "resource" || t.text == "ephemeral") && labels.count == 2 {
                    out.append(("\(labels[0]).\(labels[1])", block))
                } else if t.text == "data" && labels.count == 2 {
                    out.append(("data.\(labels[0]).\(labels[1])", block))
                }
            }
            return out
        }

        /// Reads a block body up to and including its closing brace.
        mutating func body(_ prefix: AttributePath, into block: inout Block, depth: Int) {
            // Hostile nesting is skipped, not recursed into: no real configuration nests blocks
            // this deep, and each level would take a stack frame.
            guard depth < Parser.maxDepth else {
                skipBlock()
                return
            }
            var counts: [String: Int] = [:]
            // `dynamic` blocks by the name they make, each with how many written blocks of
            // that name came before it.
            var dynamics: [String: [(before: Int, block: Block)]] = [:]
            reading: while i < tokens.count {
                let t = tokens[i]
                switch t.kind {
                case .closeBrace:
                    i += 1
                    break reading
                case .identifier:
                    i += 1
                    guard i < tokens.count else { break reading }
                    if tokens[i].kind == .equals {
                        i += 1
                        if depth < 32 { block.attributes[prefix.appending(t.text)] = location(t) }
                        skipExpression()
                        continue
                    }
                    var labels: [String] = []
                    while i < tokens.count && tokens[i].kind == .string {
                        labels.append(tokens[i].text)
                        i += 1
                    }
                    guard i < tokens.count, tokens[i].kind == .openBrace else { continue }
                    i += 1
                    if t.text == "dynamic", labels.count == 1 {
                        let content = dynamicBody(at: location(t), depth: depth + 1)
                        dynamics[labels[0], default: []].append((counts[labels[0], default: 0], content))
                        continue
                    }
                    if t.text == "dynamic" || !labels.isEmpty {
                        var ignored = Block(location: location(t))
                        body(prefix, into: &ignored, depth: depth + 1)
                        continue
                    }
                    let index = counts[t.text, default: 0]
                    counts[t.text] = index + 1
                    let path = prefix.appending(t.text).appending(index: index)
                    if index == 0 { block.attributes[prefix.appending(t.text)] = location(t) }
                    block.attributes[path] = location(t)
                    body(path, into: &block, depth: depth + 1)
                default:
                    i += 1
                }
            }
            for name in dynamics.keys.sorted() {
                block.groups.append(
                    Parser.group(name, at: prefix, statics: counts[name, default: 0], dynamics: dynamics[name] ?? [], from: &block))
            }
        }

        /// Reads the body of `dynamic "NAME" {` up to its closing brace: its `content` block,
        /// with paths relative to one generated block. `for_each`, `iterator` and `labels`
        /// configure the expansion and are not attributes of the blocks made.
        mutating func dynamicBody(at start: SourceLocation, depth: Int) -> Block {
            var content = Block(location: start)
            while i < tokens.count {
                let t = tokens[i]
                switch t.kind {
                case .closeBrace:
                    i += 1
                    return content
                case .identifier:
                    i += 1
                    guard i < tokens.count else { return content }
                    if tokens[i].kind == .equals {
                        i += 1
                        skipExpression()
                        continue
                    }
                    var labels = 0
                    while i < tokens.count && tokens[i].kind == .string {
                        labels += 1
                        i += 1
                    }
                    guard i < tokens.count, tokens[i].kind == .openBrace else { continue }
                    i += 1
                    if t.text == "content" && labels == 0 {
                        body(AttributePath(), into: &content, depth: depth)
                    } else {
                        var ignored = Block(location: location(t))
                        body(AttributePath(), into: &ignored, depth: depth)
                    }
                default:
                    i += 1
                }
            }
            return content
        }

        /// Moves the written blocks `name[0…statics-1]` of the body at `prefix` out of `block`
        /// into a group with the `dynamic` ones, in the order they were written.
        static func group(
            _ name: String, at prefix: AttributePath, statics: Int, dynamics: [(before: Int, block: Block)],
            from block: inout Block
        ) -> Group {
            let base = prefix.appending(name)
            let depth = base.segments.count
            // The index of a path below `name[n]` and the rest of it.
            func split(_ path: AttributePath) -> (Int, AttributePath)? {
                guard path.segments.count > depth, case .index(let n) = path.segments[depth], n < statics else { return nil }
                return (n, AttributePath(Array(path.segments[(depth + 1)...])))
            }
            var written = [Block](repeating: Block(location: block.location), count: statics)
            for path in block.attributes.keys.filter({ $0.hasPrefix(base) }) {
                let location = block.attributes.removeValue(forKey: path)
                guard let (n, rest) = split(path), let location else { continue }
                if rest.segments.isEmpty { written[n].location = location } else { written[n].attributes[rest] = location }
            }
            block.groups.removeAll { inner in
                guard inner.prefix.hasPrefix(base), let (n, rest) = split(inner.prefix) else { return false }
                written[n].groups.append(Group(prefix: rest, name: inner.name, members: inner.members))
                return true
            }
            var members: [Member] = []
            var next = 0
            for (before, content) in dynamics {
                while next < before {
                    members.append(Member(isDynamic: false, block: written[next]))
                    next += 1
                }
                members.append(Member(isDynamic: true, block: content))
            }
            members += written[next...].map { Member(isDynamic: false, block: $0) }
            return Group(prefix: prefix, name: name, members: members)
        }

        /// Skips an attribute's expression: up to a newline outside brackets.
        mutating func skipExpression() {
            var depth = 0
            while i < tokens.count {
                switch tokens[i].kind {
                case .open, .openBrace: depth += 1
                case .close: depth -= 1
                case .closeBrace:
                    if depth == 0 { return }
                    depth -= 1
                case .newline:
                    if depth <= 0 {
                        i += 1
                        return
                    }
                default: break
                }
                i += 1
            }
        }

        /// Blocks nested deeper than this are skipped whole.
        static let maxDepth = 64

        /// Skips the rest of a block body, nested blocks included, up to and including its
        /// closing brace, without recursion.
        mutating func skipBlock() {
            var open = 1
            while i < tokens.count {
                switch tokens[i].kind {
                case .openBrace: open += 1
                case .closeBrace: open -= 1
                default: break
                }
                i += 1
                if open == 0 { return }
            }
        }

        mutating func skipLine() {
            while i < tokens.count && tokens[i].kind != .newline { i += 1 }
        }
    }
}
