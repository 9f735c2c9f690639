/// A Terraform resource instance address taken apart:
/// `module.app["x"].module.db.aws_kms_key.main[0]`.
struct ResourceAddress: Hashable {
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
        var current = ""
        var bracket = 0
        var quoted = false
        var escaped = false
        for c in text {
            if quoted {
                current.append(c)
                if escaped {
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else if c == "\"" {
                    quoted = false
                }
                continue
            }
            switch c {
            case "\"":
                quoted = true
                current.append(c)
            case "[":
                bracket += 1
                current.append(c)
            case "]":
                bracket -= 1
                current.append(c)
            case "." where bracket == 0:
                out.append(current)
                current = ""
            default: current.append(c)
            }
        }
        out.append(current)
        return out
    }

    /// `main[0]` → (`main`, `[0]`); the index part keeps its brackets; only the first index.
    static func nameAndIndex(_ token: String) -> (String, String) {
        guard let open = token.firstIndex(of: "[") else { return (token, "") }
        var depth = 0
        var quoted = false
        var end = token.endIndex
        var i = open
        while i < token.endIndex {
            let c = token[i]
            if c == "\"" { quoted.toggle() }
            if !quoted && c == "[" { depth += 1 }
            if !quoted && c == "]" {
                depth -= 1
                if depth == 0 {
                    end = token.index(after: i)
                    break
                }
            }
            i = token.index(after: i)
        }
        return (String(token[..<open]), String(token[open..<end]))
    }
}
