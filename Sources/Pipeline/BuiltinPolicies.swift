import Graph
import PolicyEngine

/// The policies shipped inside the binary (embedded from `policies/` at build time).
public enum BuiltinPolicies {
    /// The embedded policy files, reported under `policies/<path>`.
    public static var files: [SourceFile] {
        BuiltinPolicySources.files.map { SourceFile(path: "policies/" + $0.path, text: $0.text) }
    }

    /// Every built-in policy, compiled; a broken one is an error (and a failing test).
    public static func load(loader: PolicyLoader = PolicyLoader()) -> (policies: [Policy], errors: [PolicyError]) {
        var policies: [Policy] = []
        var errors: [PolicyError] = []
        for file in files {
            do {
                policies.append(try loader.load(file, builtin: true))
            } catch {
                errors.append(error)
            }
        }
        return (policies, errors)
    }
}
