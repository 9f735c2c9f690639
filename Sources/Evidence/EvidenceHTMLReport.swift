import Findings
import Graph

/// `report.html`: the bundle for people as one self-contained page (inline CSS, no scripts,
/// no external assets) that reads on screen and on paper: every control's status at a glance,
/// then the detail.
public enum EvidenceHTMLReport {
    /// The page.
    public static func render(_ evaluation: Evaluation, run: RunInfo, context: EvidenceContext) -> String {
        let a = FrameworkAssessment(evaluation, framework: context.framework, catalogue: context.catalogue)
        let wd = run.workingDirectory
        let f = context.framework
        let title = "Audit evidence: \(f.name) \(f.version)"
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(esc(title))</title>
            <style>\(style)</style>
            </head>
            <body>
            <header>
            <h1>\(esc(title))</h1>

            """
        out += "<dl class=\"meta\">"
        out += "<dt>Tool</dt><dd>\(esc(run.toolName)) \(esc(run.toolVersion))</dd>"
        out += "<dt>Scanned</dt><dd>\(context.paths.map { "<code>\(esc(EvidencePath.display($0, in: wd)))</code>" }.joined(separator: ", "))</dd>"
        out += "<dt>Started</dt><dd>\(esc(run.startTime))</dd>"
        if let end = run.endTime { out += "<dt>Finished</dt><dd>\(esc(end))</dd>" }
        if let repo = context.repository {
            var text = "\(repo.remote.map { "<code>\(esc($0))</code>" } ?? "(no origin remote)") at <code>\(esc(repo.commit))</code>"
            if let dirty = repo.dirty { text += dirty ? ", <strong>uncommitted changes</strong>" : ", clean work tree" }
            out += "<dt>Repository</dt><dd>\(text)</dd>"
        }
        out += "<dt>Policy pack</dt><dd>\(esc(context.policyPack.version)), \(context.policyPack.files.count) files, digest <code class=\"digest\">\(esc(context.policyPack.digest))</code></dd>"
        out += "<dt>Framework</dt><dd>\(esc(f.citation)) (<a href=\"\(esc(f.url))\">\(esc(f.url))</a>)</dd>"
        out += "</dl>\n</header>\n<main>\n"

        let counts = a.statusCounts
        out += "<section id=\"summary\">\n<h2>Summary</h2>\n<p class=\"tally\">"
        out += ControlStatus.allCases.map { "<span class=\"badge \(css($0))\">\(counts[$0] ?? 0) \(esc($0.label))</span>" }.joined(separator: " ")
        out += " <span class=\"of\">of \(a.controls.count) controls</span></p>\n"
        out += "<table class=\"controls\">\n<thead><tr><th>Control</th><th>Status</th><th>Title</th><th class=\"n\">Pass</th><th class=\"n\">Fail</th><th class=\"n\">Unknown</th><th class=\"n\">Error</th><th class=\"n\">Accepted</th><th class=\"n\">Policies</th></tr></thead>\n<tbody>\n"
        for c in a.controls {
            let n = c.counts
            out += "<tr class=\"\(css(c.status))\"><td class=\"id\"><a href=\"#\(anchor(c.control.id))\">\(esc(c.control.id))</a></td>"
            out += "<td><span class=\"badge \(css(c.status))\">\(esc(c.status.label))</span></td><td class=\"title\">\(esc(c.control.title))</td>"
            for k in ["pass", "fail", "unknown", "error", "accepted"] { out += "<td class=\"n\">\(n[k] ?? 0)</td>" }
            out += "<td class=\"n\">\(c.policies.count)</td></tr>\n"
        }
        out += "</tbody>\n</table>\n<ul class=\"legend\">"
        for s in ControlStatus.allCases { out += "<li><span class=\"badge \(css(s))\">\(esc(s.label))</span> \(esc(s.meaning))</li>" }
        out += "</ul>\n</section>\n"

        out += "<section id=\"controls\">\n<h2>Controls</h2>\n"
        for c in a.controls {
            out += "<article class=\"control\" id=\"\(anchor(c.control.id))\">\n"
            out += "<h3><span class=\"badge \(css(c.status))\">\(esc(c.status.label))</span> \(esc(c.control.id))</h3>\n"
            out += "<blockquote>\(esc(c.control.title))</blockquote>\n"
            if !c.control.source.isEmpty { out += "<p class=\"source\">Source: \(esc(c.control.source))</p>\n" }
            if c.policies.isEmpty {
                out += "<p class=\"none\">No policy of this run tests this control.</p>\n</article>\n"
                continue
            }
            out += "<p>Tested by:</p>\n<ul class=\"policies\">"
            for p in c.policies { out += "<li><code>\(esc(p.id))</code> <span class=\"sev\">\(esc(p.severity.rawValue))</span> \(esc(p.title))</li>" }
            out += "</ul>\n"
            if c.results.isEmpty {
                out += "<p class=\"none\">The policies judged no resource in scope.</p>\n</article>\n"
                continue
            }
            out += resultTable(c.results, wd)
            out += "</article>\n"
        }
        out += "</section>\n"
        if !a.unmappedResults.isEmpty {
            out += "<section id=\"unmapped\">\n<h2>Results outside \(esc(f.name))</h2>\n<p>Results of checks that map to no control of this framework.</p>\n"
            out += resultTable(a.unmappedResults, wd) + "</section>\n"
        }
        out += "<section id=\"scope\">\n<h2>Scope</h2>\n<table>\n<thead><tr><th>Input</th><th>Format</th><th>SHA-256</th><th>Resources</th></tr></thead>\n<tbody>\n"
        for i in evaluation.inputs {
            let kinds = i.resourceCounts.keys.sorted().map { "\(esc($0)): \(i.resourceCounts[$0] ?? 0)" }.joined(separator: "<br>")
            out += "<tr><td><code>\(esc(EvidencePath.display(i.path, in: wd)))</code></td><td>\(esc(i.format))</td><td><code class=\"digest\">\(i.sha256)</code></td><td>\(i.failed ? "<strong>not parsed</strong>" : (kinds.isEmpty ? "—" : kinds))</td></tr>\n"
        }
        out += "</tbody>\n</table>\n</section>\n"
        if !evaluation.diagnostics.isEmpty {
            out += "<section id=\"diagnostics\">\n<h2>Diagnostics</h2>\n<ul>"
            for d in evaluation.diagnostics { out += "<li>\(esc(d.severity.rawValue)): <code>\(esc(loc(d.location, wd)))</code> \(esc(d.message))</li>" }
            out += "</ul>\n</section>\n"
        }
        out += "<section id=\"run\">\n<h2>Run</h2>\n"
        if !context.configuration.isEmpty {
            out += "<table>\n<thead><tr><th>Setting</th><th>Value</th></tr></thead>\n<tbody>\n"
            for k in context.configuration.keys.sorted() { out += "<tr><td>\(esc(k))</td><td><code>\(esc(context.configuration[k] ?? ""))</code></td></tr>\n" }
            out += "</tbody>\n</table>\n"
        }
        out += "<p>Policy files (digest: \(esc(PolicyPack.digestMethod))):</p>\n<table>\n<tbody>\n"
        for p in context.policyPack.files {
            out += "<tr><td><code>\(esc(EvidencePath.display(p.path, in: wd)))</code>\(p.builtin ? "" : " (user policy)")</td><td><code class=\"digest\">\(p.sha256)</code></td></tr>\n"
        }
        out += "</tbody>\n</table>\n</section>\n</main>\n</body>\n</html>\n"
        return out
    }

    static func resultTable(_ results: [Result], _ wd: String) -> String {
        var out = "<table class=\"results\">\n<thead><tr><th>Result</th><th>Policy</th><th>Resource</th><th>Location</th><th>Message</th></tr></thead>\n<tbody>\n"
        for r in results {
            let shown = ControlAssessment.shownStatus(r)
            out += "<tr class=\"r-\(shown)\"><td><span class=\"badge r-\(shown)\">\(shown)</span></td><td><code>\(esc(r.ruleID))</code></td>"
            out += "<td><code>\(esc(r.resourceID))</code></td><td><code>\(esc(loc(r.primaryLocation, wd)))</code></td><td>\(esc(r.message))"
            if let s = r.suppression {
                out += "<div class=\"exception\">Accepted: \(esc(s.reason))"
                out += "; owner \(esc(s.owner ?? "—")); \(s.until.map { "until \(esc($0))" } ?? "no expiry")"
                out += "; granted in \(s.location.map { "<code>\(esc(loc($0, wd)))</code>" } ?? esc(s.kind.rawValue))</div>"
            }
            out += "</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    static func loc(_ l: SourceLocation, _ wd: String) -> String { "\(EvidencePath.display(l.path, in: wd)):\(l.line)" }

    static func css(_ s: ControlStatus) -> String { "s-" + s.rawValue }

    /// An id attribute for a control: `c-` and the id with anything but letters and digits as `-`.
    static func anchor(_ id: String) -> String {
        "c-" + String(id.unicodeScalars.map { s -> Character in (s.properties.isAlphabetic || ("0"..."9").contains(s)) && s.isASCII ? Character(s) : "-" })
    }

    /// Text with `&`, `<`, `>`, `"` and `'` escaped.
    static func esc(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    static let style = """

        :root { --fail: #b3261e; --fail-bg: #fde7e5; --ok: #1b6e2d; --ok-bg: #e3f4e6; --exc: #7a5200; --exc-bg: #fff1cc;
          --inc: #5a3d8a; --inc-bg: #efe7fb; --none: #555; --none-bg: #eeeeee; --line: #d0d0d0; }
        * { box-sizing: border-box; }
        body { font: 14px/1.45 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1a1a1a;
          margin: 0 auto; padding: 24px; max-width: 1100px; }
        h1 { font-size: 24px; margin: 0 0 12px; } h2 { font-size: 19px; margin: 28px 0 10px; border-bottom: 2px solid #1a1a1a; padding-bottom: 4px; }
        h3 { font-size: 16px; margin: 0 0 6px; }
        code { font: 12px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; overflow-wrap: anywhere; }
        table.results code { font-size: 11px; }
        .digest { font-size: 11px; }
        dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0; }
        dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; overflow-wrap: anywhere; }
        table { border-collapse: collapse; width: 100%; margin: 8px 0; }
        th, td { border: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
        th { background: #f4f4f4; } td.n, th.n { text-align: right; width: 4.2em; } th.n { font-size: 11px; }
        table.controls td.id { white-space: nowrap; font-weight: 600; } table.controls td.title { font-size: 12px; }
        .badge { display: inline-block; padding: 1px 7px; border-radius: 10px; font-size: 12px; font-weight: 600; white-space: nowrap;
          border: 1px solid currentColor; }
        .badge.s-failing, .badge.r-fail, .badge.r-error { color: var(--fail); background: var(--fail-bg); }
        .badge.s-operating, .badge.r-pass { color: var(--ok); background: var(--ok-bg); }
        .badge.s-exceptions, .badge.r-accepted { color: var(--exc); background: var(--exc-bg); }
        .badge.s-inconclusive, .badge.r-unknown { color: var(--inc); background: var(--inc-bg); }
        .badge.s-not-tested { color: var(--none); background: var(--none-bg); }
        tr.s-failing td.id a { color: var(--fail); }
        table.controls tr.s-not-tested td { color: #666; }
        table.results { table-layout: fixed; }
        table.results th:nth-child(1) { width: 6.5em; } table.results th:nth-child(2) { width: 24%; }
        table.results th:nth-child(3) { width: 22%; } table.results th:nth-child(4) { width: 17%; }
        table.results td code { overflow-wrap: break-word; }
        tr.r-fail td:first-child, tr.r-error td:first-child { border-left: 3px solid var(--fail); }
        .tally .badge { font-size: 14px; padding: 3px 10px; } .of { color: #555; }
        ul.legend { list-style: none; padding: 0; font-size: 12px; color: #333; } ul.legend li { margin: 3px 0; }
        article.control { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; margin: 12px 0; break-inside: avoid-page; }
        blockquote { margin: 4px 0 6px; padding: 2px 10px; border-left: 3px solid var(--line); color: #333; }
        .source { font-size: 11px; color: #555; overflow-wrap: anywhere; margin: 0 0 6px; }
        ul.policies { margin: 2px 0 6px; padding-left: 20px; } .sev { font-size: 11px; text-transform: uppercase; color: #555; }
        .exception { margin-top: 4px; font-size: 12px; color: var(--exc); }
        .none { color: #555; font-style: italic; }
        a { color: #0b57d0; }
        @media print {
          body { padding: 0; max-width: none; font-size: 10.5pt; }
          a { color: inherit; text-decoration: none; }
          .badge { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          thead { display: table-header-group; } tr { break-inside: avoid; }
          h2 { break-after: avoid; } #controls { break-before: page; }
        }

        """
}
