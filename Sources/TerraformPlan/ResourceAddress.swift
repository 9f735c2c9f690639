/// A Terraform resource instance address taken apart:
/// `module.app["x"].module.db.aws_kms_key.main[0]`.
struct ResourceAddress: Hashable, Sendable {
    /// Module instance steps, each `module.NAME` or `module.NAME[KEY]`.
    var moduleInstances: [String]
    /// Module names without instance keys, from the root: the configuration path.
    var modulePath: [String]
    /// `aws_kms_key.main` or `data.aws_iam_policy_document.x` (no index).
    var base: String
    /// `[0]` or `["x"]`, or empty.
    var index: String

    /// Splits an address; nil when it is not one.
    init?(_ address: String) {
        let tokens = ResourceAddress.split(address)
        var i = 0
        moduleInstances = []
        modulePath = []
        while i + 1 < tokens.count, tokens[i] == "module" {
            let (name, _) = ResourceAddress.nameAndIndex(tokens[i + 1])
            moduleInstances.append("module." + tokens[i + 1])
            modulePath.append(name)
            i += 2
        }
        let rest = Array(tokens[i...])
        if rest.count == 3, rest[0] == "data" {
            let (name, idx) = ResourceAddress.nameAndIndex(rest[2])
            base = "data.\(rest[1]).\(name)"
            index = idx
        } else if rest.count == 2 {
            let (name, idx) = ResourceAddress.nameAndIndex(rest[1])
            base = "\(rest[0]).\(name)"
            index = idx
        } else {
            return nil
        }
    }

    /// The module instance prefix joined: `module.app["x"].module.db` (empty at the root).
    var prefix: String { moduleInstances.joined(separator: ".") }

    /// The address without its index.
    var baseAddress: String { ResourceAddress.join(prefix, base) }

    static func join(_ prefix: String, _ rest: String) -> String { prefix.isEmpty ? rest : prefix + "." + rest }

    /// Splits on `.` outside brackets and quotes.
    static func split(_ text: String) -> [String] {
        var out: [String] = []
        let bytes = text.utf8
        var start = bytes.startIndex
        var bracket = 0
        var quoted = false
        var escaped = false
        var i = bytes.startIndex
        while i != bytes.endIndex {
            let c = bytes[i]
            if quoted {
                if escaped {
                    escaped = false
                } else if c == UInt8(ascii: "\\") {
                    escaped = true
                } else if c == UInt8(ascii: "\"") {
                    quoted = false
                }
            } else if c == UInt8(ascii: "\"") {
                quoted = true
            } else if c == UInt8(ascii: "[") {
                bracket += 1
            } else if c == UInt8(ascii: "]") {
                bracket -= 1
            } else if c == UInt8(ascii: ".") && bracket == 0 {
                out.append(String(text[start..<i]))
                start = bytes.index(after: i)
            }
            i = bytes.index(after: i)
        }
        out.append(String(text[start..<bytes.endIndex]))
        return out
    }

    /// `main[0]` → (`main`, `[0]`); the index part keeps its brackets; only the first index.
    static func nameAndIndex(_ token: String) -> (String, String) {
        let bytes = token.utf8
        guard let open = bytes.firstIndex(of: UInt8(ascii: "[")) else { return (token, "") }
        var depth = 0
        var quoted = false
        var end = bytes.endIndex
        var i = open
        while i != bytes.endIndex {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") { quoted.toggle() }
            if !quoted && c == UInt8(ascii: "[") { depth += 1 }
            if !quoted && c == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 {
                    end = bytes.index(after: i)
                    break
                }
            }
            i = bytes.index(after: i)
        }
        return (String(token[..<open]), String(token[open..<end]))
    }
}
