import Graph

extension CipherString {
    /// A CEL-facing summary of a cipher string, for parsers to expose as a resource attribute.
    ///
    /// Keys: `string`; `valid` (OpenSSL accepts it); `failure` (message or null); `suites` (OpenSSL
    /// names, in order); `count`; `weak` (list of `{name, reasons}`), `weakReasons` (sorted distinct
    /// reasons), `hasWeak`; `nonAEAD`, `nonForwardSecret` (names); `allAEAD`, `allForwardSecret`;
    /// `unknownTokens`, `obsoleteTokens`; `securityLevel` (int or null); `allowedByProfile` (map of
    /// profile id → bool: every suite is in that Mozilla profile) and `outsideProfile` (profile id →
    /// names not in it). TLS 1.3 suites are not included (a cipher string does not select them).
    /// `builds` as in `analyze(_:builds:)`; the default counts every OpenSSL 3.0 build.
    public static func summary(_ string: String, builds: Set<CipherSuite.Build> = anyBuild) -> Value {
        let evaluation = analyze(string, builds: builds)
        let suites = evaluation.suites
        let names: [Value] = suites.map { .string($0.name) }
        let weak: [Value] = suites.filter(\.isWeak).map { suite in
            ["name": .string(suite.name), "reasons": .list(suite.weaknesses.map { .string($0.rawValue) })]
        }
        let reasons = Set(suites.flatMap(\.weaknesses)).sorted()
        var allowed: [String: Value] = [:]
        var outside: [String: Value] = [:]
        for profile in MozillaProfile.all {
            let rest = profile.disallowed(suites)
            allowed[profile.id] = .bool(evaluation.isValid && rest.isEmpty)
            outside[profile.id] = .list(rest.map { .string($0.name) })
        }
        return .map([
            "string": .string(string),
            "valid": .bool(evaluation.isValid),
            "failure": evaluation.failure.map { .string($0.description) } ?? .null,
            "suites": .list(names),
            "count": .int(Int64(suites.count)),
            "weak": .list(weak),
            "weakReasons": .list(reasons.map { .string($0.rawValue) }),
            "hasWeak": .bool(!weak.isEmpty),
            "nonAEAD": .list(suites.filter { !$0.isAEAD }.map { .string($0.name) }),
            "nonForwardSecret": .list(suites.filter { !$0.forwardSecret }.map { .string($0.name) }),
            "allAEAD": .bool(suites.allSatisfy(\.isAEAD)),
            "allForwardSecret": .bool(suites.allSatisfy(\.forwardSecret)),
            "unknownTokens": .list(evaluation.unknownTokens.map { .string($0) }),
            "obsoleteTokens": .list(evaluation.obsoleteTokens.map { .string($0) }),
            "securityLevel": evaluation.securityLevel.map { .int(Int64($0)) } ?? .null,
            "allowedByProfile": .map(allowed),
            "outsideProfile": .map(outside),
        ])
    }
}
