import CEL
import Findings
import Foundation
import Graph
import Pipeline
import PolicyEngine

/// The options every command that scans shares (`scan`, `evidence`) as plain values, and the
/// steps they drive: configuration, policies, file discovery and the scanner. `ScanSetup` fills
/// them in from the command line; `FastScanArguments` does for the plain `scan` invocations.
struct ScanSettings: Equatable, Sendable {
    /// Files and folders to scan; `-` reads standard input.
    var paths: [String] = []
    /// `--policies`: directories of the user's own policies.
    var policyDirectories: [String] = []
    /// `--only`, `--skip`: policy ids, comma-separated, globs allowed.
    var only: String?
    var skip: String?
    /// `--config`: the configuration file (default: `.cipherlint.yaml` when present).
    var config: String?
    /// `--tf-source`: Terraform sources, to point plan findings at `.tf` lines.
    var tfSource: String?
    /// `--nginx-version`, `--nginx-prefix`, `--root-namespace`: what the inputs run with.
    var nginxVersion: String?
    var nginxPrefix: String?
    var rootNamespace: String?
    /// `--stdin-name`: the path standard input is reported under.
    var stdinName: String = "stdin.yaml"
    /// `--exclude`: globs of paths to leave out.
    var exclude: [String] = []
    /// The input limits: file size in bytes, YAML depth, YAML alias expansion, CEL cost.
    var maxFileSize: Int = 512 * 1024 * 1024
    var maxDepth: Int = 256
    var maxAliases: Int = 2_000_000
    var maxCelCost: Int = CELLimits().maxCost
    /// `--jobs`: files parsed at once (nil: one per core).
    var jobs: Int?
    /// `--shard I/N`.
    var shard: String?
    /// `--timings`: print each phase's wall time.
    var timings = false

    /// The defaults, as `scan` without options has them.
    static let defaults = ScanSettings()

    /// What is wrong with these options, as a usage error (ArgumentParser's `validate`).
    var problem: String? {
        if let shard, Shard(shard) == nil { return "--shard takes I/N with 1 ≤ I ≤ N, not \"\(shard)\"" }
        if let jobs, jobs < 1 { return "--jobs must be at least 1" }
        if maxDepth < 1 || maxAliases < 1 || maxFileSize < 0 || maxCelCost < 1 { return "limits must be positive" }
        return nil
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
            only: ScanRequest.list(only) + configuration.only, skip: ScanRequest.list(skip) + configuration.skip,
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
