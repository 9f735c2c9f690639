import Findings
import Graph

/// `evidence.json`: the machine-readable record of a run for one framework.
public enum EvidenceJSONReport {
    /// The format version of `evidence.json`.
    public static let schemaVersion = 1

    /// The document.
    public static func render(_ evaluation: Evaluation, run: RunInfo, context: EvidenceContext) -> String {
        let assessment = FrameworkAssessment(evaluation, framework: context.framework, catalogue: context.catalogue)
        let wd = run.workingDirectory
        let f = context.framework
        let statusCounts = assessment.statusCounts
        var doc: [(String, JSONTree)] = [
            ("schemaVersion", .int(schemaVersion)),
            ("tool", .object([("name", .string(run.toolName)), ("version", .string(run.toolVersion))])),
            (
                "framework",
                .object([
                    ("id", .string(f.id)), ("name", .string(f.name)), ("version", .string(f.version)),
                    ("citation", .string(f.citation)), ("url", .string(f.url)),
                ])
            ),
        ]
        var runMembers: [(String, JSONTree)] = [
            ("startTime", .string(run.startTime)),
            ("endTime", .optional(run.endTime)),
            ("workingDirectory", .string(".")),
            ("paths", .strings(context.paths.map { EvidencePath.display($0, in: wd) })),
            ("configuration", .object(context.configuration.keys.sorted().map { ($0, .string(context.configuration[$0] ?? "")) })),
            (
                "policyPack",
                .object([
                    ("version", .string(context.policyPack.version)),
                    ("digest", .string(context.policyPack.digest)),
                    ("digestMethod", .string(PolicyPack.digestMethod)),
                    (
                        "files",
                        .array(
                            context.policyPack.files.map {
                                .object([("path", .string(EvidencePath.display($0.path, in: wd))), ("sha256", .string($0.sha256)), ("builtin", .bool($0.builtin))])
                            })
                    ),
                ])
            ),
        ]
        if let repo = context.repository {
            var members: [(String, JSONTree)] = [("commit", .string(repo.commit)), ("remote", .optional(repo.remote))]
            if let dirty = repo.dirty { members.append(("uncommittedChanges", .bool(dirty))) }
            runMembers.append(("repository", .object(members)))
        } else {
            runMembers.append(("repository", .null))
        }
        doc.append(("run", .object(runMembers)))

        var totals: [String: Int] = [:]
        for input in evaluation.inputs { for (k, n) in input.resourceCounts { totals[k, default: 0] += n } }
        doc.append((
            "scope",
            .object([
                ("inputCount", .int(evaluation.inputs.count)),
                ("resourceCount", .int(totals.values.reduce(0, +))),
                ("resourcesByKind", .counts(totals)),
                (
                    "inputs",
                    .array(
                        evaluation.inputs.map { i in
                            .object([
                                ("path", .string(EvidencePath.display(i.path, in: wd))), ("format", .string(i.format)),
                                ("sha256", .string(i.sha256)), ("bytes", .int(i.byteCount)), ("parsed", .bool(!i.failed)),
                                ("resourcesByKind", .counts(i.resourceCounts)),
                            ])
                        })
                ),
            ])
        ))
        doc.append((
            "summary",
            .object(
                [("controls", .int(assessment.controls.count))]
                    + ControlStatus.allCases.map { (jsonKey($0), .int(statusCounts[$0] ?? 0)) }
                    + [("results", resultCounts(FrameworkAssessment.resultCounts(evaluation)))])
        ))
        doc.append((
            "controls",
            .array(
                assessment.controls.map { c in
                    .object([
                        ("id", .string(c.control.id)), ("title", .string(c.control.title)),
                        ("source", .string(c.control.source)), ("inCatalogue", .bool(c.catalogued)),
                        ("status", .string(c.status.rawValue)),
                        ("results", resultCounts(c.counts)),
                        (
                            "policies",
                            .array(
                                c.policies.map { p in
                                    .object([
                                        ("id", .string(p.id)), ("title", .string(p.title)), ("severity", .string(p.severity.rawValue)),
                                        ("definedIn", .string(EvidencePath.display(p.definedIn, in: wd))),
                                    ])
                                })
                        ),
                        ("evidence", .array(c.results.map { result($0, wd) })),
                    ])
                })
        ))
        doc.append(("unmappedResults", .array(assessment.unmappedResults.map { result($0, wd) })))
        doc.append((
            "diagnostics",
            .array(
                evaluation.diagnostics.map { d in
                    .object([
                        ("severity", .string(d.severity.rawValue)), ("location", location(d.location, wd)), ("message", .string(d.message)),
                    ])
                })
        ))
        return JSONTree.object(doc).pretty
    }

    static func jsonKey(_ s: ControlStatus) -> String { s == .notTested ? "notTested" : s.rawValue }

    static func resultCounts(_ counts: [String: Int]) -> JSONTree {
        .object(["pass", "fail", "unknown", "error", "accepted"].map { ($0, .int(counts[$0] ?? 0)) })
    }

    static func location(_ l: SourceLocation, _ wd: String) -> JSONTree {
        .object([("path", .string(EvidencePath.display(l.path, in: wd))), ("line", .int(l.line)), ("column", .int(l.column))])
    }

    static func result(_ r: Result, _ wd: String) -> JSONTree {
        var m: [(String, JSONTree)] = [
            ("policy", .string(r.ruleID)), ("status", .string(ControlAssessment.shownStatus(r))),
            ("verdict", .string(r.status.rawValue)), ("severity", .string(r.severity.rawValue)),
            ("resource", .string(r.resourceID)), ("kind", .string(r.resourceKind)),
            ("location", location(r.location, wd)),
        ]
        if let s = r.sourceLocation { m.append(("sourceLocation", location(s, wd))) }
        m.append(("message", .string(r.message)))
        if !r.unknownAttributes.isEmpty { m.append(("unknownAttributes", .strings(r.unknownAttributes))) }
        if let s = r.suppression {
            var e: [(String, JSONTree)] = [
                ("kind", .string(s.kind.rawValue)), ("reason", .string(s.reason)), ("owner", .optional(s.owner)), ("until", .optional(s.until)),
            ]
            if let l = s.location { e.append(("location", location(l, wd))) }
            m.append(("exception", .object(e)))
        }
        return .object(m)
    }
}
