/// A JSON value whose object members keep the order they were written in, so reports have a
/// fixed member order (Foundation's serializer may reorder keys).
public enum JSONNode: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSONNode])
    /// Members in the order they are written out.
    case object([(String, JSONNode)])
    /// A value already written by `written(indent:)` at the indent it is placed at (an element
    /// of an array written at `indent - 2`), so large arrays can be written on several threads.
    case written([UInt8])

    /// A string, or `null` when there is none.
    public static func optional(_ s: String?) -> JSONNode { s.map(JSONNode.string) ?? .null }

    /// An integer, or `null` when there is none.
    public static func optional(_ i: Int?) -> JSONNode { i.map(JSONNode.int) ?? .null }

    /// An array of strings.
    public static func strings(_ items: [String]) -> JSONNode { .array(items.map(JSONNode.string)) }

    /// A map of counts, keys sorted.
    public static func counts(_ counts: [String: Int]) -> JSONNode {
        .object(counts.keys.sorted().map { ($0, .int(counts[$0] ?? 0)) })
    }

    /// Pretty-printed with two-space indents and a final newline.
    public var pretty: String {
        var out: [UInt8] = []
        // Room for the pre-written parts (most of a large report) and some: growing a buffer of
        // megabytes by doubling copies it several times.
        out.reserveCapacity(writtenByteCount + writtenByteCount / 8 + 4096)
        write(into: &out, indent: 0)
        out.append(0x0A)
        return String(decoding: out, as: UTF8.self)
    }

    private static func newline(_ out: inout [UInt8], indent: Int) {
        out.append(0x0A)
        var left = indent
        while left > 0 {
            let n = min(left, spaces.count)
            spaces.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<n])) }
            left -= n
        }
    }

    private static let spaces = [UInt8](repeating: 0x20, count: 64)

    /// Appends the decimal digits of `i`.
    static func appendDecimal(_ i: Int, to out: inout [UInt8]) {
        if i < 0 {
            out += String(i).utf8  // (the minimum Int has no positive counterpart)
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
            UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var n = i
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
                count += 1
            } while n > 0
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(20 - count)...]))
        }
    }

    /// The bytes of the `.written` values inside this one.
    private var writtenByteCount: Int {
        switch self {
        case .written(let bytes): return bytes.count
        case .array(let items): return items.reduce(0) { $0 + $1.writtenByteCount }
        case .object(let members): return members.reduce(0) { $0 + $1.1.writtenByteCount }
        default: return 0
        }
    }

    /// This value pretty-printed as it would be at `indent` inside a larger document (no final
    /// newline): wrapped in `.written`, it is copied out unchanged.
    public func written(indent: Int) -> [UInt8] {
        var out: [UInt8] = []
        write(into: &out, indent: indent)
        return out
    }

    private func write(into out: inout [UInt8], indent: Int) {
        switch self {
        case .written(let bytes): out += bytes
        case .null: out += "null".utf8
        case .bool(let b): out += (b ? "true" : "false").utf8
        case .int(let i): JSONNode.appendDecimal(i, to: &out)
        case .string(let s): JSONString.append(s, to: &out)
        case .array(let items):
            if items.isEmpty {
                out += "[]".utf8
                return
            }
            out.append(UInt8(ascii: "["))
            for i in items.indices {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONNode.newline(&out, indent: indent + 2)
                items[i].write(into: &out, indent: indent + 2)
            }
            JSONNode.newline(&out, indent: indent)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty {
                out += "{}".utf8
                return
            }
            out.append(UInt8(ascii: "{"))
            for i in members.indices {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONNode.newline(&out, indent: indent + 2)
                JSONString.append(members[i].0, to: &out)
                out.append(UInt8(ascii: ":"))
                out.append(UInt8(ascii: " "))
                members[i].1.write(into: &out, indent: indent + 2)
            }
            JSONNode.newline(&out, indent: indent)
            out.append(UInt8(ascii: "}"))
        }
    }
}

/// Builds an object's members in order, leaving out the ones that are absent.
public struct JSONObject {
    public private(set) var members: [(String, JSONNode)] = []

    /// An empty object (room for eight members: most report objects have fewer, so building
    /// one allocates once).
    public init() { members.reserveCapacity(8) }

    /// Adds a member.
    public mutating func add(_ key: String, _ value: JSONNode) { members.append((key, value)) }

    /// Adds a string member when there is a value.
    public mutating func add(_ key: String, ifPresent value: String?) {
        if let value { members.append((key, .string(value))) }
    }

    /// Adds an integer member when there is a value.
    public mutating func add(_ key: String, ifPresent value: Int?) {
        if let value { members.append((key, .int(value))) }
    }

    /// The object.
    public var node: JSONNode { .object(members) }
}
