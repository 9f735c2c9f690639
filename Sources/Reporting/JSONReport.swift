import Findings
import Graph

/// The complete machine-readable record of a run (`--format json`): every result, passes and
/// suppressed ones included (with their justification), diagnostics, rules and inputs.
///
/// The layout is stable: members always appear, in this order, with `null` for an absent
/// optional. A change that removes or renames a member, or changes its meaning, raises the
/// major `schemaVersion`; adding a member raises the minor one.
///
/// ```
/// { "schemaVersion": "1.0",
///   "tool": {"name", "version"},
///   "run": {"startTime", "endTime"|null, "workingDirectory", "category"|null, "commandLine": [..]},
///   "summary": {"findings", "bySeverity": {"critical", "high", "medium", "low", "info"},
///               "unknown", "errors", "suppressed", "passed", "inputs", "diagnostics",
///               "executionSuccessful"},
///   "inputs": [{"path", "format", "sha256", "byteCount", "resourceCounts": {kind: n}, "failed"}],
///   "diagnostics": [{"severity": "error"|"warning"|"note", "message", "location"}],
///   "rules": [{"id", "aliases", "title", "severity", "description", "remediation",
///              "controls": {framework: [ids]}, "appliesTo", "definedIn", "builtin", "tags", "helpUri"|null}],
///   "results": [{"ruleId", "status": "pass"|"fail"|"unknown"|"error", "finding", "severity",
///                "message", "resourceId", "resourceKind", "location", "sourceLocation"|null,
///                "attribute"|null, "unknownAttributes", "fingerprint", "suppression"|null}] }
/// ```
/// A `location` is `{"path", "line", "column", "endLine"|null, "endColumn"|null}` with the path
/// as results name it; `fingerprint` is `{"id", "lineHash"}` (see `ResultFingerprint`); a
/// `suppression` is `{"kind": "inline"|"configuration"|"baseline", "reason", "owner"|null,
/// "until"|null, "location"|null}`. Results are in report order (path, line, column, rule).
public enum JSONReport {
    /// The version of the layout above.
    public static let schemaVersion = "1.0"

    /// The JSON document, pretty-printed, ending in a newline.
    public static func render(_ evaluation: Evaluation, run: RunInfo, options: ReportOptions = ReportOptions()) -> String {
        let fingerprints = ResultFingerprint.all(for: evaluation.results, workingDirectory: run.workingDirectory)
        let findings = evaluation.findings
        var bySeverity = JSONObject()
        for s in Severity.allCases.reversed() {
            bySeverity.add(s.rawValue, .int(findings.filter { $0.severity == s }.count))
        }
        var summary = JSONObject()
        summary.add("findings", .int(findings.count))
        summary.add("bySeverity", bySeverity.node)
        summary.add("unknown", .int(evaluation.results.filter { $0.status == .unknown && $0.suppression == nil }.count))
        summary.add("errors", .int(evaluation.results.filter { $0.status == .error }.count))
        summary.add("suppressed", .int(evaluation.results.filter { $0.suppression != nil }.count))
        summary.add("passed", .int(evaluation.results.filter { $0.status == .pass && $0.suppression == nil }.count))
        summary.add("inputs", .int(evaluation.inputs.count))
        summary.add("diagnostics", .int(evaluation.diagnostics.count))
        summary.add("executionSuccessful", .bool(!evaluation.hasErrors))

        let root: JSONNode = .object([
            ("schemaVersion", .string(schemaVersion)),
            ("tool", .object([("name", .string(run.toolName)), ("version", .string(run.toolVersion))])),
            (
                "run",
                .object([
                    ("startTime", .string(run.startTime)),
                    ("endTime", .optional(run.endTime)),
                    ("workingDirectory", .string(run.workingDirectory)),
                    ("category", .optional(run.category)),
                    ("commandLine", .strings(run.commandLine)),
                ])
            ),
            ("summary", summary.node),
            ("inputs", .array(evaluation.inputs.map(input))),
            (
                "diagnostics",
                .array(
                    evaluation.diagnostics.map { d in
                        .object([
                            ("severity", .string(d.severity.rawValue)), ("message", .string(d.message)),
                            ("location", location(d.location)),
                        ])
                    })
            ),
            ("rules", .array(evaluation.rules.map(rule))),
            ("results", .array(zip(evaluation.results, fingerprints).map { result($0, $1) })),
        ])
        return root.pretty
    }

    static func location(_ l: SourceLocation) -> JSONNode {
        .object([
            ("path", .string(l.path)), ("line", .int(l.line)), ("column", .int(l.column)),
            ("endLine", .optional(l.endLine)), ("endColumn", .optional(l.endColumn)),
        ])
    }

    private static func input(_ i: InputSummary) -> JSONNode {
        .object([
            ("path", .string(i.path)), ("format", .string(i.format)), ("sha256", .string(i.sha256)),
            ("byteCount", .int(i.byteCount)),
            ("resourceCounts", .object(i.resourceCounts.keys.sorted().map { ($0, .int(i.resourceCounts[$0] ?? 0)) })),
            ("failed", .bool(i.failed)),
        ])
    }

    private static func rule(_ r: Rule) -> JSONNode {
        .object([
            ("id", .string(r.id)), ("aliases", .strings(r.aliases)), ("title", .string(r.title)),
            ("severity", .string(r.severity.rawValue)), ("description", .string(r.description)),
            ("remediation", .string(r.remediation)),
            ("controls", .object(r.controls.keys.sorted().map { ($0, .strings(r.controls[$0] ?? [])) })),
            ("appliesTo", .strings(r.appliesTo)), ("definedIn", .string(r.definedIn)), ("builtin", .bool(r.builtin)),
            ("tags", .strings(r.tags)), ("helpUri", .optional(r.helpURI)),
        ])
    }

    private static func result(_ r: Result, _ fingerprint: ResultFingerprint) -> JSONNode {
        .object([
            ("ruleId", .string(r.ruleID)), ("status", .string(r.status.rawValue)), ("finding", .bool(r.isFinding)),
            ("severity", .string(r.severity.rawValue)), ("message", .string(r.message)),
            ("resourceId", .string(r.resourceID)), ("resourceKind", .string(r.resourceKind)),
            ("location", location(r.location)), ("sourceLocation", r.sourceLocation.map(location) ?? .null),
            ("attribute", .optional(r.attribute?.description)), ("unknownAttributes", .strings(r.unknownAttributes)),
            ("fingerprint", .object([("id", .string(fingerprint.id)), ("lineHash", .string(fingerprint.lineHash))])),
            ("suppression", r.suppression.map(suppression) ?? .null),
        ])
    }

    private static func suppression(_ s: Suppression) -> JSONNode {
        .object([
            ("kind", .string(s.kind.rawValue)), ("reason", .string(s.reason)), ("owner", .optional(s.owner)),
            ("until", .optional(s.until)), ("location", s.location.map(location) ?? .null),
        ])
    }
}
