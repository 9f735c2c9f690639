/// The values `map` blocks can give a variable, for resolving `proxy_pass $upstream`.
struct VariableTable {
    private var valuesByName: [String: [String]] = [:]

    init(maps: [Directive]) {
        for map in maps {
            guard map.args.count >= 2 else { continue }
            let name = VariableTable.variableName(map.args[1])
            for entry in map.block ?? [] where entry.name != "hostnames" && entry.name != "volatile" {
                if let value = entry.args.last { valuesByName[name, default: []].append(value) }
            }
        }
    }

    /// The values the maps assign to `name`.
    func values(of name: String) -> [String] { valuesByName[name] ?? [] }

    /// `upstream` for `$upstream`, `${upstream}`, `$upstream/path`.
    static func variableName(_ text: String) -> String {
        var s = Substring(text)
        if s.hasPrefix("$") { s = s.dropFirst() }
        if s.hasPrefix("{") {
            s = s.dropFirst()
            return String(s.prefix { $0 != "}" })
        }
        return String(s.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
    }
}
