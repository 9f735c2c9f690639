import ArgumentParser
import Findings
import Foundation
import Graph
import Reporting

/// `cipherlint merge`: one report from the JSON reports of `scan --shard I/N` runs, identical
/// to what a single run with the same arguments (without `--shard`) writes.
///
/// The shards' JSON reports are the complete record (passes, inputs, diagnostics, rules), so the
/// merge rebuilds the evaluation and renders it again in any format; SARIF alone drops passes
/// and input records and cannot be merged without loss.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the JSON reports of `scan --shard` runs into one report.",
        discussion: "Each shard writes `--output json=shard-I.json`; `cipherlint merge --format sarif shard-*.json` then "
            + "writes the SARIF (or any format) a single run would have written.")

    @Argument(help: "The shards' JSON reports (`scan --format json` or `--output json=FILE`).")
    var files: [String]

    @Option(help: "Report format: text, sarif, json, junit, gitlab-sast, codequality.")
    var format: String = "json"

    @Option(name: .customLong("output"), help: "Also write FORMAT to FILE (`sarif=out.sarif`); repeatable.")
    var outputs: [String] = []

    @Option(help: "Lowest severity that makes the exit code 1: info, low, medium, high, critical.")
    var severityThreshold: String = "low"

    @Flag(help: "Include suppressed results in SARIF (GitHub ignores their suppression).")
    var includeSuppressed = false

    mutating func run() throws {
        guard !files.isEmpty else { throw ValidationError("merge needs at least one JSON report") }
        guard let threshold = Severity(rawValue: severityThreshold) else {
            throw ValidationError("--severity-threshold must be one of info, low, medium, high, critical")
        }
        let formats = try ScanRequest.parseOutputs(format: format, outputs: outputs)
        var shards: [ShardReport] = []
        for file in files {
            do {
                shards.append(try ShardReport.read(file))
            } catch let error as ShardReport.Failure {
                printError("\(file):1:1: error: \(error.message)")
                throw ExitCode(2)
            }
        }
        let (evaluation, run) = ShardReport.merge(shards)
        var sources: [String: SourceFile] = [:]
        if formats.contains(where: { $0.0 == "text" }) {
            for input in evaluation.inputs {
                if let data = FileManager.default.contents(atPath: input.path) { sources[input.path] = SourceFile(path: input.path, bytes: Array(data)) }
            }
        }
        for (fmt, destination) in formats {
            guard let reportFormat = ReportFormat(rawValue: fmt) else { throw ValidationError("unknown format \"\(fmt)\"") }
            let options = ReportOptions(includeSuppressed: includeSuppressed, color: false, sources: sources)
            let report = reportFormat.render(evaluation, run: run, options: options)
            for warning in report.warnings { printError("warning: \(warning)") }
            if destination == "-" {
                writeOut(report.text)
            } else {
                do {
                    try report.text.write(toFile: destination, atomically: true, encoding: .utf8)
                } catch {
                    printError("\(destination): error: cannot write report: \(error.localizedDescription)")
                    throw ExitCode(2)
                }
            }
        }
        if evaluation.hasErrors { throw ExitCode(2) }
        if evaluation.results.contains(where: { $0.isFinding && $0.severity >= threshold }) { throw ExitCode(1) }
    }
}

/// One shard's JSON report, read back into the values it was rendered from.
struct ShardReport {
    struct Failure: Error { var message: String }

    var run: RunInfo
    var evaluation: Evaluation

    static func read(_ path: String) throws -> ShardReport {
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure(message: "cannot read file") }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw Failure(message: "not a JSON report: \(error.localizedDescription)")
        }
        guard let root = object as? [String: Any], root["schemaVersion"] is String, let runObject = root["run"] as? [String: Any] else {
            if let root = object as? [String: Any], root["runs"] != nil {
                throw Failure(message: "this is SARIF; merge reads the shards' JSON reports (scan --output json=FILE), which keep passes and inputs")
            }
            throw Failure(message: "not a cipherlint JSON report (no schemaVersion/run)")
        }
        let tool = root["tool"] as? [String: Any] ?? [:]
        let run = RunInfo(
            toolName: tool["name"] as? String ?? "cipherlint", toolVersion: tool["version"] as? String ?? CipherlintCommand.version,
            startTime: runObject["startTime"] as? String ?? "", endTime: runObject["endTime"] as? String,
            workingDirectory: runObject["workingDirectory"] as? String ?? ".",
            commandLine: withoutShard(runObject["commandLine"] as? [String] ?? []), category: runObject["category"] as? String)
        let inputs = try (root["inputs"] as? [Any] ?? []).map { try input($0) }
        let diagnostics = try (root["diagnostics"] as? [Any] ?? []).map { try diagnostic($0) }
        let rules = try (root["rules"] as? [Any] ?? []).map { try rule($0) }
        let results = try (root["results"] as? [Any] ?? []).map { try result($0) }
        return ShardReport(run: run, evaluation: Evaluation(results: results, diagnostics: diagnostics, rules: rules, inputs: inputs))
    }

    /// The shards as one evaluation: results, rules, inputs and diagnostics of all, each once.
    static func merge(_ shards: [ShardReport]) -> (Evaluation, RunInfo) {
        var run = shards[0].run
        run.startTime = shards.map(\.run.startTime).min() ?? run.startTime
        run.endTime = shards.compactMap(\.run.endTime).max()
        var results: [Result] = []
        var diagnostics: [Diagnostic] = []
        var seenDiagnostics = Set<Diagnostic>()
        var rules: [String: Rule] = [:]
        var inputs: [String: InputSummary] = [:]
        for shard in shards {
            results += shard.evaluation.results
            for d in shard.evaluation.diagnostics where seenDiagnostics.insert(d).inserted { diagnostics.append(d) }
            for r in shard.evaluation.rules where rules[r.id] == nil { rules[r.id] = r }
            for i in shard.evaluation.inputs where inputs[i.path] == nil { inputs[i.path] = i }
        }
        let evaluation = Evaluation(
            results: results, diagnostics: diagnostics, rules: rules.keys.sorted().compactMap { rules[$0] },
            inputs: inputs.keys.sorted().compactMap { inputs[$0] })
        return (evaluation, run)
    }

    /// The command line without `--shard I/N` (what the single run would have been given).
    static func withoutShard(_ arguments: [String]) -> [String] {
        var out: [String] = []
        var skipNext = false
        for argument in arguments {
            if skipNext {
                skipNext = false
                continue
            }
            if argument == "--shard" {
                skipNext = true
                continue
            }
            if argument.hasPrefix("--shard=") { continue }
            out.append(argument)
        }
        return out
    }

    private static func object(_ any: Any?, _ what: String) throws -> [String: Any] {
        guard let o = any as? [String: Any] else { throw Failure(message: "malformed report: \(what) is not an object") }
        return o
    }

    private static func string(_ o: [String: Any], _ key: String) throws -> String {
        guard let s = o[key] as? String else { throw Failure(message: "malformed report: \"\(key)\" is not a string") }
        return s
    }

    private static func int(_ o: [String: Any], _ key: String) throws -> Int {
        guard let n = o[key] as? NSNumber else { throw Failure(message: "malformed report: \"\(key)\" is not a number") }
        return n.intValue
    }

    private static func optionalInt(_ o: [String: Any], _ key: String) -> Int? {
        (o[key] as? NSNumber)?.intValue
    }

    private static func bool(_ o: [String: Any], _ key: String) -> Bool {
        (o[key] as? NSNumber)?.boolValue ?? false
    }

    private static func location(_ any: Any?) throws -> SourceLocation {
        let o = try object(any, "a location")
        return SourceLocation(
            path: try string(o, "path"), line: try int(o, "line"), column: try int(o, "column"), endLine: optionalInt(o, "endLine"),
            endColumn: optionalInt(o, "endColumn"))
    }

    private static func input(_ any: Any) throws -> InputSummary {
        let o = try object(any, "an input")
        var counts: [String: Int] = [:]
        for (kind, n) in o["resourceCounts"] as? [String: Any] ?? [:] { counts[kind] = (n as? NSNumber)?.intValue ?? 0 }
        return InputSummary(
            path: try string(o, "path"), format: try string(o, "format"), sha256: try string(o, "sha256"), byteCount: try int(o, "byteCount"),
            resourceCounts: counts, failed: bool(o, "failed"))
    }

    private static func diagnostic(_ any: Any) throws -> Diagnostic {
        let o = try object(any, "a diagnostic")
        guard let severity = Diagnostic.Severity(rawValue: try string(o, "severity")) else { throw Failure(message: "malformed report: diagnostic severity") }
        return Diagnostic(severity, try string(o, "message"), at: try location(o["location"]))
    }

    private static func severity(_ o: [String: Any]) throws -> Severity {
        guard let s = Severity(rawValue: try string(o, "severity")) else { throw Failure(message: "malformed report: severity") }
        return s
    }

    private static func rule(_ any: Any) throws -> Rule {
        let o = try object(any, "a rule")
        var controls: [String: [String]] = [:]
        for (framework, ids) in o["controls"] as? [String: Any] ?? [:] { controls[framework] = ids as? [String] ?? [] }
        return Rule(
            id: try string(o, "id"), aliases: o["aliases"] as? [String] ?? [], title: try string(o, "title"), severity: try severity(o),
            description: try string(o, "description"), remediation: try string(o, "remediation"), controls: controls,
            appliesTo: o["appliesTo"] as? [String] ?? [], definedIn: try string(o, "definedIn"), builtin: bool(o, "builtin"),
            tags: o["tags"] as? [String] ?? [], helpURI: o["helpUri"] as? String)
    }

    private static func result(_ any: Any) throws -> Result {
        let o = try object(any, "a result")
        guard let status = Result.Status(rawValue: try string(o, "status")) else { throw Failure(message: "malformed report: result status") }
        var suppression: Suppression?
        if let s = o["suppression"] as? [String: Any] {
            guard let kind = Suppression.Kind(rawValue: try string(s, "kind")) else { throw Failure(message: "malformed report: suppression kind") }
            suppression = Suppression(
                kind: kind, reason: try string(s, "reason"), owner: s["owner"] as? String, until: s["until"] as? String,
                location: s["location"] is [String: Any] ? try location(s["location"]) : nil)
        }
        return Result(
            ruleID: try string(o, "ruleId"), severity: try severity(o), status: status, message: try string(o, "message"),
            resourceID: try string(o, "resourceId"), resourceKind: try string(o, "resourceKind"), location: try location(o["location"]),
            sourceLocation: o["sourceLocation"] is [String: Any] ? try location(o["sourceLocation"]) : nil,
            attribute: (o["attribute"] as? String).flatMap { AttributePath(parsing: $0) },
            unknownAttributes: o["unknownAttributes"] as? [String] ?? [], suppression: suppression)
    }
}
