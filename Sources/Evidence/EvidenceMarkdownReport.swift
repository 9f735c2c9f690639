import Findings
import Graph

/// `report.md`: the bundle for people, as Markdown: a status per control, then the detail.
public enum EvidenceMarkdownReport {
    /// The document.
    public static func render(_ evaluation: Evaluation, run: RunInfo, context: EvidenceContext) -> String {
        let a = FrameworkAssessment(evaluation, framework: context.framework, catalogue: context.catalogue)
        let wd = run.workingDirectory
        let f = context.framework
        var out = "# Audit evidence: \(f.name) \(f.version)\n\n"
        out += "Produced by \(run.toolName) \(run.toolVersion) from \(context.paths.map { "`\(EvidencePath.display($0, in: wd))`" }.joined(separator: ", ")), "
        out += "started \(run.startTime)\(run.endTime.map { ", finished \($0)" } ?? "").\n\n"
        if let repo = context.repository {
            out += "Repository: \(repo.remote.map { "`\($0)`" } ?? "(no origin remote)") at commit `\(repo.commit)`"
            if let dirty = repo.dirty { out += dirty ? " with uncommitted changes" : ", clean work tree" }
            out += ".\n\n"
        }
        out += "Policy pack \(context.policyPack.version): \(context.policyPack.files.count) policy files, digest `\(context.policyPack.digest)`.\n\n"

        out += "## Summary\n\n"
        let counts = a.statusCounts
        out += ControlStatus.allCases.map { "\(counts[$0] ?? 0) \($0.label)" }.joined(separator: " · ") + " (of \(a.controls.count) controls)\n\n"
        out += "| Control | Status | Pass | Fail | Unknown | Error | Accepted | Policies |\n|---|---|--:|--:|--:|--:|--:|--:|\n"
        for c in a.controls {
            let n = c.counts
            out += "| [\(cell(c.control.id))](#\(anchor("\(c.control.id): \(c.status.label)"))) | **\(c.status.label)** | \(n["pass"] ?? 0) | \(n["fail"] ?? 0) | \(n["unknown"] ?? 0) | \(n["error"] ?? 0) | \(n["accepted"] ?? 0) | \(c.policies.count) |\n"
        }
        out += "\n"
        for s in ControlStatus.allCases { out += "- **\(s.label)**: \(s.meaning)\n" }
        out += "\n## Controls\n"
        for c in a.controls {
            out += "\n### \(c.control.id): \(c.status.label)\n\n"
            out += "> \(c.control.title)\n\n"
            if !c.control.source.isEmpty { out += "Source: \(c.control.source)\n\n" }
            if c.policies.isEmpty {
                out += "No policy of this run tests this control.\n"
                continue
            }
            out += "Tested by:\n\n"
            for p in c.policies { out += "- `\(p.id)` (\(p.severity.rawValue)): \(p.title)\n" }
            out += "\n"
            if c.results.isEmpty {
                out += "The policies judged no resource in scope.\n"
                continue
            }
            out += resultTable(c.results, wd)
            let accepted = c.results.filter { $0.suppression != nil }
            if !accepted.isEmpty {
                out += "\nAccepted exceptions:\n\n| Policy | Resource | Reason | Owner | Until | Granted in |\n|---|---|---|---|---|---|\n"
                for r in accepted {
                    guard let s = r.suppression else { continue }
                    out += "| `\(cell(r.ruleID))` | `\(cell(r.resourceID))` | \(cell(s.reason)) | \(cell(s.owner ?? "—")) | \(s.until ?? "no expiry") | \(s.location.map { cell(loc($0, wd)) } ?? s.kind.rawValue) |\n"
                }
            }
        }
        if !a.unmappedResults.isEmpty {
            out += "\n## Results outside \(f.name)\n\nResults of checks that map to no control of this framework.\n\n"
            out += resultTable(a.unmappedResults, wd)
        }
        out += "\n## Scope\n\n| Input | Format | SHA-256 | Resources |\n|---|---|---|---|\n"
        for i in evaluation.inputs {
            let kinds = i.resourceCounts.keys.sorted().map { "\($0): \(i.resourceCounts[$0] ?? 0)" }.joined(separator: ", ")
            out += "| `\(cell(EvidencePath.display(i.path, in: wd)))` | \(i.format) | `\(i.sha256)` | \(i.failed ? "**not parsed**" : cell(kinds.isEmpty ? "—" : kinds)) |\n"
        }
        if !evaluation.diagnostics.isEmpty {
            out += "\n## Diagnostics\n\n"
            for d in evaluation.diagnostics { out += "- \(d.severity.rawValue): `\(cell(loc(d.location, wd)))` \(cell(d.message))\n" }
        }
        out += "\n## Run\n\n"
        if !context.configuration.isEmpty {
            out += "| Setting | Value |\n|---|---|\n"
            for k in context.configuration.keys.sorted() { out += "| \(cell(k)) | \(cell(context.configuration[k] ?? "")) |\n" }
            out += "\n"
        }
        out += "Policy files (digest: \(PolicyPack.digestMethod)):\n\n"
        for p in context.policyPack.files { out += "- `\(p.sha256)` \(EvidencePath.display(p.path, in: wd))\(p.builtin ? "" : " (user policy)")\n" }
        return out
    }

    static func resultTable(_ results: [Result], _ wd: String) -> String {
        var out = "| Result | Policy | Resource | Location | Message |\n|---|---|---|---|---|\n"
        for r in results {
            out += "| \(ControlAssessment.shownStatus(r)) | `\(cell(r.ruleID))` | `\(cell(r.resourceID))` | \(cell(loc(r.primaryLocation, wd))) | \(cell(r.message)) |\n"
        }
        return out
    }

    static func loc(_ l: SourceLocation, _ wd: String) -> String { "\(EvidencePath.display(l.path, in: wd)):\(l.line)" }

    /// A table cell: no line breaks, pipes escaped.
    static func cell(_ s: String) -> String {
        s.replacingAll("\r\n", " ").replacingAll("\n", " ").replacingAll("|", "\\|")
    }

    /// The anchor GitHub gives a heading: lowercase, punctuation dropped, spaces as hyphens.
    static func anchor(_ heading: String) -> String {
        String(
            heading.lowercased().unicodeScalars.filter { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" || $0 == " " }
                .map { $0 == " " ? "-" : Character($0) })
    }
}
