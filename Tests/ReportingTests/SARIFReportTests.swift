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
