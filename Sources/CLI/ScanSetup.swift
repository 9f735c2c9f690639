import ArgumentParser
import CEL
import Findings
import Foundation
import Graph
import Pipeline
import PolicyEngine

/// The options and steps every command that scans shares (`scan`, `evidence`): configuration,
/// policies, file discovery and the scanner.
struct ScanSetup: ParsableArguments {
    @Argument(help: "Files and folders to scan; `-` reads standard input.")
    var paths: [String] = []

    @Option(name: .customLong("policies"), help: "A directory of your own policies; repeatable.")
    var policyDirectories: [String] = []

    @Option(help: "Run only these policy ids (comma-separated, globs allowed).")
    var only: String?

    @Option(help: "Skip these policy ids (comma-separated, globs allowed).")
    var skip: String?

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

    @Option(help: "Glob of paths to leave out; repeatable.")
    var exclude: [String] = []

    @Option(help: "Largest input file read, in bytes.")
    var maxFileSize: Int = 512 * 1024 * 1024

    @Option(help: "Deepest nesting of YAML sequences and mappings accepted (plans: json-c's 256).")
    var maxDepth: Int = 256

    @Option(help: "Most YAML nodes one file may expand to through aliases (alias bombs).")
    var maxAliases: Int = 2_000_000

    @Option(help: "Most evaluation steps one CEL expression may take on one resource; a policy over it is an error result, not a hang.")
    var maxCelCost: Int = CELLimits().maxCost

    @Option(help: "Files parsed at once (default: one per core); the output is the same for any value.")
    var jobs: Int?

    @Option(help: "Scan only shard I of N of the inputs (`--shard 2/8`), for a CI matrix; combine with `cipherlint merge`.")
    var shard: String?

    @Flag(help: "Print the wall time of each phase (discover/read, parse, link, evaluate, render) to standard error.")
    var timings = false

    mutating func validate() throws {
        if let shard, Shard(shard) == nil { throw ValidationError("--shard takes I/N with 1 ≤ I ≤ N, not \"\(shard)\"") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if maxDepth < 1 || maxAliases < 1 || maxFileSize < 0 || maxCelCost < 1 { throw ValidationError("limits must be positive") }
    }

    /// The CEL limits of `--max-cel-cost`.
    var celLimits: CELLimits {
        var limits = CELLimits()
        limits.maxCost = maxCelCost
        return limits
    }

    /// The paths to scan: as given, or the current directory.
    var namedPaths: [String] { paths.isEmpty ? ["."] : paths }

    /// The configuration file in effect (`--config`, else `.cipherlint.yaml` when present).
    var configPath: String? {
        config ?? (FileManager.default.fileExists(atPath: ".cipherlint.yaml") ? ".cipherlint.yaml" : nil)
    }

    /// The configuration, and the problems reading it (an unreadable file gives the defaults).
    func loadConfiguration() -> (configuration: Configuration, diagnostics: [Diagnostic]) {
        guard let configPath else { return (Configuration(), []) }
        guard let data = FileManager.default.contents(atPath: configPath) else {
            return (Configuration(), [Diagnostic(.error, "cannot read configuration file", at: SourceLocation(path: configPath, line: 1))])
        }
        do {
            return (try Configuration(SourceFile(path: configPath, bytes: Array(data))), [])
        } catch {
            return (Configuration(), [error.diagnostic])
        }
    }

    /// What a scan read and concluded.
    struct Run {
        var evaluation: Evaluation
        var inputs: [ScanInput]
        var policies: [Policy]
        /// The scanned graph, held until the process exits (freeing it piece by piece costs
        /// a large scan ~7% of its time).
        var graph: ResourceGraph
    }

    /// Loads the policies, finds and reads the inputs, and scans them; `diagnostics` (from
    /// loading the configuration) join the evaluation's.
    func scan(configuration: Configuration, diagnostics: [Diagnostic], today: String, timer: Timings? = nil) -> Run {
        var diagnostics = diagnostics
        let policySet = PolicySet.load(
            directories: configuration.policyDirectories + policyDirectories,
            only: ScanCommand.list(only) + configuration.only, skip: ScanCommand.list(skip) + configuration.skip,
            limits: celLimits)
        diagnostics += policySet.errors
        timer?.mark("policies")

        let discovery = FileDiscovery(excludes: exclude + configuration.exclude, maxFileSize: maxFileSize)
        var inputs: [ScanInput] = []
        let named = namedPaths
        if named.contains("-") {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            inputs.append(ScanInput(file: SourceFile(path: stdinName, bytes: Array(data)), explicit: true))
        }
        let found = discovery.discover(named.filter { $0 != "-" })
        diagnostics += found.diagnostics
        var discovered = found.inputs
        if let selected = shard.flatMap(Shard.init) {
            let keep = Set(selected.select(discovered.map(\.path)))
            discovered = discovered.filter { keep.contains($0.path) }
            if selected.index != 1 { inputs.removeAll() }  // standard input goes to shard 1 only
        }
        let provider = DiskSourceProvider(maxFileSize: maxFileSize)
        for (path, explicit) in discovered {
            switch discovery.read(path) {
            case .success(let file):
                inputs.append(ScanInput(file: file, explicit: explicit))
                provider.seed(file)
            case .failure(let d): diagnostics.append(d)
            }
        }

        var options = ScanOptions(
            nginxVersion: nginxVersion ?? configuration.nginxVersion, nginxPrefix: nginxPrefix ?? configuration.nginxPrefix,
            terraformSource: tfSource ?? configuration.terraformSource, rootNamespace: rootNamespace, today: today)
        options.jobs = jobs ?? 0
        options.yamlLimits.maxDepth = maxDepth
        options.yamlLimits.maxNodes = maxAliases
        var scanner = Scanner(
            policies: policySet.policies, configuration: configuration, provider: provider,
            options: options)
        timer?.mark("discover/read")
        if let timer { scanner.phaseEnded = { timer.mark($0) } }
        let (evaluation, graph) = scanner.scanKeepingGraph(inputs)
        return Run(
            evaluation: Evaluation(
                results: evaluation.results, diagnostics: evaluation.diagnostics + diagnostics, rules: evaluation.rules,
                inputs: evaluation.inputs),
            inputs: inputs, policies: policySet.policies, graph: graph)
    }
}
