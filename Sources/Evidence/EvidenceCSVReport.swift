import Findings

/// `results.csv`: one row per (control, result), for spreadsheets; RFC 4180 (CRLF line ends,
/// fields with commas, quotes or line breaks quoted, quotes doubled).
public enum EvidenceCSVReport {
    /// The column names, in order.
    public static let columns = [
        "framework", "control", "control_status", "policy", "severity", "result", "resource", "kind", "path", "line", "column",
        "message", "exception_kind", "exception_reason", "exception_owner", "exception_until",
    ]

    /// The document. A control without results has one row with empty result columns, so every
    /// control appears; results of rules outside the framework follow with an empty control.
    public static func render(_ evaluation: Evaluation, run: RunInfo, context: EvidenceContext) -> String {
        let a = FrameworkAssessment(evaluation, framework: context.framework, catalogue: context.catalogue)
        var out = line(columns)
        let fw = context.framework.id
        for c in a.controls {
            if c.results.isEmpty {
                out += line([fw, c.control.id, c.status.label] + Array(repeating: "", count: columns.count - 3))
            }
            for r in c.results { out += line([fw, c.control.id, c.status.label] + fields(r, run.workingDirectory)) }
        }
        for r in a.unmappedResults { out += line([fw, "", ""] + fields(r, run.workingDirectory)) }
        return out
    }

    static func fields(_ r: Result, _ wd: String) -> [String] {
        let l = r.primaryLocation
        let s = r.suppression
        return [
            r.ruleID, r.severity.rawValue, ControlAssessment.shownStatus(r), r.resourceID, r.resourceKind,
            EvidencePath.display(l.path, in: wd), String(l.line), String(l.column), r.message,
            s?.kind.rawValue ?? "", s?.reason ?? "", s?.owner ?? "", s?.until ?? "",
        ]
    }

    /// One record, CRLF-terminated.
    public static func line(_ fields: [String]) -> String {
        fields.map(quote).joined(separator: ",") + "\r\n"
    }

    /// A field, quoted when it holds a comma, a quote, CR or LF.
    public static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return field }
        return "\"" + field.replacingAll("\"", "\"\"") + "\""
    }
}
