import Findings
import Graph

/// Applies accepted risks (inline comments and configuration exceptions) to results, and
/// reports the exceptions that have expired or match nothing as findings of their own.
public struct Exceptions: Sendable {
    /// The rule of an exception past its `until` date.
    public static let expiredRule = Rule(
        id: "cipherlint-exception-expired", title: "Accepted exceptions are renewed or removed before they expire",
        severity: .medium,
        description:
            "An exception (a `cipherlint:ignore` comment or an `exceptions:` entry in `.cipherlint.yaml`) accepted a risk until a date that has passed. The finding it covered is reported again, and the exception itself is a finding, so that accepted risks are reviewed rather than forgotten.",
        remediation: "Fix the finding and remove the exception, or review the risk and set a new `until` date:\n\n```yaml\n# cipherlint:ignore <policy-id> reason=\"…\" until=2027-06-30\n```",
        controls: ["soc2": ["CC7.2"]], appliesTo: [], definedIn: "cipherlint", builtin: true)

    /// The rule of an exception that covers no result.
    public static let unusedRule = Rule(
        id: "cipherlint-exception-unused", title: "Every accepted exception still covers a finding", severity: .low,
        description:
            "An exception matched no failing result in this scan: the risk it accepted is gone, or the exception names the wrong policy or resource. Stale exceptions hide future findings.",
        remediation: "Remove the exception, or correct its policy id and resource:\n\n```yaml\nexceptions:\n  - policy: aws-kms-key-rotation-enabled\n    resource: aws_kms_key.legacy\n    reason: \"…\"\n```",
        controls: ["soc2": ["CC7.2"]], appliesTo: [], definedIn: "cipherlint", builtin: true)

    public var inline: [InlineSuppression]
    public var configured: [Configuration.Exception]
    /// Today as `YYYY-MM-DD` (an argument: the engine never reads the clock).
    public var today: String

    /// The exceptions of a run.
    public init(inline: [InlineSuppression], configured: [Configuration.Exception], today: String) {
        self.inline = inline
        self.configured = configured
        self.today = today
    }

    /// `results` with covered ones marked, plus results for expired and unused exceptions.
    ///
    /// `resourceLines` maps a resource id to the (path, line) where the resource starts, so a
    /// comment above a resource covers all of its findings.
    public func apply(to results: [Result], resourceStarts: [String: SourceLocation]) -> [Result] {
        if inline.isEmpty && configured.isEmpty { return results }
        var out = results
        var inlineUsed = Array(repeating: false, count: inline.count)
        var configUsed = Array(repeating: false, count: configured.count)
        var inlineByPath: [String: [Int]] = [:]
        for (i, s) in inline.enumerated() { inlineByPath[s.location.path, default: []].append(i) }
        for r in out.indices where out[r].status == .fail || out[r].status == .unknown {
            let result = out[r]
            let start = resourceStarts[result.resourceID]
            var applied: Suppression?
            for path in Set([result.location.path, result.primaryLocation.path]).sorted() {
                for i in inlineByPath[path] ?? [] where applied == nil {
                    let s = inline[i]
                    guard s.policies.contains(result.ruleID) || s.policies.contains("*") else { continue }
                    let onLine = (result.location.path == path && s.targetLine == result.location.line)
                        || (result.primaryLocation.path == path && s.targetLine == result.primaryLocation.line)
                    let onResource = start.map { $0.path == path && $0.line == s.targetLine } ?? false
                    guard onLine || onResource else { continue }
                    inlineUsed[i] = true
                    if !expired(s.until) {
                        applied = Suppression(kind: .inline, reason: s.reason, owner: s.owner, until: s.until, location: s.location)
                    }
                }
            }
            if applied == nil {
                for (i, e) in configured.enumerated() where applied == nil && e.covers(result) {
                    configUsed[i] = true
                    if !expired(e.until) {
                        applied = Suppression(kind: .configuration, reason: e.reason, owner: e.owner, until: e.until, location: e.location)
                    }
                }
            }
            out[r].suppression = applied
        }
        // An exception is judged unused only when this run evaluated one of its policies (and, for
        // a `path:` glob, a matching file): a pre-commit run on a few files or `--only` must not
        // call every other exception stale.
        let evaluated = Set(results.map(\.ruleID))
        let paths = Set(results.flatMap { [$0.location.path, $0.primaryLocation.path] })
        func judged(_ policies: [String], path: String? = nil) -> Bool {
            let policyRun = policies.contains("*") ? !evaluated.isEmpty : policies.contains { evaluated.contains($0) }
            return policyRun && (path.map { glob in paths.contains { Glob.matches(glob, $0) } } ?? true)
        }
        for (i, s) in inline.enumerated() {
            out += review(s.policies.joined(separator: ","), s.until, s.location, used: inlineUsed[i] || !judged(s.policies))
        }
        for (i, e) in configured.enumerated() {
            out += review(
                e.policy, e.until, e.location, used: configUsed[i] || !judged([e.policy], path: e.path), resource: e.resource)
        }
        return out
    }

    func expired(_ until: String?) -> Bool {
        guard let until else { return false }
        return until < today
    }

    func review(_ policies: String, _ until: String?, _ location: SourceLocation, used: Bool, resource: String? = nil) -> [Result] {
        let id = "exception \(location)"
        let subject = resource.map { "for \(policies) on \($0)" } ?? "for \(policies)"
        if let until, expired(until) {
            return [Result(
                ruleID: Exceptions.expiredRule.id, severity: Exceptions.expiredRule.severity, status: .fail,
                message: "The exception \(subject) expired on \(until); the findings it covered are reported again",
                resourceID: id, resourceKind: "cipherlint/exception", location: location)]
        }
        if !used {
            return [Result(
                ruleID: Exceptions.unusedRule.id, severity: Exceptions.unusedRule.severity, status: .fail,
                message: "The exception \(subject) matches no finding; remove it or correct it",
                resourceID: id, resourceKind: "cipherlint/exception", location: location)]
        }
        return [Result(
            ruleID: Exceptions.expiredRule.id, severity: Exceptions.expiredRule.severity, status: .pass,
            message: Exceptions.expiredRule.title, resourceID: id, resourceKind: "cipherlint/exception", location: location)]
    }
}
