import CYAML
import Graph

extension YAMLLoader {
    /// Every document of `file` as values with locations, read straight from libyaml's events
    /// without building `YAMLNode` trees; nil when the file uses what only `load` handles
    /// (anchors, aliases, merge keys, collections as keys, `!!null` tags), so the caller reads it
    /// with `load` instead.
    ///
    /// For the files it reads, the values and locations are those `load` followed by
    /// `YAMLNode.value(path:file:locations:)` gives, and the errors are the ones `load` throws.
    public func loadLocated(_ file: SourceFile) throws(ParseError) -> [YAMLLocatedDocument]? {
        try YAMLLoader.checkEncoding(file)
        var builder = LocatedBuilder(path: file.path, limits: limits)
        var unsupported = false
        try YAMLLoader.parseEvents(file) { event in
            switch builder.handle(event) {
            case .next: return .next
            case .unsupported:
                unsupported = true
                return .stop
            case .failure(let error): return .failure(error)
            }
        }
        return unsupported ? nil : builder.documents
    }
}

/// Builds values and location lists from the event stream, with explicit stacks (deep input
/// stays off the call stack) shared by all open collections, so a collection costs no
/// allocation beyond its value.
private struct LocatedBuilder {
    enum Step {
        case next
        case unsupported
        case failure(ParseError)
    }

    /// A mapping key as duplicate detection compares it: text and tag, whatever the quoting.
    struct KeyIdentity: Hashable {
        var text: String
        var tag: String?
    }

    struct Key {
        var identity: KeyIdentity
        var line: Int
        var column: Int
    }

    struct Frame {
        var isMapping: Bool
        /// Where this collection's children start in `values` (and its keys in `keys`).
        var valueBase: Int
        var keyBase: Int
        /// True while a mapping waits for its next key.
        var expectingKey: Bool
        /// The first duplicate key, reported when the mapping ends (as `load` does).
        var duplicate: ParseError?
        /// Key identities → line of their first use, once the mapping has many keys.
        var keyLines: [KeyIdentity: Int]?
        /// The collection's own entry in `nodes`, and its last child entry so far.
        var node: Int32
        var lastChild: Int32 = -1
    }

    let path: String
    let limits: YAMLLimits
    var documents: [YAMLLocatedDocument] = []
    var expanded = 0
    var documentLine = 1
    var root: Value?
    var rootIsEmpty = false
    var rootLine = 1
    var rootColumn = 1
    var frames: [Frame] = []
    var values: [Value] = []
    var keys: [Key] = []
    /// The location tree nodes of the current document, in document order (a buffer reused
    /// from document to document; each tree gets a copy of exactly its size).
    var nodes: [LocationTree.Node] = []

    /// Spare room in a document root's dictionary.
    static let rootRoom = 16
    /// Mappings with fewer keys than this are checked for duplicates by a scan.
    static let scanLimit = 12
    static let nullTag = "tag:yaml.org,2002:null"

    init(path: String, limits: YAMLLimits) {
        self.path = path
        self.limits = limits
    }

    func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(path: path, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    mutating func handle(_ event: yaml_event_t) -> Step {
        let mark = event.start_mark
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            root = nil
            rootIsEmpty = false
            nodes.removeAll(keepingCapacity: true)
            documentLine = Int(mark.line) + 1
        case YAML_DOCUMENT_END_EVENT:
            let value = rootIsEmpty ? nil : root
            documents.append(
                YAMLLocatedDocument(
                    value: value, line: documentLine, rootLine: rootLine, rootColumn: rootColumn,
                    tree: LocationTree(file: path, nodes: nodes.withUnsafeBufferPointer { Array($0) })))
        case YAML_SCALAR_EVENT:
            if event.data.scalar.anchor != nil { return .unsupported }
            let (text, style, tag) = YAMLNode.scalar(of: event)
            if let top = frames.indices.last, frames[top].isMapping, frames[top].expectingKey {
                if style == .plain && text == "<<" { return .unsupported }
                if let step = count(at: mark) { return step }
                addKey(KeyIdentity(text: text, tag: tag), at: mark, frame: top)
                return .next
            }
            if tag == LocatedBuilder.nullTag { return .unsupported }
            beginNode(at: mark)
            if frames.isEmpty { rootIsEmpty = text.isEmpty && style == .plain && tag == nil }
            if let step = count(at: mark) { return step }
            endNode(tag == nil && style == .plain ? LocatedBuilder.resolvePlain(text) : YAMLNode.resolve(text, style: style, tag: tag))
        case YAML_ALIAS_EVENT:
            return .unsupported
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            guard frames.count < limits.maxDepth else {
                return .failure(ParseError("nesting deeper than \(limits.maxDepth) levels", at: location(mark)))
            }
            if (isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor) != nil { return .unsupported }
            if let top = frames.last, top.isMapping, top.expectingKey { return .unsupported }
            beginNode(at: mark)
            if frames.isEmpty { rootIsEmpty = false }
            frames.append(
                Frame(isMapping: isMapping, valueBase: values.count, keyBase: keys.count, expectingKey: isMapping, node: Int32(nodes.count - 1)))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = frames.popLast() else { break }
            let value: Value
            if frame.isMapping {
                if let duplicate = frame.duplicate { return .failure(duplicate) }
                // A document's root gets room for members its reader adds (Kubernetes adds
                // name, namespace, labels, …), so adding them does not copy the dictionary.
                let extra = frames.isEmpty ? LocatedBuilder.rootRoom : 0
                var members = [String: Value](minimumCapacity: values.count - frame.valueBase + extra)
                var k = frame.keyBase
                for v in frame.valueBase..<values.count {
                    members[keys[k].identity.text] = values[v]
                    k += 1
                }
                keys.removeSubrange(frame.keyBase...)
                value = .map(members)
            } else {
                value = .list(Array(values[frame.valueBase...]))
            }
            values.removeSubrange(frame.valueBase...)
            if let step = count(at: mark) { return step }
            endNode(value)
        default:
            break
        }
        return .next
    }

    /// `YAMLNode.resolve` of an untagged plain scalar, with decimal integers (port numbers,
    /// replica counts) read without trying the other types first.
    static func resolvePlain(_ text: String) -> Value {
        let utf8 = text.utf8
        let count = utf8.count
        // Up to 18 digits, without a leading 0 (octal) unless alone: always an Int64.
        if count > 0 && count <= 18, let first = utf8.first, first != UInt8(ascii: "0") || count == 1 {
            var n: Int64 = 0
            var digits = true
            for byte in utf8 {
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else {
                    digits = false
                    break
                }
                n = n * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            if digits { return .int(n) }
        }
        return YAMLNode.resolve(text, style: .plain, tag: nil)
    }

    /// Counts one more node against `limits.maxNodes`; the failure when it is exceeded.
    mutating func count(at mark: yaml_mark_t) -> Step? {
        expanded += 1
        if expanded > limits.maxNodes {
            return .failure(ParseError("aliases expand to more than \(limits.maxNodes) nodes (an alias bomb?)", at: location(mark)))
        }
        return nil
    }

    /// Records the location of a node starting at `mark` that is not a mapping key: the root at
    /// the empty path, a sequence item at its index (a mapping value's key is recorded already).
    mutating func beginNode(at mark: yaml_mark_t) {
        guard let top = frames.last else {
            rootLine = Int(mark.line) + 1
            rootColumn = Int(mark.column) + 1
            nodes.append(LocationTree.Node(segment: .index(0), line: Int32(clamping: Int(mark.line) + 1), column: Int32(clamping: Int(mark.column) + 1)))
            return
        }
        if !top.isMapping {
            addChild(
                LocationTree.Node(
                    segment: .index(values.count - top.valueBase), line: Int32(clamping: Int(mark.line) + 1), column: Int32(clamping: Int(mark.column) + 1)),
                frame: frames.count - 1)
        }
    }

    /// Appends a location tree node as the last child of the collection of frame `top`.
    mutating func addChild(_ node: LocationTree.Node, frame top: Int) {
        let index = Int32(nodes.count)
        let last = frames[top].lastChild
        if last < 0 {
            nodes[Int(frames[top].node)].firstChild = index
        } else {
            nodes[Int(last)].nextSibling = index
        }
        frames[top].lastChild = index
        nodes.append(node)
    }

    /// Hands a finished node to its collection (or makes it the root).
    mutating func endNode(_ value: Value) {
        guard let top = frames.indices.last else {
            root = value
            return
        }
        values.append(value)
        if frames[top].isMapping { frames[top].expectingKey = true }
    }

    /// Notes a mapping key: its location under its path, and whether it repeats an earlier key.
    mutating func addKey(_ identity: KeyIdentity, at mark: yaml_mark_t, frame top: Int) {
        let line = Int(mark.line) + 1
        let column = Int(mark.column) + 1
        if case .none = frames[top].duplicate, let first = firstLine(of: identity, line: line, frame: top) {
            frames[top].duplicate = ParseError(
                "duplicate key \"\(identity.text)\" (first defined at line \(first))", at: SourceLocation(path: path, line: line, column: column))
        }
        keys.append(Key(identity: identity, line: line, column: column))
        frames[top].expectingKey = false
        addChild(LocationTree.Node(segment: .key(identity.text), line: Int32(clamping: line), column: Int32(clamping: column)), frame: top)
    }

    /// The line of an earlier key of the mapping equal to `identity`, if any; otherwise notes
    /// `identity` as first used at `line`.
    mutating func firstLine(of identity: KeyIdentity, line: Int, frame top: Int) -> Int? {
        let base = frames[top].keyBase
        if frames[top].keyLines == nil {
            if keys.count - base < LocatedBuilder.scanLimit {
                for k in base..<keys.count where keys[k].identity == identity { return keys[k].line }
                return nil
            }
            var table = [KeyIdentity: Int](minimumCapacity: (keys.count - base) * 2)
            for k in base..<keys.count where table[keys[k].identity] == nil { table[keys[k].identity] = keys[k].line }
            frames[top].keyLines = table
        }
        if let line = frames[top].keyLines?[identity] { return line }
        frames[top].keyLines?[identity] = line
        return nil
    }
}
