/// How a level ends request processing before any content handler: a redirect, an error code,
/// or a fixed response.
enum Terminal: Equatable {
    case redirectHTTPS, redirectOther, error, content

    private static let catchAllRegexes: Set<String> = ["^", "^(.*)$", "^(.*)", "^/(.*)$", "^/(.*)", "^/?(.*)$", ".*", "^.*$", "(.*)", "^.*", "^/"]

    /// The terminal directive of a level (`return`, catch-all `rewrite`, `if ($scheme …) { return … }`).
    static func directive(_ level: [Directive]) -> Directive? {
        level.first { classify($0) != nil }
    }

    /// The first terminal directive's kind, or nil when the level falls through to its content.
    static func of(_ level: [Directive]) -> Terminal? {
        // By index: most directives are ruled out by name, without copying them.
        for i in level.indices { if let t = classify(level[i]) { return t } }
        return nil
    }

    static func classify(_ d: Directive) -> Terminal? {
        // Most directives end nothing: their arguments are not even looked at.
        guard d.name == "return" || d.name == "rewrite" || d.name == "if" else { return nil }
        let args = d.args
        switch d.name {
        case "return":
            guard let first = args.first else { return nil }
            if let code = Int(first) {
                if [301, 302, 303, 307, 308].contains(code) {
                    guard args.count > 1 else { return .redirectOther }
                    return args[1].lowercased().hasPrefix("https://") ? .redirectHTTPS : .redirectOther
                }
                return code >= 400 ? .error : .content
            }
            return first.lowercased().hasPrefix("https://") ? .redirectHTTPS : .redirectOther
        case "rewrite":
            guard args.count >= 2, catchAllRegexes.contains(args[0]) else { return nil }
            let flag = args.count > 2 ? args[2] : ""
            let replacement = args[1].lowercased()
            if replacement.hasPrefix("https://") && (flag == "permanent" || flag == "redirect" || flag.isEmpty) { return .redirectHTTPS }
            if replacement.hasPrefix("http://") || flag == "permanent" || flag == "redirect" { return .redirectOther }
            return nil
        case "if":
            // `if ($scheme = http) { return 301 https://…; }` on a combined listener.
            let condition = args.joined(separator: " ")
            guard condition.containsText("$scheme") || condition.containsText("$https") || condition.containsText("$server_port"),
                of(d.block ?? []) == .redirectHTTPS
            else { return nil }
            return .redirectHTTPS
        default:
            return nil
        }
    }
}
