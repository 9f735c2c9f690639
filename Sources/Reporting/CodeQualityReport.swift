import Findings
import Graph

/// A GitLab Code Quality report (`--format codequality`): a JSON array with one issue per
/// finding, for the merge request's code quality widget.
public enum CodeQualityReport {
    /// The report, pretty-printed, ending in a newline.
    public static func render(_ evaluation: Evaluation, run: RunInfo, options: ReportOptions = ReportOptions()) -> String {
        let findings = evaluation.findingIndices
        let fingerprints = ResultFingerprint.of(findings, in: evaluation.results, workingDirectory: run.workingDirectory)
        var issues: [JSONNode] = []
        for (i, fingerprint) in zip(findings, fingerprints) {
            let result = evaluation.results[i]
            let l = result.primaryLocation
            var lines = JSONObject()
            lines.add("begin", .int(l.line))
            if let end = l.endLine, end > l.line { lines.add("end", .int(end)) }
            issues.append(
                .object([
                    ("type", .string("issue")),
                    ("description", .string(result.message.isEmpty ? result.ruleID : result.message)),
                    ("check_name", .string(result.ruleID)),
                    ("fingerprint", .string(String(fingerprint.id.prefix(32)))),
                    ("severity", .string(severity(result.severity))),
                    ("categories", .strings(["Security"])),
                    (
                        "location",
                        .object([("path", .string(ReportPath.display(l.path, in: run.workingDirectory))), ("lines", lines.node)])
                    ),
                ]))
        }
        return JSONNode.array(issues).pretty
    }

    /// Code Quality's scale: info, minor, major, critical, blocker.
    static func severity(_ s: Severity) -> String {
        switch s {
        case .info: return "info"
        case .low: return "minor"
        case .medium: return "major"
        case .high: return "critical"
        case .critical: return "blocker"
        }
    }
}
