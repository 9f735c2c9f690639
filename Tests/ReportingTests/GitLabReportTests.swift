import Findings
import Foundation
import Graph
import Reporting
import TestSupport
import Testing

@Suite struct GitLabSASTReportTests {
    @Test func matchesGolden() throws {
        let text = GitLabSASTReport.render(Sample.evaluation, run: Sample.run)
        #expect(text == (try Golden.expected("sample-gitlab-sast.json", actual: text)))
    }

    @Test func validatesAgainstTheSchema() throws {
        if let reason = PythonTool.unavailableReason {
            print("skipped GitLab SAST schema check: \(reason)")
            return
        }
        let schema = Fixtures.shared.appendingPathComponent("schemas/gitlab-sast-report-format-15.2.1.json").path
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1], encoding="utf-8"))
            report = json.load(open(sys.argv[2], encoding="utf-8"))
            errors = list(jsonschema.validators.validator_for(schema)(schema).iter_errors(report))
            for e in errors: print(list(e.absolute_path), e.message[:300])
            sys.exit(1 if errors else 0)
            """
        for evaluation in [Sample.evaluation, Evaluation(results: [], rules: [])] {
            let text = GitLabSASTReport.render(evaluation, run: Sample.run)
            let outcome = try PythonTool.check(text, suffix: ".json", args: ["-c", script, schema])
            #expect(outcome.status == 0, "\(outcome.output)")
        }
    }

    @Test func timestampsHaveNoZone() {
        let text = GitLabSASTReport.render(Sample.evaluation, run: Sample.run)
        #expect(text.contains("\"start_time\": \"2026-12-01T18:30:00\""))
        #expect(text.contains("\"end_time\": \"2026-12-01T18:30:02\""))
    }

    @Test func idsAreUUIDShapedAndStable() throws {
        let text = GitLabSASTReport.render(Sample.evaluation, run: Sample.run)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let ids = (object?["vulnerabilities"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(ids.count == 3)
        #expect(Set(ids).count == 3)
        for id in ids {
            #expect(UUID(uuidString: id) != nil, "\(id)")
        }
        #expect(text == GitLabSASTReport.render(Sample.evaluation, run: Sample.run))
    }
}

@Suite struct CodeQualityReportTests {
    @Test func matchesGolden() throws {
        let text = CodeQualityReport.render(Sample.evaluation, run: Sample.run)
        #expect(text == (try Golden.expected("sample-codequality.json", actual: text)))
    }

    @Test func hasTheFieldsGitLabRequires() throws {
        let text = CodeQualityReport.render(Sample.evaluation, run: Sample.run)
        let issues = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] ?? []
        #expect(issues.count == 3)
        let severities: Set<String> = ["info", "minor", "major", "critical", "blocker"]
        for issue in issues {
            let description = issue["description"] as? String ?? ""
            let checkName = issue["check_name"] as? String ?? ""
            let fingerprint = issue["fingerprint"] as? String ?? ""
            let severity = issue["severity"] as? String ?? ""
            let location = issue["location"] as? [String: Any] ?? [:]
            let path = location["path"] as? String ?? ""
            let begin = (location["lines"] as? [String: Any])?["begin"] as? Int ?? 0
            #expect(!description.isEmpty && !checkName.isEmpty && !path.isEmpty)
            #expect(fingerprint.count == 32 && fingerprint.allSatisfy(\.isHexDigit))
            #expect(severities.contains(severity))
            #expect(begin >= 1)
        }
    }

    @Test func cleanScanIsAnEmptyArray() {
        #expect(CodeQualityReport.render(Evaluation(results: [], rules: []), run: Sample.run) == "[]\n")
    }
}

@Suite struct JUnitReportTests {
    @Test func matchesGolden() throws {
        let text = JUnitReport.render(Sample.evaluation, run: Sample.run)
        #expect(text == (try Golden.expected("sample-junit.xml", actual: text)))
    }

    @Test func isWellFormedXML() throws {
        guard PythonTool.python3 != nil else {
            print("skipped JUnit XML parse: python3 not found")
            return
        }
        let script = """
            import sys, xml.etree.ElementTree as ET
            root = ET.parse(sys.argv[1]).getroot()
            cases = root.findall("./testsuite/testcase")
            print(root.get("tests"), len(cases), root.get("failures"), root.get("errors"), root.get("skipped"))
            """
        let outcome = try PythonTool.check(JUnitReport.render(Sample.evaluation, run: Sample.run), suffix: ".xml", args: ["-c", script])
        #expect(outcome.status == 0, "\(outcome.output)")
        // 7 results and 1 unreadable input: 3 failures, 2 errors, 2 skipped (unknown, suppressed).
        #expect(outcome.output == "8 8 3 2 2\n")
    }

    @Test func escapesMarkup() {
        var r = Sample.kmsFailure()
        r.message = "a<b>&\"c\"\u{1}"
        let text = JUnitReport.render(Evaluation(results: [r], rules: Sample.rules), run: Sample.run)
        #expect(text.contains("<failure message=\"a&lt;b&gt;&amp;&quot;c&quot;\u{FFFD}\" type=\"high\">"))
    }
}

@Suite struct ReportFormatTests {
    @Test(arguments: ReportFormat.allCases)
    func everyFormatRendersDeterministically(format: ReportFormat) {
        let a = format.render(Sample.evaluation, run: Sample.run, options: Sample.options)
        let b = format.render(Sample.evaluation, run: Sample.run, options: Sample.options)
        #expect(a == b)
        #expect(a.text.hasSuffix("\n"))
        #expect(a.warnings.isEmpty)
    }

    @Test func namesMatchTheCommandLine() {
        #expect(ReportFormat.allCases.map(\.rawValue) == ["text", "json", "sarif", "junit", "gitlab-sast", "codequality"])
    }
}
