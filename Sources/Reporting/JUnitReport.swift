import Findings
import Graph

/// JUnit XML (`--format junit`) for CI test views: one `testsuite` per rule (sorted by id)
/// with a `testcase` per result in report order — `failure` for a finding, `skipped` for an
/// unknown or suppressed result, `error` for a result that could not be evaluated — plus an
/// `inputs` suite with an `error` per input that could not be read.
public enum JUnitReport {
    /// The XML document, ending in a newline.
    public static func render(_ evaluation: Evaluation, run: RunInfo, options: ReportOptions = ReportOptions()) -> String {
        var byRule: [String: [Result]] = [:]
        for r in evaluation.results { byRule[r.ruleID, default: []].append(r) }

        var suites: [Suite] = []
        for id in byRule.keys.sorted() {
            let rule = evaluation.rule(id)
            suites.append(Suite(name: id, cases: (byRule[id] ?? []).map { testCase($0, rule: rule, run: run) }))
        }
        let inputErrors = evaluation.diagnostics.filter { $0.severity == .error }
        if !inputErrors.isEmpty {
            suites.append(
                Suite(
                    name: "inputs",
                    cases: inputErrors.map { d in
                        let path = ReportPath.display(d.location.path, in: run.workingDirectory)
                        return Case(
                            name: "\(path):\(d.location.line):\(d.location.column)", classname: "inputs", file: path, line: d.location.line,
                            outcome: .error(message: d.message, body: ReportPath.describe(d, in: run.workingDirectory)))
                    }))
        }

        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let all = suites.flatMap(\.cases)
        out += "<testsuites name=\(attr(run.toolName)) tests=\"\(all.count)\" failures=\"\(all.filter(\.isFailure).count)\""
            + " errors=\"\(all.filter(\.isError).count)\" skipped=\"\(all.filter(\.isSkipped).count)\" time=\"0\">\n"
        for suite in suites {
            out += "  <testsuite name=\(attr(suite.name)) tests=\"\(suite.cases.count)\" failures=\"\(suite.cases.filter(\.isFailure).count)\""
                + " errors=\"\(suite.cases.filter(\.isError).count)\" skipped=\"\(suite.cases.filter(\.isSkipped).count)\" time=\"0\""
                + " timestamp=\(attr(GitLabSASTReport.timestamp(run.startTime)))>\n"
            for c in suite.cases {
                out += "    <testcase name=\(attr(c.name)) classname=\(attr(c.classname)) file=\(attr(c.file)) line=\"\(c.line)\" time=\"0\""
                switch c.outcome {
                case .passed:
                    out += "/>\n"
                case .failure(let message, let type, let body):
                    out += ">\n      <failure message=\(attr(message)) type=\(attr(type))>\(text(body))</failure>\n    </testcase>\n"
                case .skipped(let message):
                    out += ">\n      <skipped message=\(attr(message))/>\n    </testcase>\n"
                case .error(let message, let body):
                    out += ">\n      <error message=\(attr(message))>\(text(body))</error>\n    </testcase>\n"
                }
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    private struct Suite {
        var name: String
        var cases: [Case]
    }

    private enum Outcome {
        case passed
        case failure(message: String, type: String, body: String)
        case skipped(message: String)
        case error(message: String, body: String)
    }

    private struct Case {
        var name: String
        var classname: String
        var file: String
        var line: Int
        var outcome: Outcome

        var isFailure: Bool { if case .failure = outcome { return true } else { return false } }
        var isError: Bool { if case .error = outcome { return true } else { return false } }
        var isSkipped: Bool { if case .skipped = outcome { return true } else { return false } }
    }

    private static func testCase(_ r: Result, rule: Rule?, run: RunInfo) -> Case {
        let l = r.primaryLocation
        let path = ReportPath.display(l.path, in: run.workingDirectory)
        let place = "\(path):\(l.line):\(l.column)"
        let outcome: Outcome
        if let s = r.suppression {
            outcome = .skipped(message: "suppressed (\(s.kind.rawValue)): \(SARIFReport.justification(s))")
        } else {
            switch r.status {
            case .pass: outcome = .passed
            case .fail:
                var body = "\(place): \(r.message)\nresource: \(r.resourceID)"
                if let fix = rule.map({ Markdown.firstLine($0.remediation) }), !fix.isEmpty { body += "\nfix: \(fix)" }
                outcome = .failure(message: r.message, type: r.severity.rawValue, body: body)
            case .unknown:
                outcome = .skipped(message: r.message + SARIFReport.unknownSuffix(r))
            case .error:
                outcome = .error(message: r.message, body: "\(place): \(r.ruleID) could not be evaluated on \(r.resourceID): \(r.message)")
            }
        }
        return Case(name: "\(r.resourceID) (\(place))", classname: r.ruleID, file: path, line: l.line, outcome: outcome)
    }

    /// A quoted attribute value.
    static func attr(_ s: String) -> String { "\"" + escape(s, attribute: true) + "\"" }

    /// Element text.
    static func text(_ s: String) -> String { escape(s, attribute: false) }

    /// XML 1.0 escaping; characters XML cannot hold become U+FFFD.
    static func escape(_ s: String, attribute: Bool) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "'" where attribute: out += "&apos;"
            case "\n" where attribute: out += "&#10;"
            case "\r": out += "&#13;"
            case "\t" where attribute: out += "&#9;"
            default:
                let v = scalar.value
                let allowed = v == 0x9 || v == 0xA || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v) || v >= 0x10000
                out.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return out
    }
}
