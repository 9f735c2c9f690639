import ArgumentParser
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
    }

    /// Loads the policies, finds and reads the inputs, and scans them; `diagnostics` (from
    /// loading the configuration) join the evaluation's.
    func scan(configuration: Configuration, diagnostics: [Diagnostic], today: String) -> Run {
        var diagnostics = diagnostics
        let policySet = PolicySet.load(
            directories: configuration.policyDirectories + policyDirectories,
            only: ScanCommand.list(only) + configuration.only, skip: ScanCommand.list(skip) + configuration.skip)
        diagnostics += policySet.errors

        let discovery = FileDiscovery(excludes: exclude + configuration.exclude, maxFileSize: maxFileSize)
        var inputs: [ScanInput] = []
        let named = namedPaths
        if named.contains("-") {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            inputs.append(ScanInput(file: SourceFile(path: stdinName, bytes: Array(data)), explicit: true))
        }
        let found = discovery.discover(named.filter { $0 != "-" })
        diagnostics += found.diagnostics
        for (path, explicit) in found.inputs {
            switch discovery.read(path) {
            case .success(let file): inputs.append(ScanInput(file: file, explicit: explicit))
            case .failure(let d): diagnostics.append(d)
            }
        }

        let options = ScanOptions(
            nginxVersion: nginxVersion ?? configuration.nginxVersion, nginxPrefix: nginxPrefix ?? configuration.nginxPrefix,
            terraformSource: tfSource ?? configuration.terraformSource, rootNamespace: rootNamespace, today: today)
        let scanner = Scanner(
            policies: policySet.policies, configuration: configuration, provider: DiskSourceProvider(maxFileSize: maxFileSize),
            options: options)
        let evaluation = scanner.scan(inputs)
        return Run(
            evaluation: Evaluation(
                results: evaluation.results, diagnostics: evaluation.diagnostics + diagnostics, rules: evaluation.rules,
                inputs: evaluation.inputs),
            inputs: inputs, policies: policySet.policies)
    }
}
