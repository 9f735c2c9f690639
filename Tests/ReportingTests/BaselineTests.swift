import Findings
import Foundation
import Graph
import Reporting
import Testing

@Suite struct BaselineTests {
    private let root = "/home/ci/repo"

    private func evaluation(_ results: [Result]) -> Evaluation {
        Evaluation(
            results: results, rules: Sample.rules,
            inputs: [InputSummary(path: "plan.json", format: "terraform-plan", sha256: "", byteCount: 0, resourceCounts: [:])])
    }

    private func ingress(_ name: String, line: Int) -> Result {
        Result(
            ruleID: "k8s-ingress-tls-configured", severity: .high, status: .fail, message: "Ingress \(name) serves plain HTTP",
            resourceID: "Ingress/default/\(name)", resourceKind: "kubernetes/Ingress",
            location: Graph.SourceLocation(path: "k8s/web.yaml", line: line, column: 1), attribute: AttributePath(keys: "spec"))
    }

    private func suppressedKinds(_ e: Evaluation) -> [String: Suppression.Kind?] {
        Dictionary(e.results.map { ($0.resourceID, $0.suppression?.kind) }, uniquingKeysWith: { a, _ in a })
    }

    @Test func movingAFindingDownTenLinesKeepsItBaselined() {
        let baseline = Baseline.create(from: evaluation([Sample.kmsFailure(line: 7), ingress("web", line: 5)]), workingDirectory: root)
        #expect(baseline.findings.count == 2)
        var moved = ingress("web", line: 15)
        moved.location.column = 3
        let applied = baseline.apply(to: evaluation([Sample.kmsFailure(line: 17), moved]), workingDirectory: root, file: "b.json")
        #expect(applied.matched == 2)
        #expect(applied.stale.isEmpty)
        #expect(applied.evaluation.findings.isEmpty)
        #expect(applied.evaluation.results.allSatisfy { $0.suppression?.kind == .baseline })
    }

    @Test func changingTheResourceIDMakesItNewAndTheOldEntryStale() {
        let baseline = Baseline.create(from: evaluation([ingress("web", line: 5), ingress("api", line: 20)]), workingDirectory: root)
        let applied = baseline.apply(
            to: evaluation([ingress("web", line: 5), ingress("api-v2", line: 20)]), workingDirectory: root, file: "b.json")
        #expect(applied.matched == 1)
        #expect(applied.evaluation.findings.map(\.resourceID) == ["Ingress/default/api-v2"])
        #expect(applied.stale.map(\.resourceId) == ["Ingress/default/api"])
        #expect(suppressedKinds(applied.evaluation)["Ingress/default/web"] == .baseline)
    }

    @Test func fingerprintsAreTheOnesReportsWrite() {
        let e = evaluation([Sample.kmsFailure(), ingress("web", line: 5)])
        let baseline = Baseline.create(from: e, workingDirectory: root)
        let ids = Set(ResultFingerprint.all(for: e.results, workingDirectory: root).map(\.id))
        #expect(baseline.findings.allSatisfy { ids.contains($0.fingerprint) })
        let sarif = SARIFReport.render(e, run: Sample.run)
        #expect(baseline.findings.allSatisfy { sarif.contains($0.fingerprint) })
    }

    @Test func recordsOnlyUnsuppressedFailuresAndNeverExceptionBookkeeping() {
        var inline = ingress("inline", line: 30)
        inline.suppression = Suppression(kind: .inline, reason: "legacy")
        var pass = ingress("ok", line: 40)
        pass.status = .pass
        var unknown = ingress("later", line: 50)
        unknown.status = .unknown
        let expired = Result(
            ruleID: "cipherlint-exception-expired", severity: .medium, status: .fail, message: "expired",
            resourceID: "exception .cipherlint.yaml:3:5", resourceKind: Baseline.exceptionKind,
            location: Graph.SourceLocation(path: ".cipherlint.yaml", line: 3, column: 5))
        let baseline = Baseline.create(
            from: evaluation([ingress("web", line: 5), inline, pass, unknown, expired]), workingDirectory: root)
        #expect(baseline.findings.map(\.resourceId) == ["Ingress/default/web"])
        let applied = baseline.apply(to: evaluation([ingress("web", line: 5), expired]), workingDirectory: root, file: "b.json")
        #expect(applied.evaluation.findings.map(\.ruleID) == ["cipherlint-exception-expired"])
    }

    @Test func entriesForFilesOrRulesNotScannedAreNotStale() {
        let baseline = Baseline.create(
            from: evaluation([Sample.kmsFailure(), ingress("web", line: 5)]), workingDirectory: root)
        // Only the plan was scanned now (a pre-commit run on one staged file), and it is fixed.
        var fixed = Sample.kmsFailure()
        fixed.status = .pass
        let applied = baseline.apply(to: evaluation([fixed]), workingDirectory: root, file: "b.json")
        #expect(applied.stale.map(\.ruleId) == ["aws-kms-key-rotation-enabled"])
        // The same with the Ingress rule not run (--skip).
        let skipped = Evaluation(
            results: [ingress("web-renamed", line: 5)], rules: Sample.rules.filter { $0.id != "k8s-ingress-tls-configured" })
        #expect(baseline.apply(to: skipped, workingDirectory: root, file: "b.json").stale.isEmpty)
    }

    @Test func theFileRoundTripsAndLocatesEveryEntry() throws {
        let baseline = Baseline.create(
            from: evaluation([Sample.kmsFailure(), ingress("web", line: 5), ingress("quote\"d", line: 9)]), workingDirectory: root)
        let text = baseline.render()
        #expect(text == Baseline.create(
            from: evaluation([ingress("quote\"d", line: 9), ingress("web", line: 5), Sample.kmsFailure()]), workingDirectory: root).render())
        var decoded = try JSONDecoder().decode(Baseline.self, from: Data(text.utf8))
        #expect(decoded.version == Baseline.currentVersion)
        #expect(decoded == baseline)
        decoded.locate(in: SourceFile(path: "b.json", text: text))
        #expect(decoded.findings.map(\.line) == [4, 5, 6])
        let stale = Baseline.staleNote(decoded.findings[0], file: "b.json")
        #expect(stale.severity == .note && stale.location.line == 4)
        #expect(Baseline(findings: []).render() == "{\n  \"version\": 1,\n  \"findings\": []\n}\n")
    }

    @Test func theSuppressionIsListedInJSONAndLeftOutOfSARIF() {
        let baseline = Baseline.create(from: evaluation([ingress("web", line: 5)]), workingDirectory: root)
        let applied = baseline.apply(to: evaluation([ingress("web", line: 8)]), workingDirectory: root, file: ".cipherlint-baseline.json")
        let json = JSONReport.render(applied.evaluation, run: Sample.run)
        #expect(json.contains("\"kind\": \"baseline\""))
        let sarif = SARIFReport.render(applied.evaluation, run: Sample.run)
        #expect(!sarif.contains("Ingress/default/web"))
    }
}
