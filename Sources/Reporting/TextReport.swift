import Findings
import Graph

/// The report for people at a terminal: diagnostics first, then findings grouped by file with
/// the offending line, a caret under the column and the first line of the fix, then unknown
/// and unevaluable results, then a one-line summary.
///
/// ```
/// infra/kms.tf:7:3  HIGH      aws-kms-key-rotation-enabled  KMS key aws_kms_key.main does not rotate…
///     7 |   enable_key_rotation = false
///       |   ^~~~~~~~~~~~~~~~~~~~~~~~~~~
///   fix: Set enable_key_rotation = true.
/// ```
public enum TextReport {
    /// The text report; `sources` are the scanned files by the path results name them with
    /// (files not given just show no source line); `color` adds ANSI colours.
    public static func render(_ evaluation: Evaluation, run: RunInfo, sources: [String: SourceFile], color: Bool) -> String {
        let w = TextWriter(color: color, workingDirectory: run.workingDirectory)
        var blocks: [String] = []

        if !evaluation.diagnostics.isEmpty {
            blocks.append(evaluation.diagnostics.map { w.diagnostic($0) }.joined(separator: "\n"))
        }

        // Findings, one block per file, in report order.
        var groups: [(String, [Result])] = []
        for result in evaluation.findings {
            let path = w.path(result.primaryLocation.path)
            if groups.last?.0 == path {
                groups[groups.count - 1].1.append(result)
            } else {
                groups.append((path, [result]))
            }
        }
        var indexes: [String: LineIndex] = [:]
        for (_, results) in groups {
            blocks.append(
                results.map { w.finding($0, rule: evaluation.rule($0.ruleID), sources: sources, indexes: &indexes) }
                    .joined(separator: "\n"))
        }

        let unknowns = evaluation.results.filter { $0.status == .unknown && $0.suppression == nil }
        if !unknowns.isEmpty {
            var lines = [w.style("Unknown until apply (\(unknowns.count)):", "1")]
            for r in unknowns {
                let needs = r.unknownAttributes.isEmpty ? "" : " (needs \(r.unknownAttributes.joined(separator: ", ")))"
                lines.append("  " + w.location(r.primaryLocation) + "  " + w.severity(r.severity) + "  " + r.ruleID + "  "
                    + TextWriter.clean(r.message) + needs)
            }
            blocks.append(lines.joined(separator: "\n"))
        }

        let errors = evaluation.results.filter { $0.status == .error }
        if !errors.isEmpty {
            var lines = [w.style("Could not evaluate (\(errors.count)):", "1")]
            for r in errors {
                lines.append("  " + w.location(r.primaryLocation) + "  " + r.ruleID + "  " + TextWriter.clean("\(r.resourceID): \(r.message)"))
            }
            blocks.append(lines.joined(separator: "\n"))
        }

        blocks.append(w.style(summary(evaluation), "1"))
        return blocks.joined(separator: "\n\n") + "\n"
    }

    /// The report with the sources and colour of `options`.
    public static func render(_ evaluation: Evaluation, run: RunInfo, options: ReportOptions) -> String {
        render(evaluation, run: run, sources: options.sources, color: options.color)
    }

    /// "3 findings (1 high, 1 medium, 1 info), 1 unknown, 1 error, 1 suppressed, 1 passed in 4 files".
    public static func summary(_ evaluation: Evaluation) -> String {
        let findings = evaluation.findings
        var parts: [String] = []
        var head = count(findings.count, "finding")
        let bySeverity = Severity.allCases.reversed().compactMap { s -> String? in
            let n = findings.filter { $0.severity == s }.count
            return n == 0 ? nil : "\(n) \(s.rawValue)"
        }
        if !bySeverity.isEmpty { head += " (\(bySeverity.joined(separator: ", ")))" }
        parts.append(head)
        let unknown = evaluation.results.filter { $0.status == .unknown && $0.suppression == nil }.count
        if unknown > 0 { parts.append("\(unknown) unknown") }
        let errors = evaluation.results.filter { $0.status == .error }.count
        if errors > 0 { parts.append(count(errors, "error")) }
        let suppressed = evaluation.results.filter { $0.suppression != nil }.count
        if suppressed > 0 { parts.append("\(suppressed) suppressed") }
        let passed = evaluation.results.filter { $0.status == .pass && $0.suppression == nil }.count
        let files = evaluation.inputs.isEmpty ? Set(evaluation.results.map(\.primaryLocation.path)).count : evaluation.inputs.count
        parts.append("\(passed) passed in \(count(files, "file"))")
        return parts.joined(separator: ", ")
    }

    private static func count(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }
}

/// Formatting helpers for `TextReport`, aware of colour.
struct TextWriter {
    let color: Bool
    let workingDirectory: String

    func style(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    func path(_ p: String) -> String { ReportPath.display(p, in: workingDirectory) }

    func location(_ l: SourceLocation) -> String {
        style("\(TextWriter.clean(path(l.path))):\(l.line):\(l.column)", "1")
    }

    func severity(_ s: Severity) -> String {
        let label = s.rawValue.uppercased().padding(to: 8)
        switch s {
        case .critical: return style(label, "1;31")
        case .high: return style(label, "31")
        case .medium: return style(label, "33")
        case .low: return style(label, "36")
        case .info: return style(label, "2")
        }
    }

    func diagnostic(_ d: Diagnostic) -> String {
        let code: String
        switch d.severity {
        case .error: code = "1;31"
        case .warning: code = "1;33"
        case .note: code = "1;36"
        }
        let l = d.location
        return style("\(TextWriter.clean(path(l.path))):\(l.line):\(l.column):", "1") + " " + style("\(d.severity.rawValue):", code)
            + " " + TextWriter.clean(d.message)
    }

    func finding(_ r: Result, rule: Rule?, sources: [String: SourceFile], indexes: inout [String: LineIndex]) -> String {
        var lines = [location(r.primaryLocation) + "  " + severity(r.severity) + "  " + r.ruleID + "  " + TextWriter.clean(r.message)]
        if let excerpt = excerpt(r, sources: sources, indexes: &indexes) { lines += excerpt }
        if let rule, !rule.remediation.isEmpty {
            let prose = Markdown.firstLine(rule.remediation)
            let fix = prose.isEmpty ? "see `cipherlint policies show \(rule.id)`" : prose
            lines.append("  " + style("fix:", "32") + " " + TextWriter.clean(fix))
        }
        return lines.joined(separator: "\n")
    }

    /// Longest source line shown whole, in bytes; longer lines (a plan is often one line) show
    /// a window around the column, cut with `…`.
    static let longLine = 160
    /// Scalars shown before and after the column in such a window.
    static let windowBefore = 40
    static let windowAfter = 80

    /// The offending line with a gutter and a caret line, from the primary location's file or,
    /// failing that, the scanned file.
    private func excerpt(_ r: Result, sources: [String: SourceFile], indexes: inout [String: LineIndex]) -> [String]? {
        for l in [r.primaryLocation, r.location] {
            guard let file = sources[l.path] ?? sources[path(l.path)] else { continue }
            let index = indexes[file.path] ?? LineIndex(file.bytes)
            indexes[file.path] = index
            guard let range = index.range(ofLine: l.line), let at = index.offset(line: l.line, column: l.column) else { continue }
            var shownRange = range
            var cutBefore = false
            var cutAfter = false
            if range.count > TextWriter.longLine {
                let bytes = index.bytes
                var start = at
                var before = 0
                while start > range.lowerBound && before < TextWriter.windowBefore {
                    start -= 1
                    if bytes[start] & 0xC0 != 0x80 { before += 1 }
                }
                var end = at
                var after = 0
                while end < range.upperBound && after <= TextWriter.windowAfter {
                    end += 1
                    if end == range.upperBound || bytes[end] & 0xC0 != 0x80 { after += 1 }
                }
                shownRange = start..<end
                cutBefore = start > range.lowerBound
                cutAfter = end < range.upperBound
            }
            let columnInWindow = index.text(shownRange.lowerBound..<max(shownRange.lowerBound, at)).unicodeScalars.count
            let number = String(l.line)
            let gutter = String(repeating: " ", count: max(0, 5 - number.count)) + number + " | "
            let blank = String(repeating: " ", count: max(5, number.count)) + " | "
            let scalars = Array(index.text(shownRange).unicodeScalars)
            var shown = cutBefore ? "…" : ""
            var caretOffset = cutBefore ? 1 : 0
            for (i, s) in scalars.enumerated() {
                let piece = s == "\t" ? "    " : TextWriter.clean(String(s))
                shown += piece
                if i < columnInWindow { caretOffset += piece.count }
            }
            if cutAfter { shown += "…" }
            var width = 1
            if let end = l.endColumn, (l.endLine ?? l.line) == l.line, end > l.column {
                width = max(1, min(end - l.column, scalars.count - columnInWindow))
            }
            let caret = String(repeating: " ", count: caretOffset) + style("^" + String(repeating: "~", count: width - 1), "1;32")
            return [style(gutter, "2") + shown.trimmingTrailingSpaces(), style(blank, "2") + caret]
        }
        return nil
    }

    /// `s` with control characters (terminal escapes from scanned input) replaced by `�`.
    static func clean(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) }) else { return s }
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            if scalar == "\t" {
                out.append(" ")
            } else if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
                out.append("\u{FFFD}")
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}

extension String {
    /// The string padded with spaces to `width` characters.
    func padding(to width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
