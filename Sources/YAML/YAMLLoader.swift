import CYAML
import Graph

/// Reads YAML streams through libyaml's event API into `YAMLNode` trees with positions.
public struct YAMLLoader: Sendable {
    public var limits: YAMLLimits

    /// A loader with the given limits.
    public init(limits: YAMLLimits = YAMLLimits()) { self.limits = limits }

    /// Every document of `file`.
    ///
    /// Throws a `ParseError` at the offending place for malformed YAML, a duplicate mapping key,
    /// an undefined alias, nesting deeper than `limits.maxDepth`, alias expansion beyond
    /// `limits.maxNodes`, or a file that is binary or UTF-16 without a byte order mark.
    public func load(_ file: SourceFile) throws(ParseError) -> [YAMLDocument] {
        try YAMLLoader.checkEncoding(file)
        var builder = Builder(path: file.path, limits: limits)
        try YAMLLoader.parseEvents(file) { event in
            switch builder.handle(event) {
            case .success: return .next
            case .failure(let error): return .failure(error)
            }
        }
        return builder.documents
    }

    /// What an event handler tells `parseEvents` to do next.
    enum EventOutcome {
        case next
        case stop
        case failure(ParseError)
    }

    /// Runs libyaml over `file` and hands each event to `handle` until the stream ends, the
    /// handler stops, or an error: libyaml's own (at its mark, or at the byte offset of an
    /// encoding error) or the handler's.
    static func parseEvents(_ file: SourceFile, _ handle: (yaml_event_t) -> EventOutcome) throws(ParseError) {
        let result: Result<Void, ParseError> = file.bytes.withUnsafeBufferPointer { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                return .failure(ParseError("cannot initialise the YAML parser", at: SourceLocation(path: file.path, line: 1)))
            }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buffer.baseAddress ?? UnsafePointer(bitPattern: 1), buffer.count)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    if parser.error == YAML_READER_ERROR {
                        // Encoding errors carry a byte offset, not a line mark.
                        let problem = parser.problem.map { String(cString: $0) } ?? "invalid UTF-8"
                        return .failure(
                            ParseError(problem, at: YAMLLoader.location(ofOffset: Int(parser.problem_offset), in: file.bytes, path: file.path)))
                    }
                    return .failure(YAMLLoader.parserError(parser, path: file.path))
                }
                let done = event.type == YAML_STREAM_END_EVENT
                let outcome = handle(event)
                yaml_event_delete(&event)
                switch outcome {
                case .next: if done { return .success(()) }
                case .stop: return .success(())
                case .failure(let error): return .failure(error)
                }
            }
        }
        try result.get()
    }

    static func checkEncoding(_ file: SourceFile) throws(ParseError) {
        let b = file.bytes
        let hasBOM16 = b.count >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))
        if hasBOM16 { return }
        if let nul = b.prefix(1 << 20).firstIndex(of: 0) {
            let looksUTF16 = b.count >= 4 && (b[0] == 0 || b[1] == 0) && b.prefix(64).filter({ $0 == 0 }).count >= 8
            let message = looksUTF16
                ? "file looks like UTF-16 without a byte order mark; save it as UTF-8"
                : "binary file (NUL byte at offset \(nul)) is not YAML"
            throw ParseError(message, at: location(ofOffset: nul, in: b, path: file.path))
        }
    }

    /// The 1-based line and column of a byte offset.
    static func location(ofOffset offset: Int, in bytes: [UInt8], path: String) -> SourceLocation {
        var line = 1
        var column = 1
        for byte in bytes[..<min(offset, bytes.count)] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(path: path, line: line, column: column)
    }

    static func parserError(_ parser: yaml_parser_t, path: String) -> ParseError {
        let problem = parser.problem.map { String(cString: $0) } ?? "malformed YAML"
        let mark = parser.problem_mark
        var message = problem
        if let context = parser.context.map({ String(cString: $0) }) {
            message = "\(problem) (\(context) at line \(parser.context_mark.line + 1))"
        }
        return ParseError(message, at: SourceLocation(path: path, line: Int(mark.line) + 1, column: Int(mark.column) + 1))
    }
}

/// Turns the event stream into trees; an explicit stack keeps deep input off the call stack.
private struct Builder {
    let path: String
    let limits: YAMLLimits
    var documents: [YAMLDocument] = []
    var anchors: [String: (node: YAMLNode, size: Int, located: Int)] = [:]
    var expanded = 0
    var documentLine = 1
    var root: YAMLNode?
    /// `YAMLNode.locatedCount` of `root`, counted on the way (at most, with merge keys).
    var rootLocated = 0

    struct Frame {
        var isMapping: Bool
        var line: Int
        var column: Int
        var tag: String?
        var anchor: String?
        var items: [YAMLNode] = []
        var size = 1
        /// Locations `value(path:file:locations:)` records for the node: it, items, values.
        var located = 1
    }
    var stack: [Frame] = []
    var pendingSizes: [Int] = []

    init(path: String, limits: YAMLLimits) {
        self.path = path
        self.limits = limits
    }

    func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(path: path, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    mutating func handle(_ event: yaml_event_t) -> Result<Void, ParseError> {
        let mark = event.start_mark
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            anchors = [:]
            root = nil
            documentLine = Int(mark.line) + 1
        case YAML_DOCUMENT_END_EVENT:
            if case .scalar("", .plain, tag: nil)? = root?.content { root = nil }
            documents.append(YAMLDocument(root: root, line: documentLine, locatedCount: root == nil ? nil : rootLocated))
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            let (text, style, tag) = YAMLNode.scalar(of: event)
            let node = YAMLNode(.scalar(text, style, tag: tag), line: Int(mark.line) + 1, column: Int(mark.column) + 1)
            if let anchor = s.anchor.map({ String(cString: $0) }) { anchors[anchor] = (node, 1, 1) }
            return add(node, size: 1, located: 1, at: mark)
        case YAML_ALIAS_EVENT:
            let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
            guard let (node, size, located) = anchors[name] else {
                return .failure(ParseError("undefined alias \"*\(name)\"", at: location(mark)))
            }
            var copy = node
            copy.line = Int(mark.line) + 1
            copy.column = Int(mark.column) + 1
            return add(copy, size: size, located: located, at: mark)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            guard stack.count < limits.maxDepth else {
                return .failure(ParseError("nesting deeper than \(limits.maxDepth) levels", at: location(mark)))
            }
            let anchor = (isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor).map { String(cString: $0) }
            let tag = (isMapping ? event.data.mapping_start.tag : event.data.sequence_start.tag).map { String(cString: $0) }
            stack.append(Frame(isMapping: isMapping, line: Int(mark.line) + 1, column: Int(mark.column) + 1, tag: tag, anchor: anchor))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { break }
            let node: YAMLNode
            if frame.isMapping {
                switch buildMapping(frame) {
                case .success(let n): node = n
                case .failure(let e): return .failure(e)
                }
            } else {
                node = YAMLNode(.sequence(frame.items), line: frame.line, column: frame.column, tag: frame.tag)
            }
            if let anchor = frame.anchor { anchors[anchor] = (node, frame.size, frame.located) }
            return add(node, size: frame.size, located: frame.located, at: mark)
        default:
            break
        }
        return .success(())
    }

    mutating func add(_ node: YAMLNode, size: Int, located: Int, at mark: yaml_mark_t) -> Result<Void, ParseError> {
        expanded += size
        if expanded > limits.maxNodes {
            return .failure(ParseError(
                "aliases expand to more than \(limits.maxNodes) nodes (an alias bomb?)", at: location(mark)))
        }
        if stack.isEmpty {
            root = node
            rootLocated = located
        } else {
            let top = stack.count - 1
            // A mapping's keys have no locations of their own (their values do).
            if !stack[top].isMapping || stack[top].items.count % 2 == 1 { stack[top].located += located }
            stack[top].items.append(node)
            stack[top].size += size
        }
        return .success(())
    }

    func buildMapping(_ frame: Frame) -> Result<YAMLNode, ParseError> {
        var pairs: [YAMLNode.Pair] = []
        pairs.reserveCapacity(frame.items.count / 2)
        var merged: [YAMLNode.Pair] = []
        var seen = SeenKeys()
        var i = 0
        while i + 1 < frame.items.count {
            let key = frame.items[i]
            let value = frame.items[i + 1]
            i += 2
            if case .scalar("<<", .plain, _) = key.content {
                // Merge keys: a mapping, or a sequence of mappings, whose keys this one lacks.
                let sources: [YAMLNode]
                switch value.content {
                case .mapping: sources = [value]
                case .sequence(let items): sources = items
                default:
                    return .failure(ParseError("merge key \"<<\" needs a mapping or a list of mappings", at: SourceLocation(path: path, line: value.line, column: value.column)))
                }
                for source in sources {
                    guard case .mapping(let sourcePairs) = source.content else {
                        return .failure(ParseError("merge key \"<<\" needs a mapping or a list of mappings", at: SourceLocation(path: path, line: source.line, column: source.column)))
                    }
                    // Earlier sources win over later ones.
                    for pair in sourcePairs where !merged.contains(where: { $0.key.sameKey(pair.key) }) {
                        merged.append(pair)
                    }
                }
                continue
            }
            if let first = seen.insert(key, among: pairs) {
                return .failure(ParseError(
                    "duplicate key \(key.scalar.map { "\"\($0)\"" } ?? "") (first defined at line \(first.line))",
                    at: SourceLocation(path: path, line: key.line, column: key.column)))
            }
            pairs.append(YAMLNode.Pair(key: key, value: value))
        }
        for pair in merged where !pairs.contains(where: { $0.key.sameKey(pair.key) }) {
            pairs.append(pair)
        }
        return .success(YAMLNode(.mapping(pairs), line: frame.line, column: frame.column, tag: frame.tag))
    }
}

/// Duplicate-key detection for one mapping: a linear scan of the pairs so far for the few keys
/// most mappings have, a dictionary of key identities beyond that.
private struct SeenKeys {
    private var table: [YAMLNode.KeyIdentity: Int]?

    /// The earlier key of `pairs` equal to `key`, if any; otherwise notes `key` as the next pair.
    mutating func insert(_ key: YAMLNode, among pairs: [YAMLNode.Pair]) -> YAMLNode? {
        if table == nil {
            if pairs.count < 12 {
                for pair in pairs where pair.key.isSameKey(as: key) { return pair.key }
                return nil
            }
            var built: [YAMLNode.KeyIdentity: Int] = [:]
            built.reserveCapacity(pairs.count * 2)
            for (index, pair) in pairs.enumerated() where built[pair.key.keyIdentityKey] == nil {
                built[pair.key.keyIdentityKey] = index
            }
            table = built
        }
        let identity = key.keyIdentityKey
        if let at = table?[identity] { return pairs[at].key }
        table?[identity] = pairs.count
        return nil
    }
}

extension YAMLNode {
    /// What makes two mapping keys the same key: a scalar's text and tag (whatever its
    /// quoting), or a collection's position-free form.
    fileprivate enum KeyIdentity: Hashable {
        case scalar(String, tag: String?)
        case other(YAMLNode)
    }

    /// True when this key and `other` are the same mapping key (as `keyIdentity` decides),
    /// without building identities for the common case of two untagged scalars.
    fileprivate func isSameKey(as other: YAMLNode) -> Bool {
        if tag == nil, other.tag == nil, case .scalar(let a, _, let aTag) = content, case .scalar(let b, _, let bTag) = other.content {
            return a == b && aTag == bTag
        }
        return keyIdentityKey == other.keyIdentityKey
    }

    /// This node's key identity; equal exactly when `keyIdentity` is.
    fileprivate var keyIdentityKey: KeyIdentity {
        if case .scalar(let s, _, let tag) = content, self.tag == nil { return .scalar(s, tag: tag) }
        return .other(keyIdentity)
    }

    /// The node without positions, so equal keys at different places compare equal.
    fileprivate var keyIdentity: YAMLNode {
        var copy = self
        copy.line = 0
        copy.column = 0
        if case .scalar(let s, _, let tag) = content { copy.content = .scalar(s, .plain, tag: tag) }
        if case .sequence(let items) = content { copy.content = .sequence(items.map(\.keyIdentity)) }
        if case .mapping(let pairs) = content {
            copy.content = .mapping(pairs.map { Pair(key: $0.key.keyIdentity, value: $0.value.keyIdentity) })
        }
        return copy
    }

    fileprivate func sameKey(_ other: YAMLNode) -> Bool { keyIdentity == other.keyIdentity }
}

extension YAMLNode {
    /// The text, style and tag of a libyaml scalar event (both loaders read scalars this way).
    static func scalar(of event: yaml_event_t) -> (text: String, style: ScalarStyle, tag: String?) {
        let s = event.data.scalar
        let text = s.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: s.length), as: UTF8.self) } ?? ""
        let style: ScalarStyle
        switch s.style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: style = .literal
        case YAML_FOLDED_SCALAR_STYLE: style = .folded
        default: style = .plain
        }
        return (text, style, s.tag.map { String(cString: $0) })
    }
}
