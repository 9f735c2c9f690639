import CEL
import Dispatch
import PolicyEngine
import Pipeline

/// Compiles the built-in policies on another thread while the command line is still being
/// parsed: for a pre-commit run on one small file the two take about as long as everything else
/// together, and they do not depend on each other.
final class BuiltinPolicyPrefetch: @unchecked Sendable {
    /// The prefetch of this process, started by `CipherlintCommand.main` for commands that scan.
    nonisolated(unsafe) static var shared: BuiltinPolicyPrefetch?

    private let done = DispatchSemaphore(value: 0)
    private var result: (policies: [Policy], errors: [PolicyError]) = ([], [])
    private let limits = CELLimits()

    /// Starts compiling with the default limits.
    init() {
        DispatchQueue.global().async { [self] in
            result = BuiltinPolicies.load(loader: PolicyLoader(limits: limits), examples: false)
            done.signal()
        }
    }

    /// The compiled built-in policies for `limits`, without their examples (a scan does not
    /// run them): the prefetched ones when the limits are
    /// the defaults it used, else compiled now.
    func policies(limits wanted: CELLimits) -> (policies: [Policy], errors: [PolicyError]) {
        done.wait()
        done.signal()
        if wanted == limits { return result }
        return BuiltinPolicies.load(loader: PolicyLoader(limits: wanted), examples: false)
    }
}
