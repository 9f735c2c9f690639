import CEL
import Foundation
import Graph
import Pipeline
import PolicyEngine

/// The policies of a run: the built-in ones plus the user's directories, filtered.
struct PolicySet {
    var policies: [Policy]
    var errors: [Diagnostic]

    static func load(
        directories: [String], only: [String], skip: [String], includeBuiltin: Bool = true, limits: CELLimits = CELLimits()
    ) -> PolicySet {
        var policies: [Policy] = []
        var errors: [Diagnostic] = []
        let loader = PolicyLoader(limits: limits)
        if includeBuiltin {
            let builtin = BuiltinPolicyPrefetch.shared?.policies(limits: limits) ?? BuiltinPolicies.load(loader: loader)
            policies += builtin.policies
            errors += builtin.errors.map(\.diagnostic)
        }
        for directory in directories {
            for path in policyFiles(in: directory) {
                guard let data = FileManager.default.contents(atPath: path) else {
                    errors.append(Diagnostic(.error, "cannot read policy file", at: SourceLocation(path: path, line: 1)))
                    continue
                }
                do {
                    let policy = try loader.load(SourceFile(path: path, bytes: Array(data)), builtin: false)
                    if let existing = policies.firstIndex(where: { $0.id == policy.id }) {
                        if policies[existing].rule.builtin {
                            policies[existing] = policy  // a user's policy of the same id replaces the built-in one
                        } else {
                            errors.append(Diagnostic(.error, "policy id \"\(policy.id)\" is also defined in \(policies[existing].rule.definedIn)", at: SourceLocation(path: path, line: 1)))
                        }
                    } else {
                        policies.append(policy)
                    }
                } catch {
                    errors.append(error.diagnostic)
                }
            }
        }
        func matches(_ policy: Policy, _ ids: [String]) -> Bool {
            ids.contains { Glob.matches($0, policy.id) || policy.rule.aliases.contains($0) }
        }
        if !only.isEmpty { policies = policies.filter { matches($0, only) } }
        if !skip.isEmpty { policies = policies.filter { !matches($0, skip) } }
        policies.sort { $0.id < $1.id }
        return PolicySet(policies: policies, errors: errors)
    }

    /// `*.yaml` files under a directory (or the file itself), sorted.
    static func policyFiles(in path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        if !isDirectory.boolValue { return [path] }
        var out: [String] = []
        if let walker = FileManager.default.enumerator(atPath: path) {
            for case let relative as String in walker where relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") {
                out.append(path.hasSuffix("/") ? path + relative : path + "/" + relative)
            }
        }
        return out.sorted()
    }
}
