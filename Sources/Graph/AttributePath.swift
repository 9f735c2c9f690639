/// A path from a resource's attributes to one value inside them: `spec.tls[0].hosts`.
///
/// The string form joins keys with `.` and writes list indices as `[n]`; a key that is empty or
/// holds `.`, `[`, `]`, `"` or a space is written as `["key"]` (with `\"` and `\\` escaped), so
/// every path has exactly one spelling and the string form is a stable dictionary key.
public struct AttributePath: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// One step of a path.
    public enum Segment: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    /// The steps from the resource's attributes to the value.
    public var segments: [Segment]

    /// The path with these steps; the empty path names the attributes themselves.
    public init(_ segments: [Segment] = []) { self.segments = segments }

    /// A path of map keys only: `AttributePath(keys: "spec", "tls")`.
    public init(keys: String...) { self.segments = keys.map(Segment.key) }

    /// This path followed by a map key.
    public func appending(_ key: String) -> AttributePath { AttributePath(segments + [.key(key)]) }

    /// This path followed by a list index.
    public func appending(index: Int) -> AttributePath { AttributePath(segments + [.index(index)]) }

    /// The path one step up, or nil for the empty path.
    public var parent: AttributePath? { segments.isEmpty ? nil : AttributePath(Array(segments.dropLast())) }

    /// True when this path starts with every step of `prefix`.
    public func hasPrefix(_ prefix: AttributePath) -> Bool {
        prefix.segments.count <= segments.count && Array(segments.prefix(prefix.segments.count)) == prefix.segments
    }

    public var description: String {
        var out = ""
        for segment in segments {
            switch segment {
            case .index(let i): out += "[\(i)]"
            case .key(let key):
                if AttributePath.isPlain(key) {
                    if !out.isEmpty { out += "." }
                    out += key
                } else {
                    out += "[\""
                    for c in key {
                        if c == "\\" || c == "\"" { out += "\\" }
                        out.append(c)
                    }
                    out += "\"]"
                }
            }
        }
        return out
    }

    /// Parses the string form; nil when it is malformed.
    public init?(parsing text: String) {
        var segments: [Segment] = []
        let chars = Array(text)
        var i = 0
        var current = ""
        var expectKey = true
        func flush() {
            if !current.isEmpty { segments.append(.key(current)); current = "" }
        }
        while i < chars.count {
            let c = chars[i]
            if c == "." {
                if current.isEmpty && expectKey { return nil }
                flush()
                expectKey = true
                i += 1
            } else if c == "[" {
                flush()
                i += 1
                guard i < chars.count else { return nil }
                if chars[i] == "\"" {
                    i += 1
                    var key = ""
                    while i < chars.count && chars[i] != "\"" {
                        if chars[i] == "\\" && i + 1 < chars.count { i += 1 }
                        key.append(chars[i])
                        i += 1
                    }
                    guard i + 1 < chars.count, chars[i] == "\"", chars[i + 1] == "]" else { return nil }
                    segments.append(.key(key))
                    i += 2
                } else {
                    var digits = ""
                    while i < chars.count && chars[i].isNumber { digits.append(chars[i]); i += 1 }
                    guard i < chars.count, chars[i] == "]", let n = Int(digits) else { return nil }
                    segments.append(.index(n))
                    i += 1
                }
                expectKey = false
            } else {
                current.append(c)
                expectKey = false
                i += 1
            }
        }
        flush()
        self.segments = segments
    }

    public static func < (a: AttributePath, b: AttributePath) -> Bool { a.description < b.description }

    /// Feeds the hasher one word folded from every step (FNV-1a over the keys' UTF-8 and the
    /// indices), not one round per step and key: paths are hashed on every location lookup.
    public func hash(into hasher: inout Hasher) {
        let prime: UInt64 = 0x100_0000_01b3
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for segment in segments {
            switch segment {
            case .key(let key):
                for byte in key.utf8 { h = (h ^ UInt64(byte)) &* prime }
                // Not a byte value: ends the key, so `["ab"]` and `["a", "b"]` differ.
                h = (h ^ 0x1FF) &* prime
            case .index(let index):
                h = (h ^ 0x2FF) &* prime
                h = (h ^ UInt64(bitPattern: Int64(index))) &* prime
            }
        }
        hasher.combine(h)
    }

    public static func == (a: AttributePath, b: AttributePath) -> Bool { a.segments == b.segments }

    static func isPlain(_ key: String) -> Bool {
        !key.isEmpty && !key.contains { $0 == "." || $0 == "[" || $0 == "]" || $0 == "\"" || $0 == " " || $0 == "\\" }
    }
}
