import Dispatch
import Findings
import Graph

/// SARIF 2.1.0 as GitHub code scanning reads it: every rule with its help, severity and
/// control tags; every failing result with a repository-relative location, the resource as a
/// logical location and a line-independent fingerprint; parse errors as notifications.
///
/// Passing results are never written; suppressed ones only with
/// `ReportOptions.includeSuppressed` (GitHub ignores `suppressions`); unknown ones as notes
/// unless `includeUnknown` is off. At most `maxResults` results are written, in report order.
public enum SARIFReport {
    /// GitHub rejects a run with more results than this.
    public static let maxResults = 25_000
    /// GitHub shows only this many results of a run.
    public static let shownResults = 5_000
    /// GitHub rejects a rule with more tags than this.
    public static let maxTags = 20
    /// GitHub rejects an upload larger than this after gzip.
    public static let maxUploadBytes = 10 * 1024 * 1024

    /// The SARIF log, pretty-printed with a fixed member order.
    public static func render(_ evaluation: Evaluation, run: RunInfo, options: ReportOptions = ReportOptions()) -> String {
        log(evaluation, run: run, options: options).pretty
    }

    /// The SARIF log and the warnings the CLI should print (limits exceeded, paths outside
    /// the repository).
    public static func report(_ evaluation: Evaluation, run: RunInfo, options: ReportOptions = ReportOptions()) -> RenderedReport {
        let text = render(evaluation, run: run, options: options)
        return RenderedReport(text: text, warnings: limitWarnings(evaluation, run: run, options: options, renderedByteCount: text.utf8.count))
    }

    /// What GitHub would refuse or hide in this evaluation's SARIF.
    public static func limitWarnings(
        _ evaluation: Evaluation, run: RunInfo, options: ReportOptions = ReportOptions(), renderedByteCount: Int? = nil
    ) -> [String] {
        var warnings: [String] = []
        let selected = selectedResults(evaluation, options: options)
        if selected.count > maxResults {
            warnings.append(
                "SARIF: \(grouped(selected.count)) results exceed GitHub's limit of \(grouped(maxResults)) per run; "
                    + "kept the first \(grouped(maxResults)) in report order")
        } else if selected.count > shownResults {
            warnings.append("SARIF: \(grouped(selected.count)) results; GitHub shows only the top \(grouped(shownResults))")
        }
        let outside = Set(selected.prefix(maxResults).map { evaluation.results[$0].primaryLocation.path })
            .filter { ReportPath.relative($0, to: run.workingDirectory) == nil }
        if !outside.isEmpty {
            let list = outside.sorted()
            warnings.append(
                "SARIF: \(list.count) file(s) with results lie outside \(run.workingDirectory) (\(list.prefix(3).joined(separator: ", "))"
                    + "\(list.count > 3 ? ", …" : "")); GitHub cannot place those results")
        }
        if let bytes = renderedByteCount, bytes > maxUploadBytes {
            warnings.append(
                "SARIF: the file is \(grouped(bytes)) bytes before compression; GitHub rejects uploads over 10 MB after gzip"
                    + " (check the compressed size)")
        }
        return warnings
    }

    /// Indices into `evaluation.results` of the results SARIF writes, in report order.
    static func selectedResults(_ evaluation: Evaluation, options: ReportOptions) -> [Int] {
        let results = evaluation.results
        return results.indices.filter { i in
            if results[i].suppression != nil && !options.includeSuppressed { return false }
            switch results[i].status {
            case .fail: return true
            case .unknown: return options.includeUnknown
            case .pass, .error: return false
            }
        }
    }

    static func log(_ evaluation: Evaluation, run: RunInfo, options: ReportOptions) -> JSONNode {
        let rules = SARIFRules(evaluation)
        let paths = SARIFPaths(run)
        let selected = Array(selectedResults(evaluation, options: options).prefix(maxResults))
        let fingerprints = ResultFingerprint.of(selected, in: evaluation.results, workingDirectory: run.workingDirectory)
        let results = renderedResults(selected, evaluation, fingerprints: fingerprints, rules: rules, run: run)

        var driver = JSONObject()
        driver.add("name", .string(run.toolName))
        driver.add("semanticVersion", .string(run.toolVersion))
        driver.add("informationUri", .string(options.informationURI))
        driver.add("rules", .array(rules.all.map(rule)))

        var sarifRun = JSONObject()
        sarifRun.add("tool", .object([("driver", driver.node)]))
        if let category = run.category, !category.isEmpty {
            sarifRun.add("automationDetails", .object([("id", .string(automationID(category)))]))
        }
        sarifRun.add("invocations", .array([invocation(evaluation, run: run, rules: rules, paths: paths)]))
        sarifRun.add(
            "originalUriBaseIds",
            .object([("%SRCROOT%", .object([("uri", .string(ReportPath.fileURI(ReportPath.absolute(run.workingDirectory, in: "/"), directory: true)))]))]))
        let artifacts = evaluation.inputs.compactMap { input -> JSONNode? in
            guard let location = paths.artifactLocation(input.path, allowOutside: false) else { return nil }
            return .object([
                ("location", location),
                ("length", .int(input.byteCount)),
                ("hashes", .object([("sha-256", .string(input.sha256))])),
            ])
        }
        if !artifacts.isEmpty { sarifRun.add("artifacts", .array(artifacts)) }
        sarifRun.add("results", .array(results))
        sarifRun.add("columnKind", .string("unicodeCodePoints"))

        return .object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([sarifRun.node])),
        ])
    }

    /// The `results` elements, each built and written on every core in runs of results
    /// (`runs[0].results[k]` is written at indent 8); the same bytes as writing the tree.
    /// `fingerprints[k]` is the fingerprint of `selected[k]`.
    private static func renderedResults(
        _ selected: [Int], _ evaluation: Evaluation, fingerprints: [ResultFingerprint], rules: SARIFRules, run: RunInfo
    ) -> [JSONNode] {
        let chunks = selected.count < 512 ? 1 : 8
        let slots = ConcurrentSlots<[JSONNode]>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let paths = SARIFPaths(run)  // one per worker: it remembers as it goes
            let range = (selected.count * chunk / chunks)..<(selected.count * (chunk + 1) / chunks)
            slots.set(
                chunk,
                range.map { k in
                    let i = selected[k]
                    return .written(
                        result(evaluation.results[i], fingerprint: fingerprints[k], rules: rules, paths: paths).written(indent: 8))
                })
        }
        return Array(slots.values.joined())
    }

    /// GitHub reads `automationDetails.id` as `category/run-id`: a category without a trailing
    /// slash would lose its last segment as the run id, so one is added.
    static func automationID(_ category: String) -> String {
        category.hasSuffix("/") ? category : category + "/"
    }

    /// `aws-kms-key-rotation-enabled` → `AwsKmsKeyRotationEnabled`.
    static func pascalCase(_ id: String) -> String {
        var out = ""
        var upper = true
        for c in id {
            if c.isLetter || c.isNumber {
                out += upper ? c.uppercased() : String(c)
                upper = false
            } else {
                upper = true
            }
        }
        return out.isEmpty ? "Rule" : String(out.prefix(255))
    }

    /// The rule's tags: `security`, its own tags, then `framework/control` for every control,
    /// frameworks sorted; duplicates dropped; at most `maxTags`.
    static func tags(_ rule: Rule) -> [String] {
        var out: [String] = ["security"]
        var seen: Set<String> = ["security"]
        let controls = rule.controls.keys.sorted().flatMap { framework in
            (rule.controls[framework] ?? []).map { "\(framework)/\($0)" }
        }
        for tag in rule.tags + controls where !tag.isEmpty && !seen.contains(tag) {
            seen.insert(tag)
            out.append(tag)
        }
        return Array(out.prefix(maxTags))
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: return "error"
        case .medium: return "warning"
        case .low, .info: return "note"
        }
    }

    private static func rule(_ rule: Rule) -> JSONNode {
        let title = rule.title.isEmpty ? rule.id : rule.title
        let description = Markdown.plain(rule.description)
        let plainDescription = description.isEmpty ? title : description
        var helpText = plainDescription
        var helpMarkdown = rule.description.isEmpty ? title : rule.description
        if !rule.remediation.isEmpty {
            helpText += "\n\nHow to fix:\n" + Markdown.plain(rule.remediation)
            helpMarkdown += "\n\n## How to fix\n\n" + rule.remediation
        }
        var r = JSONObject()
        r.add("id", .string(rule.id))
        r.add("name", .string(pascalCase(rule.id)))
        r.add("shortDescription", .object([("text", .string(title.truncated(to: 1024)))]))
        r.add("fullDescription", .object([("text", .string(plainDescription.truncated(to: 1024)))]))
        r.add("help", .object([("text", .string(helpText)), ("markdown", .string(helpMarkdown))]))
        r.add("helpUri", ifPresent: rule.helpURI)
        r.add("defaultConfiguration", .object([("level", .string(level(rule.severity)))]))
        var props = JSONObject()
        props.add("tags", .strings(tags(rule)))
        props.add("precision", .string(rule.tags.contains("heuristic") ? "medium" : "high"))
        if rule.severity != .info {
            // GitHub wants a score in (0, 10]; info rules are notes without one.
            props.add("security-severity", .string(rule.severity.securitySeverity))
        }
        if !rule.aliases.isEmpty { props.add("aliases", .strings(rule.aliases)) }
        r.add("properties", props.node)
        return r.node
    }

    private static func result(_ result: Result, fingerprint: ResultFingerprint, rules: SARIFRules, paths: SARIFPaths) -> JSONNode {
        var r = JSONObject()
        r.add("ruleId", .string(result.ruleID))
        r.add("ruleIndex", .int(rules.index(result.ruleID)))
        var message = result.message.isEmpty ? result.ruleID : result.message
        if result.status == .unknown {
            r.add("level", .string("note"))
            message += unknownSuffix(result)
        } else {
            r.add("level", .string(level(result.severity)))
        }
        r.add("message", .object([("text", .string(message))]))
        var primary = JSONObject()
        primary.add("physicalLocation", physicalLocation(result.primaryLocation, paths: paths))
        primary.add(
            "logicalLocations",
            .array([.object([("fullyQualifiedName", .string(result.resourceID)), ("kind", .string("resource"))])]))
        r.add("locations", .array([primary.node]))
        if result.sourceLocation != nil {
            r.add(
                "relatedLocations",
                .array([
                    .object([
                        ("id", .int(1)),
                        ("physicalLocation", physicalLocation(result.location, paths: paths)),
                        ("message", .object([("text", .string("where the plan records \(result.resourceID)"))])),
                    ])
                ]))
        }
        r.add("partialFingerprints", .object([("primaryLocationLineHash", .string(fingerprint.lineHash))]))
        r.add("fingerprints", .object([("cipherlint/v1", .string(fingerprint.id))]))
        if let suppression = result.suppression {
            var s = JSONObject()
            s.add("kind", .string(suppression.kind == .inline ? "inSource" : "external"))
            s.add("status", .string("accepted"))
            s.add("justification", .string(justification(suppression)))
            if let location = suppression.location, paths.isInside(location.path) {
                s.add("location", .object([("physicalLocation", physicalLocation(location, paths: paths))]))
            }
            r.add("suppressions", .array([s.node]))
        }
        var props = JSONObject()
        props.add("resourceKind", .string(result.resourceKind))
        props.add("attribute", ifPresent: result.attribute?.description)
        if result.status == .unknown { props.add("unknownAttributes", .strings(result.unknownAttributes)) }
        r.add("properties", props.node)
        return r.node
    }

    /// `; unknown until apply: resource.kms_key_id`.
    static func unknownSuffix(_ result: Result) -> String {
        result.unknownAttributes.isEmpty
            ? " (unknown until apply)" : " (unknown until apply: \(result.unknownAttributes.joined(separator: ", ")))"
    }

    /// The reason, with owner and expiry when given.
    static func justification(_ s: Suppression) -> String {
        var extra: [String] = []
        if let owner = s.owner { extra.append("owner: \(owner)") }
        if let until = s.until { extra.append("until \(until)") }
        let reason = s.reason.isEmpty ? "(no reason given)" : s.reason
        return extra.isEmpty ? reason : "\(reason) (\(extra.joined(separator: ", ")))"
    }

    private static func invocation(_ evaluation: Evaluation, run: RunInfo, rules: SARIFRules, paths: SARIFPaths) -> JSONNode {
        var notifications: [JSONNode] = evaluation.diagnostics.map { d in
            notification(level: d.severity.rawValue, message: d.message, location: d.location, rule: nil, rules: rules, paths: paths)
        }
        for i in evaluation.results.indices where evaluation.results[i].status == .error {
            let result = evaluation.results[i]
            notifications.append(
                notification(
                    level: "error", message: "\(result.ruleID) could not be evaluated on \(result.resourceID): \(result.message)",
                    location: result.primaryLocation, rule: result.ruleID, rules: rules, paths: paths))
        }
        var inv = JSONObject()
        inv.add("executionSuccessful", .bool(!evaluation.hasErrors))
        if !run.commandLine.isEmpty { inv.add("arguments", .strings(run.commandLine)) }
        inv.add("startTimeUtc", .string(run.startTime))
        inv.add("endTimeUtc", ifPresent: run.endTime)
        inv.add("workingDirectory", .object([("uri", .string(ReportPath.fileURI(ReportPath.absolute(run.workingDirectory, in: "/"), directory: true)))]))
        inv.add("toolExecutionNotifications", .array(notifications))
        return inv.node
    }

    private static func notification(
        level: String, message: String, location: SourceLocation, rule: String?, rules: SARIFRules, paths: SARIFPaths
    ) -> JSONNode {
        var n = JSONObject()
        n.add("level", .string(level))
        let inside = paths.isInside(location.path)
        // A location outside the repository would make GitHub reject the file: name it in the text.
        n.add("message", .object([("text", .string(inside ? message : "\(location): \(message)"))]))
        if inside {
            n.add("locations", .array([.object([("physicalLocation", physicalLocation(location, paths: paths))])]))
        }
        if let rule { n.add("associatedRule", .object([("id", .string(rule)), ("index", .int(rules.index(rule)))])) }
        return n.node
    }

    private static func physicalLocation(_ location: SourceLocation, paths: SARIFPaths) -> JSONNode {
        var p = JSONObject()
        if let artifact = paths.artifactLocation(location.path, allowOutside: true) {
            p.add("artifactLocation", artifact)
        }
        p.add("region", region(location))
        return p.node
    }

    static func region(_ location: SourceLocation) -> JSONNode {
        var r = JSONObject()
        r.add("startLine", .int(location.line))
        r.add("startColumn", .int(location.column))
        var endLine = location.endLine
        if endLine == nil && location.endColumn != nil { endLine = location.line }
        if let end = endLine, end >= location.line {
            r.add("endLine", .int(end))
            if let endColumn = location.endColumn, end > location.line || endColumn > location.column {
                r.add("endColumn", .int(endColumn))
            }
        }
        return r.node
    }

    /// `25001` → `25,001`.
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(d)
        }
        return out
    }
}

/// The rules a SARIF run declares: every rule run, plus a stand-in for any rule id a result
/// names that the evaluation does not list (so `ruleIndex` always resolves).
struct SARIFRules: Sendable {
    let all: [Rule]
    private let indices: [String: Int]

    init(_ evaluation: Evaluation) {
        var rules = evaluation.rules
        var known = Set(rules.map(\.id))
        // Fields read in place: a `for result in` loop would copy every result.
        let results = evaluation.results
        for i in results.indices where !known.contains(results[i].ruleID) {
            let id = results[i].ruleID
            known.insert(id)
            rules.append(
                Rule(id: id, title: id, severity: results[i].severity, description: id, remediation: "", definedIn: "", builtin: false))
        }
        rules.sort { $0.id < $1.id }
        all = rules
        var indices: [String: Int] = [:]
        for (i, r) in rules.enumerated() where indices[r.id] == nil { indices[r.id] = i }
        self.indices = indices
    }

    func index(_ id: String) -> Int { indices[id] ?? 0 }
}
