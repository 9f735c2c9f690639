import Findings
import Graph
import PolicyEngine

/// Runs the pass and fail examples of policies, as `cipherlint test` and the test suite do.
public struct PolicyExampleRunner: Sendable {
    /// One example that did not behave as its policy says.
    public struct Failure: Sendable, Hashable, CustomStringConvertible {
        public var policyID: String
        /// Where the example is written in the policy file.
        public var location: SourceLocation
        public var message: String
        /// `policies/aws/x.yaml:40:7: error: aws-x fail example 1: no finding on line 5`.
        public var description: String { "\(location): error: \(policyID) \(message)" }
    }

    public var options: ScanOptions

    /// A runner; `today` matters for examples with exceptions.
    public init(options: ScanOptions = ScanOptions(nginxVersion: nil, today: "2026-01-01")) {
        self.options = options
    }

    /// The format an example of `policy` is written in.
    public static func format(of policy: Policy) -> InputFormat? {
        switch policy.rule.appliesTo.first?.split(separator: "/").first {
        case "terraform": return .terraformPlan
        case "kubernetes": return .kubernetes
        case "nginx": return .nginx
        default: return nil
        }
    }

    /// The examples of `policy` that fail, and how many were run.
    public func run(_ policy: Policy) -> (failures: [Failure], examples: Int) {
        var failures: [Failure] = []
        guard let format = PolicyExampleRunner.format(of: policy) else {
            return ([Failure(policyID: policy.id, location: SourceLocation(path: policy.rule.definedIn, line: 1), message: "applies to no format cipherlint parses")], 0)
        }
        // A pass example may be out of the policy's scope (an asymmetric key for rotation), but
        // at least one must be judged and pass, or applies-to/where are probably wrong.
        var judgedPass = false
        for example in policy.examples {
            let file = SourceFile(path: PolicyExampleRunner.fileName(format, example.text), text: example.text)
            let provider = InMemorySourceProvider([file.path: example.text])
            let scanner = Scanner(policies: [policy], provider: provider, options: options)
            let evaluation = scanner.scan([ScanInput(file: file, explicit: true, format: format)])
            func fail(_ message: String) {
                failures.append(Failure(policyID: policy.id, location: example.location, message: "\(example.name): \(message)"))
            }
            for d in evaluation.diagnostics where d.severity == .error {
                fail("the example does not parse: \(d)")
            }
            let mine = evaluation.results.filter { $0.ruleID == policy.id }
            for r in mine where r.status == .error { fail("evaluation error on \(r.resourceID): \(r.message)") }
            let findings = mine.filter { $0.status == .fail }
            switch example.expectation {
            case .pass:
                for f in findings { fail("expected no finding, got one at line \(f.location.line): \(f.message)") }
                for u in mine where u.status == .unknown { fail("expected pass, got unknown: \(u.message)") }
                if mine.contains(where: { $0.status == .pass }) { judgedPass = true }
            case .fail:
                if findings.isEmpty {
                    let got = mine.map { "\($0.status.rawValue) \($0.resourceID)" }.joined(separator: ", ")
                    fail("expected a finding, got none (results: \(got.isEmpty ? "none" : got))")
                }
                for line in example.markedLines where !findings.contains(where: { $0.location.line == line }) {
                    let lines = findings.map { String($0.location.line) }.joined(separator: ", ")
                    fail("expected a finding on line \(line) (↓), found them on line \(lines)")
                }
                if !example.markedLines.isEmpty {
                    for f in findings where !example.markedLines.contains(f.location.line) {
                        fail("unexpected finding on line \(f.location.line), which is not marked ↓: \(f.message)")
                    }
                }
            }
        }
        if !judgedPass, let first = policy.examples.first(where: { $0.expectation == .pass }) {
            failures.append(Failure(
                policyID: policy.id, location: first.location,
                message: "no pass example was judged by the policy (all out of scope: check applies-to and where)"))
        }
        return (failures, policy.examples.count)
    }

    /// The name an example is parsed under: nginx examples with an `http` block are a whole
    /// `nginx.conf`, others a fragment of one (`conf.d/example.conf`).
    static func fileName(_ format: InputFormat, _ text: String) -> String {
        switch format {
        case .terraformPlan: return "example.json"
        case .kubernetes: return "example.yaml"
        case .nginx:
            let hasHTTP = text.split(separator: "\n").contains { line in
                let t = line.trimmingCharacters()
                return t.hasPrefix("http {") || t.hasPrefix("http{") || t == "http"
            }
            return hasHTTP ? "nginx.conf" : "conf.d/example.conf"
        }
    }
}

extension Substring {
    func trimmingCharacters() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return s
    }
}
