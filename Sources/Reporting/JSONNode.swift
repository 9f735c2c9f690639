import Graph

/// A JSON value whose object members keep the order they were written in, so reports have a
/// fixed member order (Foundation's serializer may reorder keys).
enum JSONNode: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSONNode])
    case object([(String, JSONNode)])

    /// A string, or `null` when there is none.
    static func optional(_ s: String?) -> JSONNode { s.map(JSONNode.string) ?? .null }

    /// An integer, or `null` when there is none.
    static func optional(_ i: Int?) -> JSONNode { i.map(JSONNode.int) ?? .null }

    /// An array of strings.
    static func strings(_ items: [String]) -> JSONNode { .array(items.map(JSONNode.string)) }

    /// Pretty-printed with two-space indents and a final newline.
    var pretty: String {
        var out = ""
        write(into: &out, indent: 0)
        out += "\n"
        return out
    }

    private static let indents: [String] = (0..<64).map { String(repeating: " ", count: $0) }

    private static func indent(_ n: Int) -> String { n < indents.count ? indents[n] : String(repeating: " ", count: n) }

    private func write(into out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .string(let s): out += JSONString.quote(s)
        case .array(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += JSONNode.indent(indent + 2)
                item.write(into: &out, indent: indent + 2)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += JSONNode.indent(indent) + "]"
        case .object(let members):
            if members.isEmpty {
                out += "{}"
                return
            }
            out += "{\n"
            for (i, (key, value)) in members.enumerated() {
                out += JSONNode.indent(indent + 2)
                out += JSONString.quote(key)
                out += ": "
                value.write(into: &out, indent: indent + 2)
                out += i == members.count - 1 ? "\n" : ",\n"
            }
            out += JSONNode.indent(indent) + "}"
        }
    }
}

/// Builds an object's members in order, leaving out the ones that are absent.
struct JSONObject {
    private(set) var members: [(String, JSONNode)] = []

    /// Adds a member.
    mutating func add(_ key: String, _ value: JSONNode) { members.append((key, value)) }

    /// Adds a string member when there is a value.
    mutating func add(_ key: String, ifPresent value: String?) {
        if let value { members.append((key, .string(value))) }
    }

    /// Adds an integer member when there is a value.
    mutating func add(_ key: String, ifPresent value: Int?) {
        if let value { members.append((key, .int(value))) }
    }

    /// The object.
    var node: JSONNode { .object(members) }
}
