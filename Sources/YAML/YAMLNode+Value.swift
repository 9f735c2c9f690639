import Graph

extension YAMLNode {
    /// The node as a `Value`, resolving plain scalars as Kubernetes does (YAML 1.1 via
    /// go-yaml: `yes`/`on`/`y` are booleans, `0x1F` and `0755` integers, `~` null), and
    /// recording the location of every node under its attribute path.
    ///
    /// Mapping keys that are not strings are written in their scalar form (`8080`), since
    /// Kubernetes objects are JSON, whose keys are strings.
    public func value(path: AttributePath = AttributePath(), file: String, locations: inout [AttributePath: SourceLocation]) -> Value {
        locations[path] = SourceLocation(path: file, line: line, column: column)
        var segments = path.segments
        return value(segments: &segments, file: file, locations: &locations)
    }

    /// How many locations `value(path:file:locations:)` records for this node: itself and every
    /// sequence item and mapping value below it (for reserving capacity before calling it).
    public var locatedCount: Int {
        var count = 1
        switch content {
        case .scalar: break
        case .sequence(let items):
            for item in items { count += item.locatedCount }
        case .mapping(let pairs):
            for pair in pairs { count += pair.value.locatedCount }
        }
        return count
    }

    /// The value of this node, recording the locations of its descendants (not its own) under
    /// paths that extend `segments`; `segments` is restored before returning.
    private func value(segments: inout [AttributePath.Segment], file: String, locations: inout [AttributePath: SourceLocation]) -> Value {
        switch content {
        case .scalar(let text, let style, let tag):
            return YAMLNode.resolve(text, style: style, tag: tag)
        case .sequence(let items):
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                segments.append(.index(i))
                locations[AttributePath(segments)] = SourceLocation(path: file, line: item.line, column: item.column)
                out.append(item.value(segments: &segments, file: file, locations: &locations))
                segments.removeLast()
            }
            return .list(out)
        case .mapping(let pairs):
            var out: [String: Value] = [:]
            out.reserveCapacity(pairs.count)
            for pair in pairs {
                let key = pair.key.scalar ?? pair.key.flowText
                segments.append(.key(key))
                // A key's own line is where a finding about "this setting" belongs.
                locations[AttributePath(segments)] = SourceLocation(path: file, line: pair.key.line, column: pair.key.column)
                out[key] = pair.value.value(segments: &segments, file: file, locations: &locations)
                segments.removeLast()
            }
            return .map(out)
        }
    }

    /// The node as a `Value` without locations.
    public var value: Value {
        var ignored: [AttributePath: SourceLocation] = [:]
        return value(file: "", locations: &ignored)
    }

    /// A compact text form of a non-scalar key.
    var flowText: String {
        switch content {
        case .scalar(let s, _, _): return s
        case .sequence(let items): return "[" + items.map(\.flowText).joined(separator: ", ") + "]"
        case .mapping(let pairs): return "{" + pairs.map { "\($0.key.flowText): \($0.value.flowText)" }.joined(separator: ", ") + "}"
        }
    }

    /// Resolves a scalar to a typed value by YAML 1.1 rules as go-yaml v2 applies them.
    public static func resolve(_ text: String, style: ScalarStyle, tag: String?) -> Value {
        if let tag, tag != "!" {
            switch tag {
            case "tag:yaml.org,2002:str": return .string(text)
            case "tag:yaml.org,2002:null": return .null
            case "tag:yaml.org,2002:bool": return resolveBool(text).map(Value.bool) ?? .string(text)
            case "tag:yaml.org,2002:int": return resolveInt(text).map(Value.int) ?? .string(text)
            case "tag:yaml.org,2002:float":
                return resolveFloat(text).map(Value.double) ?? resolveInt(text).map { .double(Double($0)) } ?? .string(text)
            default: break
            }
        }
        guard style == .plain else { return .string(text) }
        // Most plain scalars are names; the first byte rules out every other type cheaply.
        let utf8 = text.utf8
        guard let first = utf8.first else { return .null }
        if !YAMLNode.mayBeTyped(first: first, count: utf8.count) { return .string(text) }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        default: break
        }
        if let b = resolveBool(text) { return .bool(b) }
        if let i = resolveInt(text) { return .int(i) }
        if let d = resolveFloat(text) { return .double(d) }
        return .string(text)
    }

    /// False when a plain scalar starting with byte `first` and `count` bytes long cannot be
    /// null, a boolean, an integer or a float (so it is a string): nulls and booleans are at
    /// most 5 bytes and start with `~nNyYtTfFoO`; numbers start with a digit, a sign, `.`, `_`,
    /// or (for `isNumber` digits of other scripts) a non-ASCII byte.
    static func mayBeTyped(first: UInt8, count: Int) -> Bool {
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"):
            return true
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "t"),
            UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "o"), UInt8(ascii: "O"):
            return count <= 5
        default:
            return first >= 0x80
        }
    }

    static func resolveBool(_ text: String) -> Bool? {
        switch text {
        case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON": return true
        case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF": return false
        default: return nil
        }
    }

    static func resolveInt(_ text: String) -> Int64? {
        var s = Substring(text.filter { $0 != "_" })
        guard !s.isEmpty, text.first != "_" else { return nil }
        var negative = false
        if s.first == "-" || s.first == "+" {
            negative = s.first == "-"
            s = s.dropFirst()
        }
        guard !s.isEmpty else { return nil }
        var radix = 10
        if s.hasPrefix("0x") {
            radix = 16
            s = s.dropFirst(2)
        } else if s.hasPrefix("0b") {
            radix = 2
            s = s.dropFirst(2)
        } else if s.hasPrefix("0o") {
            radix = 8
            s = s.dropFirst(2)
        } else if s.count > 1 && s.hasPrefix("0") {
            radix = 8
            s = s.dropFirst()
        }
        guard !s.isEmpty, let magnitude = UInt64(s, radix: radix) else { return nil }
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            guard magnitude <= UInt64(Int64.max) else { return nil }
            return -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    static func resolveFloat(_ text: String) -> Double? {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: break
        }
        let s = text.filter { $0 != "_" }
        // YAML 1.1 floats: [-+]?([0-9][0-9_]*)?\.[0-9.]*([eE][-+][0-9]+)? and plain exponents.
        guard let first = s.first, first.isNumber || first == "-" || first == "+" || first == "." else { return nil }
        guard s.contains(where: { $0.isNumber }) else { return nil }
        guard s.allSatisfy({ $0.isNumber || "+-.eE".contains($0) }) else { return nil }
        return Double(s)
    }
}
