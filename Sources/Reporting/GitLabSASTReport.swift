import Findings
import Graph

/// A GitLab SAST report (`--format gitlab-sast`), schema 15.2.1, for the merge request
/// security widget: one vulnerability per finding, the rule and its controls as identifiers.
///
/// Unknown, passing and suppressed results are left out (GitLab has no place for them);
/// diagnostics and unevaluable results become `scan.messages`.
public enum GitLabSASTReport {
    /// The schema version the report follows.
    public static let schemaVersion = "15.2.1"

    /// The report, pretty-printed, ending in a newline.
    public static func render(_ evaluation: Evaluation, run: RunInfo, options: ReportOptions = ReportOptions()) -> String {
        let findings = evaluation.findingIndices
        let fingerprints = ResultFingerprint.of(findings, in: evaluation.results, workingDirectory: run.workingDirectory)
        var vulnerabilities: [JSONNode] = []
        for (i, fingerprint) in zip(findings, fingerprints) {
            let result = evaluation.results[i]
            vulnerabilities.append(vulnerability(result, rule: evaluation.rule(result.ruleID), fingerprint: fingerprint, run: run))
        }

        var messages: [JSONNode] = evaluation.diagnostics.map { d in
            message(d.severity == .note ? "info" : "warn", ReportPath.describe(d, in: run.workingDirectory))
        }
        for r in evaluation.results where r.status == .error {
            messages.append(message("warn", "\(ReportPath.place(r.primaryLocation, in: run.workingDirectory)): \(r.ruleID) could not be evaluated on \(r.resourceID): \(r.message)"))
        }

        let tool: JSONNode = .object([
            ("id", .string(run.toolName)), ("name", .string(run.toolName)), ("url", .string(options.informationURI)),
            ("vendor", .object([("name", .string(run.toolName))])), ("version", .string(run.toolVersion)),
        ])
        var scan = JSONObject()
        scan.add("analyzer", tool)
        scan.add("scanner", tool)
        scan.add("type", .string("sast"))
        scan.add("start_time", .string(timestamp(run.startTime)))
        scan.add("end_time", .string(timestamp(run.endTime ?? run.startTime)))
        // Unreadable inputs are a partial error: reported as `warn` messages, not a failed scan.
        scan.add("status", .string("success"))
        if !messages.isEmpty { scan.add("messages", .array(messages)) }
        scan.add("primary_identifiers", .array(evaluation.rules.map { ruleIdentifier($0.id, url: $0.helpURI) }))

        return JSONNode.object([
            ("version", .string(schemaVersion)),
            (
                "schema",
                .string(
                    "https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v\(schemaVersion)/dist/sast-report-format.json")
            ),
            ("scan", scan.node),
            ("vulnerabilities", .array(vulnerabilities)),
        ]).pretty
    }

    /// `2026-12-01T18:30:00Z` → `2026-12-01T18:30:00` (GitLab wants no zone suffix).
    static func timestamp(_ rfc3339: String) -> String {
        let prefix = Array(rfc3339.prefix(19))
        let shape = "dddd-dd-ddTdd:dd:dd"
        let ok = prefix.count == 19 && zip(prefix, shape).allSatisfy { c, s in s == "d" ? c.isASCII && c.isNumber : c == s }
        return ok ? String(prefix) : "1970-01-01T00:00:00"
    }

    /// A UUID-shaped id (version 5 layout) from a fingerprint, stable across runs.
    static func uuid(_ hex: String) -> String {
        var h = Array(hex.prefix(32))
        while h.count < 32 { h.append("0") }
        h[12] = "5"
        let variant = "89ab"
        let index = Int(String(h[16]), radix: 16) ?? 0
        h[16] = Array(variant)[index % 4]
        let s = String(h)
        func part(_ from: Int, _ to: Int) -> String {
            String(s[s.index(s.startIndex, offsetBy: from)..<s.index(s.startIndex, offsetBy: to)])
        }
        return [part(0, 8), part(8, 12), part(12, 16), part(16, 20), part(20, 32)].joined(separator: "-")
    }

    static func severity(_ s: Severity) -> String {
        switch s {
        case .critical: return "Critical"
        case .high: return "High"
        case .medium: return "Medium"
        case .low: return "Low"
        case .info: return "Info"
        }
    }

    private static func message(_ level: String, _ value: String) -> JSONNode {
        .object([("level", .string(level)), ("value", .string(value.isEmpty ? "(no message)" : value))])
    }

    private static func ruleIdentifier(_ id: String, url: String?) -> JSONNode {
        var i = JSONObject()
        i.add("type", .string("cipherlint_rule_id"))
        i.add("name", .string("cipherlint \(id)"))
        i.add("value", .string(id))
        if let url, url.hasPrefix("https://") || url.hasPrefix("http://") { i.add("url", .string(url)) }
        return i.node
    }

    private static func vulnerability(_ result: Result, rule: Rule?, fingerprint: ResultFingerprint, run: RunInfo) -> JSONNode {
        let location = result.primaryLocation
        var identifiers = [ruleIdentifier(result.ruleID, url: rule?.helpURI)]
        if let controls = rule?.controls {
            for framework in controls.keys.sorted() {
                for control in controls[framework] ?? [] where !control.isEmpty && !framework.isEmpty {
                    identifiers.append(
                        .object([("type", .string(framework)), ("name", .string("\(framework) \(control)")), ("value", .string(control))]))
                }
            }
        }
        var description = result.message
        if let text = rule?.description, !text.isEmpty { description += "\n\n" + text }

        var v = JSONObject()
        v.add("id", .string(uuid(fingerprint.id)))
        v.add("name", .string((rule?.title.isEmpty == false ? rule?.title ?? result.ruleID : result.ruleID).truncated(to: 255)))
        v.add("description", .string(description.truncated(to: 1_048_576)))
        v.add("severity", .string(severity(result.severity)))
        if let remediation = rule?.remediation, !remediation.isEmpty { v.add("solution", .string(remediation.truncated(to: 7000))) }
        v.add("identifiers", .array(identifiers))
        if let url = rule?.helpURI, url.hasPrefix("https://") || url.hasPrefix("http://") {
            v.add("links", .array([.object([("url", .string(url))])]))
        }
        v.add(
            "location",
            .object([
                ("file", .string(ReportPath.display(location.path, in: run.workingDirectory))),
                ("start_line", .int(location.line)),
                ("end_line", .int(max(location.line, location.endLine ?? location.line))),
            ]))
        var details: [(String, JSONNode)] = [
            ("resource", textDetail("Resource", result.resourceID)),
            ("resource_kind", textDetail("Resource kind", result.resourceKind)),
        ]
        if let attribute = result.attribute, !attribute.segments.isEmpty {
            details.append(("attribute", textDetail("Attribute", attribute.description)))
        }
        v.add("details", .object(details))
        return v.node
    }

    private static func textDetail(_ name: String, _ value: String) -> JSONNode {
        .object([("name", .string(name)), ("type", .string("text")), ("value", .string(value))])
    }
}
