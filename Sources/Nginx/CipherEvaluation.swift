import Graph

/// The one place where an `ssl_ciphers` string is turned into the facts policies judge.
///
/// Shape of the result (a map): `string`, `weak` (categories of weak suites enabled:
/// `NULL`, `EXPORT`, `RC4`, `DES`, `3DES`, `MD5`, `anonymous`), `has_weak`,
/// `outside_intermediate` / `outside_modern` (enabled TLS ≤ 1.2 suites outside that Mozilla
/// profile), `evaluated_by` (which evaluator produced it).
enum CipherEvaluation {
    static let weakCategories = ["NULL", "EXPORT", "RC4", "DES", "3DES", "MD5", "anonymous"]

    /// Mozilla intermediate TLS 1.2 suites (guidelines 5.7, a superset of 6.0's).
    static let intermediate: Set<String> = [
        "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384",
        "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
        "DHE-RSA-AES128-GCM-SHA256", "DHE-RSA-AES256-GCM-SHA384", "DHE-RSA-CHACHA20-POLY1305",
    ]

    static func summary(_ cipherString: String) -> Value {
        heuristicSummary(cipherString)
    }

    /// A token-level approximation used until the OpenSSL evaluator in TLSFacts is available.
    static func heuristicSummary(_ cipherString: String) -> Value {
        let tokens = cipherString.split { $0 == ":" || $0 == "," || $0 == " " }.map(String.init)
        var removed = Set<String>()
        var positive: [String] = []
        for token in tokens {
            if token.hasPrefix("!") || token.hasPrefix("-") {
                removed.insert(String(token.dropFirst()))
            } else if !token.hasPrefix("@") {
                positive.append(token.hasPrefix("+") ? String(token.dropFirst()) : token)
            }
        }
        func killed(_ category: String) -> Bool {
            switch category {
            case "NULL": return removed.contains("NULL") || removed.contains("eNULL")
            case "anonymous": return removed.contains("aNULL") || removed.contains("ADH") && removed.contains("AECDH")
            case "EXPORT": return removed.contains("EXPORT") || removed.contains("EXP")
            case "3DES": return removed.contains("3DES") || removed.contains("DES-CBC3-SHA")
            default: return removed.contains(category)
            }
        }
        var weak = Set<String>()
        var outside: [String] = []
        for token in positive {
            let parts = token.split(separator: "+").map(String.init)
            for part in parts {
                if part.contains("RC4") { weak.insert("RC4") }
                if part == "NULL" || part == "eNULL" || part.hasPrefix("NULL-") || part.hasSuffix("-NULL") { weak.insert("NULL") }
                if part == "aNULL" || part.hasPrefix("ADH") || part.hasPrefix("AECDH") { weak.insert("anonymous") }
                if part.hasPrefix("EXP") { weak.insert("EXPORT") }
                if part == "3DES" || part.contains("DES-CBC3") || part == "MEDIUM" { weak.insert("3DES") }
                if part.hasPrefix("DES-") || part == "DES" { weak.insert("DES") }
                if part == "MD5" || part.hasSuffix("-MD5") { weak.insert("MD5") }
                if part == "ALL" || part == "COMPLEMENTOFALL" { weak.insert("anonymous") }
            }
            if !intermediate.contains(token) && !token.hasPrefix("TLS_") { outside.append(token) }
        }
        let weakList = weakCategories.filter { weak.contains($0) && !killed($0) }
        return .map([
            "string": .string(cipherString),
            "weak": .list(weakList.map(Value.string)),
            "has_weak": .bool(!weakList.isEmpty),
            "outside_intermediate": .list(outside.map(Value.string)),
            "outside_modern": .list(positive.filter { !$0.hasPrefix("TLS_") }.map(Value.string)),
            "evaluated_by": "heuristic",
        ])
    }
}
