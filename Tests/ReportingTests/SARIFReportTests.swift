import Findings
import Foundation
import Graph
import Reporting
import TestSupport
import Testing

@Suite struct SARIFReportTests {
    @Test func matchesGolden() throws {
        let text = SARIFReport.render(Sample.evaluation, run: Sample.run, options: Sample.options)
        #expect(text == (try Golden.expected("sample.sarif", actual: text)))
    }

    @Test func withSuppressedMatchesGolden() throws {
        var options = Sample.options
        options.includeSuppressed = true
        options.includeUnknown = false
        let text = SARIFReport.render(Sample.evaluation, run: Sample.run, options: options)
        #expect(text == (try Golden.expected("sample-suppressed.sarif", actual: text)))
    }

    @Test func isDeterministic() {
        let a = SARIFReport.render(Sample.evaluation, run: Sample.run, options: Sample.options)
        let b = SARIFReport.render(Sample.evaluation, run: Sample.run, options: Sample.options)
        #expect(a == b)
    }

    @Test(arguments: [false, true])
    func passesValidateSARIF(includeSuppressed: Bool) throws {
        if let reason = PythonTool.unavailableReason {
            print("skipped validate-sarif: \(reason)")
            return
        }
        var options = Sample.options
        options.includeSuppressed = includeSuppressed
        let text = SARIFReport.render(Sample.evaluation, run: Sample.run, options: options)
        let tool = Fixtures.shared.appendingPathComponent("tools/validate-sarif").path
        let outcome = try PythonTool.check(text, suffix: ".sarif", args: [tool])
        #expect(outcome.status == 0, "\(outcome.output)")
    }

    @Test func cleanScanPassesValidateSARIF() throws {
        if let reason = PythonTool.unavailableReason {
            print("skipped validate-sarif: \(reason)")
            return
        }
        let evaluation = Evaluation(results: [], rules: Sample.rules)
        let text = SARIFReport.render(evaluation, run: RunInfo(toolVersion: "0.3.0", startTime: "2026-12-01T18:30:00Z", workingDirectory: "/r"))
        let tool = Fixtures.shared.appendingPathComponent("tools/validate-sarif").path
        let outcome = try PythonTool.check(text, suffix: ".sarif", args: [tool, "--strict"])
        #expect(outcome.status == 0, "\(outcome.output)")
    }
}

@Suite struct SARIFLimitTests {
    @Test func truncatesAt25000ResultsWithAWarning() {
        let results = (0..<25_001).map { i in
            Result(
                ruleID: "k8s-ingress-tls-configured", severity: .high, status: .fail, message: "no TLS",
                resourceID: "kubernetes/Ingress/default/web-\(i)", resourceKind: "kubernetes/Ingress",
                location: Graph.SourceLocation(path: "k8s/all.yaml", line: i + 1))
        }
        let evaluation = Evaluation(results: results, rules: Sample.rules)
        let report = SARIFReport.report(evaluation, run: Sample.run)
        #expect(report.warnings.first == "SARIF: 25,001 results exceed GitHub's limit of 25,000 per run; kept the first 25,000 in report order")
        // The text is over 10 MB before compression, which is worth a warning too.
        #expect(report.warnings.count == 2)
        // The first 25,000 in report order are kept: the last result written is line 25,000.
        let tail = String(decoding: report.text.utf8.suffix(3_000), as: UTF8.self)
        let lastStart = tail.components(separatedBy: "\"startLine\": ").last?.prefix { $0.isNumber }
        #expect(lastStart == "25000")
        let head = String(decoding: report.text.utf8.prefix(20_000), as: UTF8.self)
        #expect(head.contains("\"startLine\": 1,"))
    }

    @Test func warnsAboutResultsOutsideTheRepository() {
        var outside = Sample.kmsFailure()
        outside.sourceLocation?.path = "/elsewhere/kms.tf"
        let warnings = SARIFReport.limitWarnings(Evaluation(results: [outside], rules: Sample.rules), run: Sample.run)
        #expect(warnings == ["SARIF: 1 file(s) with results lie outside /home/ci/repo (/elsewhere/kms.tf); GitHub cannot place those results"])
    }

    @Test func smallScansHaveNoWarnings() {
        #expect(SARIFReport.report(Sample.evaluation, run: Sample.run).warnings.isEmpty)
    }

    @Test(arguments: [("iac", "iac/"), ("iac/", "iac/"), ("terraform/prod", "terraform/prod/")])
    func categoryGetsATrailingSlash(category: String, id: String) {
        var run = Sample.run
        run.category = category
        #expect(SARIFReport.render(Sample.evaluation, run: run).contains("\"id\": \"\(id)\""))
    }
}
