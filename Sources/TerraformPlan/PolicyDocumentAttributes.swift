import Graph

/// Adds the parsed form of policy JSON strings to a resource's attributes.
///
/// `policy` → `policy_document`, `assume_role_policy` → `assume_role_policy_document`,
/// `inline_policy[i].policy` → `inline_policy[i].policy_document`, and for
/// `data.aws_iam_policy_document` its `json` (or, when that is not known, its `statement`
/// blocks) → `policy_document`. An unknown string gives an unknown document; a string that is
/// not a JSON object gives no document and a warning. An unknown string that the configuration
/// does not set (`configured`, when known) is a value the provider computes from elsewhere (a
/// bucket's `policy` mirrors its `aws_s3_bucket_policy`), so it gives no document either.
enum PolicyDocumentAttributes {
    static func add(
        to attributes: inout [String: Value], locations: inout [AttributePath: SourceLocation],
        isPolicyDocumentSource: Bool, configured: [String: Value]?, resourceLocation: SourceLocation,
        diagnostics: inout [Diagnostic]
    ) {
        if isPolicyDocumentSource {
            let json = attributes["json"]
            if let text = json?.stringValue, !text.isEmpty, let doc = PolicyDocument.normalise(json: text) {
                attributes["policy_document"] = doc
            } else if let doc = PolicyDocument.fromStatementBlocks(attributes), !doc.containsUnknown {
                attributes["policy_document"] = doc
            } else if json == .unknown || attributes["statement"]?.containsUnknown == true {
                attributes["policy_document"] = .unknown
            }
            alias(AttributePath(keys: "json"), AttributePath(keys: "policy_document"), &locations)
            return
        }
        for key in ["policy", "assume_role_policy"] {
            guard let value = attributes[key] else { continue }
            if value == .unknown, let configured, configured[key] == nil { continue }
            let path = AttributePath(keys: key)
            if let doc = document(value, at: path, locations: locations, fallback: resourceLocation, &diagnostics) {
                attributes[key + "_document"] = doc
                alias(path, AttributePath(keys: key + "_document"), &locations)
            }
        }
        if case .list(var inline)? = attributes["inline_policy"], configured.map({ $0["inline_policy"] != nil }) ?? true {
            var changed = false
            for (i, element) in inline.enumerated() {
                guard case .map(var members) = element, let value = members["policy"] else { continue }
                let path = AttributePath(keys: "inline_policy").appending(index: i).appending("policy")
                if let doc = document(value, at: path, locations: locations, fallback: resourceLocation, &diagnostics) {
                    members["policy_document"] = doc
                    inline[i] = .map(members)
                    changed = true
                    alias(path, path.parent?.appending("policy_document") ?? path, &locations)
                }
            }
            if changed { attributes["inline_policy"] = .list(inline) }
        }
    }

    private static func document(
        _ value: Value, at path: AttributePath, locations: [AttributePath: SourceLocation], fallback: SourceLocation,
        _ diagnostics: inout [Diagnostic]
    ) -> Value? {
        switch value {
        case .unknown: return .unknown
        case .string(let text):
            guard !text.allSatisfy({ $0.isWhitespace }) else { return nil }
            if let doc = PolicyDocument.normalise(json: text) { return doc }
            diagnostics.append(
                Diagnostic(.warning, "\(path) is not a JSON policy document", at: locations[path] ?? fallback))
            return nil
        default: return nil
        }
    }

    private static func alias(_ from: AttributePath, _ to: AttributePath, _ locations: inout [AttributePath: SourceLocation]) {
        if let location = locations[from] { locations[to] = location }
    }
}
