import Graph

/// A JSON value whose object members keep the order they were added in, so the bundle's JSON
/// has a fixed member order.
enum JSONTree: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSONTree])
    case object([(String, JSONTree)])

    /// A string, or `null` when there is none.
    static func optional(_ s: String?) -> JSONTree { s.map(JSONTree.string) ?? .null }

    /// An array of strings.
    static func strings(_ items: [String]) -> JSONTree { .array(items.map(JSONTree.string)) }

    /// A map of counts, keys sorted.
    static func counts(_ counts: [String: Int]) -> JSONTree { .object(counts.keys.sorted().map { ($0, .int(counts[$0] ?? 0)) }) }

    /// Pretty-printed with two-space indents and a final newline.
    var pretty: String {
        var out = ""
        write(into: &out, indent: 0)
        out += "\n"
        return out
    }

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
                out += String(repeating: " ", count: indent + 2)
                item.write(into: &out, indent: indent + 2)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let members):
            if members.isEmpty {
                out += "{}"
                return
            }
            out += "{\n"
            for (i, (key, value)) in members.enumerated() {
                out += String(repeating: " ", count: indent + 2) + JSONString.quote(key) + ": "
                value.write(into: &out, indent: indent + 2)
                out += i == members.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }
}
