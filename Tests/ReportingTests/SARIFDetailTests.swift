import Findings
import Foundation
import Graph
import Reporting
import TestSupport
import Testing

/// SARIF details checked through the rendered JSON.
@Suite struct SARIFDetailTests {
    private func sarif(_ evaluation: Evaluation, options: ReportOptions = ReportOptions()) throws -> [String: Any] {
        let text = SARIFReport.render(evaluation, run: Sample.run, options: options)
        return try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }

    private func run(_ log: [String: Any]) -> [String: Any] { (log["runs"] as? [[String: Any]])?.first ?? [:] }

    private func rules(_ log: [String: Any]) -> [[String: Any]] {
        ((run(log)["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]] ?? []
    }

    private func results(_ log: [String: Any]) -> [[String: Any]] { run(log)["results"] as? [[String: Any]] ?? [] }

    @Test func tagsAreCutAtTwentyDeterministically() throws {
        let controls = ["soc2": (1...15).map { "CC\($0)" }, "nist-800-53": (1...15).map { "SC-\($0)" }]
        let rule = Rule(
            id: "many-controls", title: "Many", severity: .low, description: "d", remediation: "r", controls: controls,
            definedIn: "x.yaml", builtin: false, tags: ["a", "b"])
        let log = try sarif(Evaluation(results: [], rules: [rule]))
        let tags = (rules(log).first?["properties"] as? [String: Any])?["tags"] as? [String] ?? []
        #expect(tags.count == 20)
        #expect(Array(tags.prefix(4)) == ["security", "a", "b", "nist-800-53/SC-1"])
        #expect(tags.last == "soc2/CC2")
    }

    @Test func ruleNamesArePascalCaseAndLevelsFollowSeverity() throws {
        let log = try sarif(Sample.evaluation)
        let byID = Dictionary(uniqueKeysWithValues: rules(log).map { ($0["id"] as? String ?? "", $0) })
        #expect(byID["aws-kms-key-rotation-enabled"]?["name"] as? String == "AwsKmsKeyRotationEnabled")
        let levels = byID.mapValues { ($0["defaultConfiguration"] as? [String: Any])?["level"] as? String ?? "" }
        #expect(levels["aws-s3-bucket-kms-encrypted"] == "error")
        #expect(levels["aws-kms-key-rotation-enabled"] == "error")
        #expect(levels["nginx-ssl-protocols-modern"] == "warning")
        #expect(levels["nginx-ocsp-stapling-enabled"] == "note")
        let precision = byID.mapValues { ($0["properties"] as? [String: Any])?["precision"] as? String ?? "" }
        #expect(precision["nginx-ssl-protocols-modern"] == "medium")
        #expect(precision["aws-kms-key-rotation-enabled"] == "high")
    }

    @Test func passesAndSuppressedAreLeftOutByDefault() throws {
        let ids = results(try sarif(Sample.evaluation)).compactMap { $0["ruleId"] as? String }
        #expect(ids.sorted() == ["aws-kms-key-rotation-enabled", "aws-s3-bucket-kms-encrypted", "k8s-ingress-tls-configured", "nginx-ocsp-stapling-enabled"])
        let withoutUnknown = results(try sarif(Sample.evaluation, options: ReportOptions(includeUnknown: false)))
        #expect(withoutUnknown.count == 3)
        let withSuppressed = results(try sarif(Sample.evaluation, options: ReportOptions(includeSuppressed: true)))
        #expect(withSuppressed.count == 5)
    }

    @Test func primaryLocationIsTheTerraformSourceAndThePlanIsRelated() throws {
        let result = results(try sarif(Evaluation(results: [Sample.kmsFailure()], rules: Sample.rules))).first ?? [:]
        let primary = ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]) ?? [:]
        #expect((primary["artifactLocation"] as? [String: Any])?["uri"] as? String == "infra/kms.tf")
        let region = primary["region"] as? [String: Int] ?? [:]
        #expect(region == ["startLine": 7, "startColumn": 3, "endLine": 7, "endColumn": 30])
        let related = ((result["relatedLocations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]) ?? [:]
        #expect((related["artifactLocation"] as? [String: Any])?["uri"] as? String == "plan.json")
    }

    @Test func pathsArePercentEncodedAndRepositoryRelative() throws {
        var r = Sample.kmsFailure()
        r.sourceLocation = Graph.SourceLocation(path: "/home/ci/repo/./infra/größe #1.tf", line: 2)
        let result = results(try sarif(Evaluation(results: [r], rules: Sample.rules))).first ?? [:]
        let primary = ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]) ?? [:]
        let artifact = primary["artifactLocation"] as? [String: Any] ?? [:]
        #expect(artifact["uri"] as? String == "infra/gr%C3%B6%C3%9Fe%20%231.tf")
        #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
        let base = (run(try sarif(Sample.evaluation))["originalUriBaseIds"] as? [String: [String: String]])?["%SRCROOT%"]?["uri"]
        #expect(base == "file:///home/ci/repo/")
    }

    @Test func unknownResultsAreNotesNamingTheAttributes() throws {
        let unknown = results(try sarif(Sample.evaluation)).first { $0["ruleId"] as? String == "aws-s3-bucket-kms-encrypted" } ?? [:]
        #expect(unknown["level"] as? String == "note")
        let text = (unknown["message"] as? [String: Any])?["text"] as? String ?? ""
        #expect(text.hasSuffix("unknown until apply: resource.kms_master_key_id)"))
    }

    @Test func resultsOfUndeclaredRulesStillResolve() throws {
        var r = Sample.kmsFailure()
        r.ruleID = "cipherlint-suppression-expired"
        let log = try sarif(Evaluation(results: [r], rules: Sample.rules))
        let ids = rules(log).compactMap { $0["id"] as? String }
        let index = results(log).first?["ruleIndex"] as? Int ?? -1
        #expect(ids.indices.contains(index) && ids[index] == "cipherlint-suppression-expired")
    }

    @Test func everyDiagnosticIsANotificationAndErrorsFailTheExecution() throws {
        let invocation = (run(try sarif(Sample.evaluation))["invocations"] as? [[String: Any]])?.first ?? [:]
        #expect(invocation["executionSuccessful"] as? Bool == false)
        let notes = invocation["toolExecutionNotifications"] as? [[String: Any]] ?? []
        #expect(notes.compactMap { $0["level"] as? String } == ["warning", "error", "error"])
        let clean = (run(try sarif(Evaluation(results: [Sample.kmsFailure()], rules: Sample.rules)))["invocations"] as? [[String: Any]])?.first
        #expect(clean?["executionSuccessful"] as? Bool == true)
    }

    @Test func edgeCasesStillPassValidateSARIF() throws {
        if let reason = PythonTool.unavailableReason {
            print("skipped validate-sarif: \(reason)")
            return
        }
        var odd = Sample.kmsFailure()
        odd.ruleID = "undeclared-rule"
        odd.message = ""
        odd.sourceLocation = Graph.SourceLocation(path: "./infra/a b.tf", line: 0, column: 0, endLine: -3, endColumn: 0)
        let controls = ["soc2": (1...30).map { "CC\($0)" }]
        let rule = Rule(id: "x", title: "", severity: .info, description: "", remediation: "", controls: controls, definedIn: "", builtin: false)
        let text = SARIFReport.render(Evaluation(results: [odd], rules: [rule]), run: Sample.run)
        let tool = Fixtures.shared.appendingPathComponent("tools/validate-sarif").path
        let outcome = try PythonTool.check(text, suffix: ".sarif", args: [tool])
        #expect(outcome.status == 0, "\(outcome.output)")
    }
}
