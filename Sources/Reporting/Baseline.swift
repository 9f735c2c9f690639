import Findings
import Graph

/// The findings a team accepted on a given day (`cipherlint baseline create`), so that later
/// scans (`scan --baseline FILE`) report only new ones.
///
/// Entries are identified by `ResultFingerprint.id` — rule id, resource id, attribute path and
/// repository-relative file path, never line numbers — so moving a resource keeps it baselined
/// and renaming it makes its findings new. The file is JSON with one entry per line, sorted, so
/// that re-creating an unchanged baseline gives the same bytes and a diff shows one line per
/// finding:
///
/// ```
/// {
///   "version": 1,
///   "findings": [
///     {"fingerprint": "5f1c…", "ruleId": "k8s-ingress-tls-configured", "resourceId": "Ingress/default/web", "attribute": "spec", "path": "k8s/web.yaml", "message": "…"}
///   ]
/// }
/// ```
///
/// Results about exceptions themselves (kind `cipherlint/exception`: expired or unused ones) are
/// never recorded: an expired exception must be seen.
public struct Baseline: Sendable, Hashable, Codable {
    /// One accepted finding.
    public struct Entry: Sendable, Hashable, Codable {
        /// `ResultFingerprint.id` of the finding.
        public var fingerprint: String
        public var ruleId: String
        public var resourceId: String
        public var attribute: String?
        /// The repository-relative path fingerprints use.
        public var path: String
        /// The message when it was recorded, for people reading the file.
        public var message: String?
        /// The 1-based line of the entry in the baseline file, when read from one (not stored).
        public var line: Int?

        enum CodingKeys: String, CodingKey {
            case fingerprint, ruleId, resourceId, attribute, path, message
        }

        /// An entry.
        public init(fingerprint: String, ruleId: String, resourceId: String, attribute: String?, path: String, message: String?, line: Int? = nil) {
            self.fingerprint = fingerprint
            self.ruleId = ruleId
            self.resourceId = resourceId
            self.attribute = attribute
            self.path = path
            self.message = message
            self.line = line
        }
    }

    /// The layout version this code writes and reads.
    public static let currentVersion = 1
    /// The result kind of exception bookkeeping results, which are never baselined.
    public static let exceptionKind = "cipherlint/exception"

    public var version: Int
    public var findings: [Entry]

    /// A baseline of `findings`, sorted by path, rule, resource and fingerprint.
    public init(findings: [Entry]) {
        self.version = Baseline.currentVersion
        self.findings = findings.sorted {
            ($0.path, $0.ruleId, $0.resourceId, $0.fingerprint) < ($1.path, $1.ruleId, $1.resourceId, $1.fingerprint)
        }
    }

    /// Today's findings of `evaluation`: failing results no exception covers.
    ///
    /// Fingerprints are computed over all results in report order, exactly as reports compute
    /// them, so an entry's `fingerprint` equals the SARIF `fingerprints["cipherlint/v1"]`.
    public static func create(from evaluation: Evaluation, workingDirectory: String) -> Baseline {
        let fingerprints = ResultFingerprint.all(for: evaluation.results, workingDirectory: workingDirectory)
        var entries: [Entry] = []
        for (result, fingerprint) in zip(evaluation.results, fingerprints) where recordable(result) {
            entries.append(Entry(
                fingerprint: fingerprint.id, ruleId: result.ruleID, resourceId: result.resourceID,
                attribute: result.attribute?.description,
                path: ReportPath.display(result.primaryLocation.path, in: workingDirectory), message: result.message))
        }
        return Baseline(findings: entries)
    }

    static func recordable(_ result: Result) -> Bool {
        result.isFinding && result.resourceKind != exceptionKind
    }

    /// Sets each entry's `line` from the text it was decoded from (the line naming its
    /// fingerprint), so that stale entries can be pointed at.
    public mutating func locate(in file: SourceFile) {
        var lineOf: [String: Int] = [:]
        for (i, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let key = line.firstRange(of: "\"fingerprint\"") else { continue }
            let rest = line[key.upperBound...]
            guard let open = rest.firstIndex(of: "\"") else { continue }
            let value = rest[rest.index(after: open)...].prefix { $0 != "\"" }
            if lineOf[String(value)] == nil { lineOf[String(value)] = i + 1 }
        }
        for i in findings.indices { findings[i].line = lineOf[findings[i].fingerprint] }
    }

    /// What applying a baseline to a scan concluded.
    public struct Application: Sendable {
        /// The evaluation with baselined findings suppressed (kind `.baseline`).
        public var evaluation: Evaluation
        /// How many findings the baseline covered.
        public var matched: Int
        /// Entries for files and rules this scan covered that matched no finding: the finding
        /// was fixed or its resource renamed. Entries for files or rules not scanned in this run
        /// are not judged.
        public var stale: [Entry]
    }

    /// Marks the findings of `evaluation` this baseline lists as suppressed, and finds the entries
    /// that no longer match; `file` is the baseline's path, for the suppressions' location and
    /// the stale entries' notes.
    public func apply(to evaluation: Evaluation, workingDirectory: String, file: String) -> Application {
        let fingerprints = ResultFingerprint.all(for: evaluation.results, workingDirectory: workingDirectory)
        var byFingerprint: [String: Entry] = [:]
        for entry in findings where byFingerprint[entry.fingerprint] == nil { byFingerprint[entry.fingerprint] = entry }
        var results = evaluation.results
        var used = Set<String>()
        for i in results.indices {
            guard Baseline.recordable(results[i]), let entry = byFingerprint[fingerprints[i].id] else { continue }
            used.insert(entry.fingerprint)
            results[i].suppression = Suppression(
                kind: .baseline, reason: "accepted in the baseline \(file)",
                location: SourceLocation(path: file, line: entry.line ?? 1))
        }
        var scope = Set(evaluation.inputs.map { ReportPath.display($0.path, in: workingDirectory) })
        for r in evaluation.results { scope.insert(ReportPath.display(r.primaryLocation.path, in: workingDirectory)) }
        let rules = Set(evaluation.rules.map(\.id))
        let stale = findings.filter { !used.contains($0.fingerprint) && scope.contains($0.path) && rules.contains($0.ruleId) }
        let marked = Evaluation(results: results, diagnostics: evaluation.diagnostics, rules: evaluation.rules, inputs: evaluation.inputs)
        return Application(evaluation: marked, matched: used.count, stale: stale)
    }

    /// A note for a stale entry, at its line in the baseline file.
    public static func staleNote(_ entry: Entry, file: String) -> Diagnostic {
        let what = entry.attribute.map { "\(entry.ruleId) on \(entry.resourceId) (\($0))" } ?? "\(entry.ruleId) on \(entry.resourceId)"
        return Diagnostic(
            .note, "baseline entry \(what) in \(entry.path) no longer matches a finding (fixed or renamed); re-create the baseline to drop it",
            at: SourceLocation(path: file, line: entry.line ?? 1))
    }

    /// The baseline file: pretty JSON with one entry per line, ending in a newline.
    public func render() -> String {
        var out = "{\n  \"version\": \(version),\n  \"findings\": ["
        if findings.isEmpty {
            out += "]\n}\n"
            return out
        }
        out += "\n"
        for (i, e) in findings.enumerated() {
            out += "    {\"fingerprint\": \(JSONString.quote(e.fingerprint)), \"ruleId\": \(JSONString.quote(e.ruleId)), "
            out += "\"resourceId\": \(JSONString.quote(e.resourceId)), "
            out += "\"attribute\": \(e.attribute.map(JSONString.quote) ?? "null"), \"path\": \(JSONString.quote(e.path)), "
            out += "\"message\": \(e.message.map(JSONString.quote) ?? "null")}"
            out += i == findings.count - 1 ? "\n" : ",\n"
        }
        out += "  ]\n}\n"
        return out
    }
}
