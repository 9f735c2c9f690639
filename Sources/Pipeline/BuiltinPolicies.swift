import Dispatch
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
        // Compiled on every core: this is most of a small scan's start-up.
        let files = self.files
        let slots = ConcurrentSlots<Swift.Result<Policy, PolicyError>>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            do throws(PolicyError) {
                slots.set(i, .success(try loader.load(files[i], builtin: true)))
            } catch {
                slots.set(i, .failure(error))
            }
        }
        var policies: [Policy] = []
        var errors: [PolicyError] = []
        for outcome in slots.values {
            switch outcome {
            case .success(let policy): policies.append(policy)
            case .failure(let error): errors.append(error)
            }
        }
        return (policies, errors)
    }
}
