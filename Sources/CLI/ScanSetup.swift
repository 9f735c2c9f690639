import ArgumentParser
import CEL

/// The options every command that scans shares (`scan`, `evidence`), as ArgumentParser reads
/// them; `settings` is the same as plain values, which is what the commands use.
struct ScanSetup: ParsableArguments {
    @Argument(help: "Files and folders to scan; `-` reads standard input.")
    var paths: [String] = ScanSettings.defaults.paths

    @Option(name: .customLong("policies"), help: "A directory of your own policies; repeatable.")
    var policyDirectories: [String] = ScanSettings.defaults.policyDirectories

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
    var stdinName: String = ScanSettings.defaults.stdinName

    @Option(help: "Glob of paths to leave out; repeatable.")
    var exclude: [String] = ScanSettings.defaults.exclude

    @Option(help: "Largest input file read, in bytes.")
    var maxFileSize: Int = ScanSettings.defaults.maxFileSize

    @Option(help: "Deepest nesting of YAML sequences and mappings accepted (plans: json-c's 256).")
    var maxDepth: Int = ScanSettings.defaults.maxDepth

    @Option(help: "Most YAML nodes one file may expand to through aliases (alias bombs).")
    var maxAliases: Int = ScanSettings.defaults.maxAliases

    @Option(help: "Most evaluation steps one CEL expression may take on one resource; a policy over it is an error result, not a hang.")
    var maxCelCost: Int = ScanSettings.defaults.maxCelCost

    @Option(help: "Files parsed at once (default: one per core); the output is the same for any value.")
    var jobs: Int?

    @Option(help: "Scan only shard I of N of the inputs (`--shard 2/8`), for a CI matrix; combine with `cipherlint merge`.")
    var shard: String?

    @Flag(help: "Print the wall time of each phase (discover/read, parse, link, evaluate, render) to standard error.")
    var timings = ScanSettings.defaults.timings

    /// These options as plain values.
    var settings: ScanSettings {
        var s = ScanSettings()
        s.paths = paths
        s.policyDirectories = policyDirectories
        s.only = only
        s.skip = skip
        s.config = config
        s.tfSource = tfSource
        s.nginxVersion = nginxVersion
        s.nginxPrefix = nginxPrefix
        s.rootNamespace = rootNamespace
        s.stdinName = stdinName
        s.exclude = exclude
        s.maxFileSize = maxFileSize
        s.maxDepth = maxDepth
        s.maxAliases = maxAliases
        s.maxCelCost = maxCelCost
        s.jobs = jobs
        s.shard = shard
        s.timings = timings
        return s
    }

    mutating func validate() throws {
        if let problem = settings.problem { throw ValidationError(problem) }
    }
}
