import ArgumentParser
import Findings
import Foundation
import Graph
import Pipeline
import PolicyEngine
import Reporting

/// `cipherlint scan`: find, parse, judge and report.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan", abstract: "Scan files and folders (default: the current directory).")

    @Argument(help: "Files and folders to scan; `-` reads standard input.")
    var paths: [String] = []

    @Option(help: "Report format: text, sarif, json, junit, gitlab-sast, codequality.")
    var format: String = "text"

    @Option(name: .customLong("output"), help: "Also write FORMAT to FILE (`sarif=out.sarif`, `text=-`); repeatable.")
    var outputs: [String] = []

    @Option(name: .customLong("policies"), help: "A directory of your own policies; repeatable.")
    var policyDirectories: [String] = []

    @Option(help: "Run only these policy ids (comma-separated, globs allowed).")
    var only: String?

    @Option(help: "Skip these policy ids (comma-separated, globs allowed).")
    var skip: String?

    @Option(help: "Lowest severity that makes the exit code 1: info, low, medium, high, critical.")
    var severityThreshold: String?

    @Option(help: "Configuration file (default: .cipherlint.yaml in the current directory, if present).")
    var config: String?

    @Option(name: .customLong("tf-source"), help: "Terraform sources, to point plan findings at .tf lines.")
    var tfSource: String?

    @Option(help: "The nginx version the configuration runs on (decides built-in defaults).")
    var nginxVersion: String?

    @Option(help: "The directory nginx include paths are relative to (default: the main file's).")
    var nginxPrefix: String?

    @Option(help: "The Istio root namespace (default: from the mesh config, else istio-system).")
    var rootNamespace: String?

    @Option(help: "The path standard input is reported under.")
    var stdinName: String = "stdin.yaml"

    @Option(help: "SARIF automationDetails.id: tells GitHub apart several analyses of one commit.")
    var category: String?

    @Option(help: "Glob of paths to leave out; repeatable.")
    var exclude: [String] = []

    @Option(help: "Largest input file read, in bytes.")
    var maxFileSize: Int = 512 * 1024 * 1024

    @Flag(help: "Include suppressed results in SARIF (GitHub ignores their suppression).")
    var includeSuppressed = false

    @Flag(name: .customLong("no-color"), help: "Never colour text output.")
    var noColor = false

    @Option(help: "Deepest nesting of YAML sequences and mappings accepted (plans: json-c's 256).")
    var maxDepth: Int = 256

    @Option(help: "Most YAML nodes one file may expand to through aliases (alias bombs).")
    var maxAliases: Int = 2_000_000

    @Flag(help: "Print the wall time of each phase (discover/read, parse, link, evaluate, render) to standard error.")
    var timings = false

    @Option(help: "Files parsed at once (default: one per core); the output is the same for any value.")
    var jobs: Int?

    @Option(help: "Scan only shard I of N of the inputs (`--shard 2/8`), for a CI matrix; combine with `cipherlint merge`.")
    var shard: String?

    mutating func run() throws {
        let timer = Timings()
        let started = Clock.now()
        var selectedShard: Shard?
        if let shard {
            guard let parsed = Shard(shard) else { throw ValidationError("--shard takes I/N with 1 ≤ I ≤ N, not \"\(shard)\"") }
            selectedShard = parsed
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if maxDepth < 1 || maxAliases < 1 || maxFileSize < 0 { throw ValidationError("limits must be positive") }
        var diagnostics: [Diagnostic] = []
        var configuration = Configuration()
        let configPath = config ?? (FileManager.default.fileExists(atPath: ".cipherlint.yaml") ? ".cipherlint.yaml" : nil)
        if let configPath {
            if let data = FileManager.default.contents(atPath: configPath) {
                do {
                    configuration = try Configuration(SourceFile(path: configPath, bytes: Array(data)))
                } catch {
                    diagnostics.append(error.diagnostic)
                }
            } else {
                diagnostics.append(Diagnostic(.error, "cannot read configuration file", at: SourceLocation(path: configPath, line: 1)))
            }
        }
        let thresholdText = severityThreshold ?? configuration.severityThreshold?.rawValue ?? "low"
        guard let threshold = Severity(rawValue: thresholdText) else {
            throw ValidationError("--severity-threshold must be one of info, low, medium, high, critical")
        }
        let formats = try ScanCommand.parseOutputs(format: format, outputs: outputs)

        let policySet = PolicySet.load(
            directories: configuration.policyDirectories + policyDirectories,
            only: ScanCommand.list(only) + configuration.only, skip: ScanCommand.list(skip) + configuration.skip)
        diagnostics += policySet.errors
        timer.mark("policies")

        let discovery = FileDiscovery(excludes: exclude + configuration.exclude, maxFileSize: maxFileSize)
        var inputs: [ScanInput] = []
        let named = paths.isEmpty ? ["."] : paths
        if named.contains("-") {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            inputs.append(ScanInput(file: SourceFile(path: stdinName, bytes: Array(data)), explicit: true))
        }
        let found = discovery.discover(named.filter { $0 != "-" })
        diagnostics += found.diagnostics
        var discovered = found.inputs
        if let selectedShard {
            let keep = Set(selectedShard.select(discovered.map(\.path)))
            discovered = discovered.filter { keep.contains($0.path) }
            if selectedShard.index != 1 { inputs.removeAll() }  // standard input goes to shard 1 only
        }
        for (path, explicit) in discovered {
            switch discovery.read(path) {
            case .success(let file): inputs.append(ScanInput(file: file, explicit: explicit))
            case .failure(let d): diagnostics.append(d)
            }
        }

        var options = ScanOptions(
            nginxVersion: nginxVersion ?? configuration.nginxVersion, nginxPrefix: nginxPrefix ?? configuration.nginxPrefix,
            terraformSource: tfSource ?? configuration.terraformSource, rootNamespace: rootNamespace, today: started.day)
        options.jobs = jobs ?? 0
        options.yamlLimits.maxDepth = maxDepth
        options.yamlLimits.maxNodes = maxAliases
        var scanner = Scanner(
            policies: policySet.policies, configuration: configuration, provider: DiskSourceProvider(maxFileSize: maxFileSize),
            options: options)
        timer.mark("discover/read")
        if timings { scanner.phaseEnded = { timer.mark($0) } }
        var evaluation = scanner.scan(inputs)
        evaluation = Evaluation(
            results: evaluation.results, diagnostics: evaluation.diagnostics + diagnostics, rules: evaluation.rules,
            inputs: evaluation.inputs)

        let run = RunInfo(
            toolVersion: CipherlintCommand.version, startTime: started.timestamp, endTime: Clock.now().timestamp,
            workingDirectory: FileManager.default.currentDirectoryPath, commandLine: CommandLine.arguments, category: category)
        let sources = Dictionary(inputs.map { ($0.file.path, $0.file) }, uniquingKeysWith: { a, _ in a })
        let color = !noColor && ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(1) == 1
        for (fmt, destination) in formats {
            let text = try render(fmt, evaluation, run, sources: sources, color: color && destination == "-")
            if destination == "-" {
                writeOut(text)
            } else {
                do {
                    try text.write(toFile: destination, atomically: true, encoding: .utf8)
                } catch {
                    printError("\(destination): error: cannot write report: \(error.localizedDescription)")
                    throw ExitCode(2)
                }
            }
        }
        if !formats.contains(where: { $0.0 == "text" && $0.1 == "-" }) {
            for d in evaluation.diagnostics { printError(d.description) }
        }
        if timings {
            timer.mark("render")
            printError(timer.report)
        }
        if evaluation.hasErrors { throw ExitCode(2) }
        if evaluation.findings.contains(where: { $0.severity >= threshold }) { throw ExitCode(1) }
    }

    func render(_ format: String, _ evaluation: Evaluation, _ run: RunInfo, sources: [String: SourceFile], color: Bool) throws -> String {
        guard let reportFormat = ReportFormat(rawValue: format) else { throw ValidationError("unknown format \"\(format)\"") }
        let options = ReportOptions(includeSuppressed: includeSuppressed, color: color, sources: sources)
        let report = reportFormat.render(evaluation, run: run, options: options)
        for warning in report.warnings { printError("warning: \(warning)") }
        return report.text
    }

    static let formatNames = ReportFormat.allCases.map(\.rawValue)

    /// (format, destination) pairs: the main `--format` to standard output unless an
    /// `--output` already writes there.
    static func parseOutputs(format: String, outputs: [String]) throws -> [(String, String)] {
        var out: [(String, String)] = []
        for spec in outputs {
            guard let eq = spec.firstIndex(of: "=") else { throw ValidationError("--output takes FORMAT=FILE, not \"\(spec)\"") }
            let fmt = String(spec[..<eq])
            let file = String(spec[spec.index(after: eq)...])
            guard formatNames.contains(fmt) else { throw ValidationError("unknown format \"\(fmt)\" in --output") }
            guard !file.isEmpty else { throw ValidationError("--output \(fmt)= needs a file (or -)") }
            out.append((fmt, file))
        }
        guard formatNames.contains(format) else { throw ValidationError("unknown format \"\(format)\" (known: \(formatNames.joined(separator: ", ")))") }
        if !out.contains(where: { $0.1 == "-" }) { out.insert((format, "-"), at: 0) }
        return out
    }

    static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
