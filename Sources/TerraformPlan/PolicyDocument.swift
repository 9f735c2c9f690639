import Graph

/// IAM policy documents held as JSON strings, turned into structure policies can read.
///
/// The normalised shape (under e.g. `policy_document`):
///
///     {Version, Id?, Statement: [{Sid?, Effect, Action?, NotAction?, Resource?, NotResource?,
///                                 Principal?, NotPrincipal?, Condition?}]}
///
/// `Statement` is always a list; `Action`, `NotAction`, `Resource` and `NotResource` are always
/// lists of strings; `Principal`/`NotPrincipal` are maps from principal type to a list of
/// strings, and the bare `"*"` becomes `{"AWS": ["*"]}` (AWS documents the two as equivalent);
/// `Condition` is kept as written. `Effect` defaults to `Allow` only for
/// `aws_iam_policy_document` blocks (where Terraform defaults it); in JSON it stays as written.
enum PolicyDocument {
    /// The normalised document for a JSON text; `nil` when the text is not a JSON object.
    static func normalise(json text: String) -> Value? {
        guard let parsed = JSONC.parseValue(text), case .map = parsed else { return nil }
        return normalise(parsed)
    }

    /// The normalised form of a parsed document.
    static func normalise(_ document: Value) -> Value {
        guard case .map(var members) = document else { return document }
        let statements: [Value]
        switch members["Statement"] {
        case .list(let list)?: statements = list
        case .map?: statements = [members["Statement"] ?? .null]
        default: statements = []
        }
        members["Statement"] = .list(statements.map(statement))
        return .map(members)
    }

    private static func statement(_ value: Value) -> Value {
        guard case .map(var members) = value else { return value }
        for key in ["Action", "NotAction", "Resource", "NotResource"] {
            if let v = members[key] { members[key] = stringList(v) }
        }
        for key in ["Principal", "NotPrincipal"] {
            if let v = members[key] { members[key] = principal(v) }
        }
        return .map(members)
    }

    private static func stringList(_ value: Value) -> Value {
        switch value {
        case .list(let elements): return .list(elements)
        case .unknown: return .unknown
        case .null: return .list([])
        default: return .list([value])
        }
    }

    private static func principal(_ value: Value) -> Value {
        switch value {
        case .string(let s): return .map(["AWS": .list([.string(s)])])
        case .map(let members): return .map(members.mapValues(stringList))
        default: return value
        }
    }

    /// The document an `aws_iam_policy_document` data source describes with `statement` blocks.
    static func fromStatementBlocks(_ attributes: [String: Value]) -> Value? {
        guard let blocks = attributes["statement"]?.listValue, !blocks.isEmpty else { return nil }
        var statements: [Value] = []
        for block in blocks {
            guard case .map(let b) = block else {
                statements.append(.unknown)
                continue
            }
            var s: [String: Value] = [:]
            if let sid = b["sid"], sid != .null, sid != "" { s["Sid"] = sid }
            let effect = b["effect"] ?? .null
            s["Effect"] = effect == .null ? "Allow" : effect
            for (from, to) in [
                ("actions", "Action"), ("not_actions", "NotAction"), ("resources", "Resource"),
                ("not_resources", "NotResource"),
            ] {
                guard let v = b[from] else { continue }
                if v == .unknown {
                    s[to] = .unknown
                } else if let list = v.listValue, !list.isEmpty {
                    s[to] = .list(list)
                }
            }
            for (from, to) in [("principals", "Principal"), ("not_principals", "NotPrincipal")] {
                guard let v = b[from] else { continue }
                if v == .unknown {
                    s[to] = .unknown
                    continue
                }
                var map: [String: [Value]] = [:]
                for p in v.listValue ?? [] {
                    guard let type = p["type"]?.stringValue else { continue }
                    map[type, default: []].append(contentsOf: p["identifiers"]?.listValue ?? [])
                }
                if !map.isEmpty { s[to] = .map(map.mapValues { .list($0) }) }
            }
            if let conditions = b["condition"]?.listValue, !conditions.isEmpty {
                var map: [String: [String: Value]] = [:]
                for c in conditions {
                    guard let test = c["test"]?.stringValue, let variable = c["variable"]?.stringValue else { continue }
                    map[test, default: [:]][variable] = c["values"] ?? .list([])
                }
                s["Condition"] = .map(map.mapValues { .map($0) })
            }
            statements.append(.map(s))
        }
        var doc: [String: Value] = ["Statement": .list(statements)]
        if let version = attributes["version"], version != .null { doc["Version"] = version }
        return .map(doc)
    }
}
