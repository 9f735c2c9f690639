import Findings
import Graph
import PolicyEngine
import Testing

@Test func inlineSuppressionsCoverTheNextLineOrTheirOwn() {
    let text = """
        # cipherlint:ignore k8s-ingress-tls-configured reason="internal only" until=2027-03-31 owner=web
        apiVersion: v1
        kind: Ingress
        metadata: {name: x}  # cipherlint:ignore other-policy reason='x'
        """
    let (found, errors) = InlineSuppression.scan(SourceFile(path: "a.yaml", text: text))
    #expect(errors.isEmpty)
    #expect(found.count == 2)
    #expect(found[0].policies == ["k8s-ingress-tls-configured"])
    #expect(found[0].reason == "internal only" && found[0].until == "2027-03-31" && found[0].owner == "web")
    #expect(found[0].targetLine == 2)
    #expect(found[1].targetLine == 4 && found[1].reason == "x")
}

@Test(arguments: [
    ("# cipherlint:ignore some-policy", "needs a reason"),
    ("# cipherlint:ignore some-policy reason=\"\"", "needs a reason"),
    ("# cipherlint:ignore reason=\"x\"", "needs a policy id"),
    ("# cipherlint:ignore p reason=\"x\" until=tomorrow", "is not a date"),
    ("# cipherlint:ignore p reason=\"x\" expires=2027-01-01", "unknown field"),
])
func malformedSuppressionsAreErrorsNamingTheLine(_ line: String, _ expected: String) {
    let (found, errors) = InlineSuppression.scan(SourceFile(path: "n.conf", text: "server {\n  \(line)\n}\n"))
    #expect(found.isEmpty)
    #expect(errors.count == 1)
    #expect(errors.first?.location.line == 2)
    #expect(errors.first?.message.contains(expected) == true, "\(errors)")
}

@Test func expiredAndUnusedExceptionsAreFindings() {
    let here = SourceLocation(path: "a.yaml", line: 3)
    let failing = Result(
        ruleID: "p", severity: .high, status: .fail, message: "bad", resourceID: "Ingress/default/x",
        resourceKind: "kubernetes/Ingress", location: here)
    let current = InlineSuppression.scan(SourceFile(path: "a.yaml", text: "a: 1\n# cipherlint:ignore p reason=\"ok\" until=2027-01-01\nb: 2\n")).suppressions
    let applied = Exceptions(inline: current, configured: [], today: "2026-12-01").apply(to: [failing], resourceStarts: [:])
    #expect(applied[0].suppression?.reason == "ok")
    #expect(!applied.contains { $0.isFinding })

    let expired = Exceptions(inline: current, configured: [], today: "2027-01-02").apply(to: [failing], resourceStarts: [:])
    #expect(expired[0].suppression == nil)
    #expect(expired.contains { $0.ruleID == Exceptions.expiredRule.id && $0.status == .fail })

    let elsewhere = Result(
        ruleID: "p", severity: .high, status: .fail, message: "bad", resourceID: "r", resourceKind: "k",
        location: SourceLocation(path: "a.yaml", line: 9))
    let unused = Exceptions(inline: current, configured: [], today: "2026-12-01").apply(to: [elsewhere], resourceStarts: [:])
    #expect(unused.contains { $0.ruleID == Exceptions.unusedRule.id && $0.status == .fail })
}

@Test func configurationExceptionsNeedAReason() {
    let text = "exceptions:\n  - policy: p\n    resource: module.legacy.*\n"
    do {
        _ = try Configuration(SourceFile(path: ".cipherlint.yaml", text: text))
        Issue.record("expected an error")
    } catch {
        #expect(error.description == ".cipherlint.yaml:2:5: error: an exception needs a reason")
    }
}

@Test func configurationExceptionsMatchByGlob() throws {
    let text = "exceptions:\n  - policy: p\n    resource: module.legacy.*\n    reason: replaced in Q3\n    owner: infra\n    until: 2027-09-30\n"
    let config = try Configuration(SourceFile(path: ".cipherlint.yaml", text: text))
    let r = Result(
        ruleID: "p", severity: .high, status: .fail, message: "m", resourceID: "module.legacy.aws_kms_key.k",
        resourceKind: "terraform/aws_kms_key", location: SourceLocation(path: "plan.json", line: 10))
    let out = Exceptions(inline: [], configured: config.exceptions, today: "2026-12-01").apply(to: [r], resourceStarts: [:])
    #expect(out[0].suppression?.kind == .configuration && out[0].suppression?.owner == "infra")
}

@Test func exceptionsForPoliciesOrFilesNotScannedAreNotUnused() throws {
    let text = """
        exceptions:
          - {policy: aws-kms-key-rotation-enabled, resource: module.legacy.*, reason: replaced in Q3}
          - {policy: k8s-ingress-tls-configured, resource: "*", path: "k8s/legacy/*", reason: internal}
        """
    let config = try Configuration(SourceFile(path: ".cipherlint.yaml", text: text))
    // A pre-commit run on one YAML file: the plan policy was not evaluated, the path not scanned.
    let ingressPass = Result(
        ruleID: "k8s-ingress-tls-configured", severity: .high, status: .pass, message: "ok", resourceID: "Ingress/default/web",
        resourceKind: "kubernetes/Ingress", location: SourceLocation(path: "k8s/web.yaml", line: 5))
    let partial = Exceptions(inline: [], configured: config.exceptions, today: "2026-12-01").apply(to: [ingressPass], resourceStarts: [:])
    #expect(!partial.contains { $0.isFinding }, "\(partial.filter(\.isFinding).map(\.message))")
    // Once the plan policy runs and nothing matches, the exception is unused.
    let kmsPass = Result(
        ruleID: "aws-kms-key-rotation-enabled", severity: .high, status: .pass, message: "ok", resourceID: "aws_kms_key.main",
        resourceKind: "terraform/aws_kms_key", location: SourceLocation(path: "plan.json", line: 9))
    let full = Exceptions(inline: [], configured: config.exceptions, today: "2026-12-01").apply(to: [ingressPass, kmsPass], resourceStarts: [:])
    #expect(full.filter(\.isFinding).map(\.ruleID) == [Exceptions.unusedRule.id])
    // An inline exception for a skipped policy is not judged either; the last valid day still holds.
    let inline = InlineSuppression.scan(SourceFile(path: "k8s/web.yaml", text: "# cipherlint:ignore other reason=\"x\" until=2026-12-01\na: 1\n")).suppressions
    let skipped = Exceptions(inline: inline, configured: [], today: "2026-12-01").apply(to: [ingressPass], resourceStarts: [:])
    #expect(!skipped.contains { $0.isFinding })
    let expired = Exceptions(inline: inline, configured: [], today: "2026-12-02").apply(to: [ingressPass], resourceStarts: [:])
    #expect(expired.filter(\.isFinding).map(\.ruleID) == [Exceptions.expiredRule.id])
}

@Test func configurationExceptionsMatchByPathGlob() throws {
    let text = """
        exceptions:
          - {policy: "*", resource: "*", path: "k8s/legacy/*", reason: internal}
          - {policy: p, resource: "Ingress/team-a/*", reason: owned by team a}
        """
    let config = try Configuration(SourceFile(path: ".cipherlint.yaml", text: text))
    func failing(_ path: String) -> Result {
        Result(
            ruleID: "p", severity: .high, status: .fail, message: "m", resourceID: "Ingress/default/x",
            resourceKind: "kubernetes/Ingress", location: SourceLocation(path: path, line: 3))
    }
    let out = Exceptions(inline: [], configured: config.exceptions, today: "2026-12-01")
        .apply(to: [failing("k8s/legacy/a.yaml"), failing("k8s/new/b.yaml")], resourceStarts: [:])
    #expect(out[0].suppression?.reason == "internal")
    #expect(out[1].suppression == nil)
    var teamA = failing("k8s/new/c.yaml")
    teamA.resourceID = "Ingress/team-a/web"
    let covered = Exceptions(inline: [], configured: config.exceptions, today: "2026-12-01").apply(to: [teamA], resourceStarts: [:])
    #expect(covered[0].suppression?.reason == "owned by team a")
}
