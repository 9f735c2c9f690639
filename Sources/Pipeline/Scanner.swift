import Dispatch
import Findings
import Graph
import Kubernetes
import Nginx
import PolicyEngine
import TerraformPlan
import YAML

/// One file to scan, as the command line found or was given it.
public struct ScanInput: Sendable {
    public var file: SourceFile
    /// True when the user named the file itself (not found by walking a directory).
    public var explicit: Bool
    /// A format forced by the caller (`--stdin-name`, examples); nil to classify by content.
    public var format: InputFormat?

    /// An input.
    public init(file: SourceFile, explicit: Bool = false, format: InputFormat? = nil) {
        self.file = file
        self.explicit = explicit
        self.format = format
    }
}

/// Settings of a scan that are not policies.
public struct ScanOptions: Sendable {
    /// Target nginx version (`1.26.2`); nil means assumed, and said so.
    public var nginxVersion: String?
    /// Directory nginx `include` paths are relative to; nil: the main file's directory.
    public var nginxPrefix: String?
    /// Terraform sources for plan findings; nil: the plan's directory when it holds `*.tf`.
    public var terraformSource: String?
    /// Istio root namespace override; nil: from the mesh config, else `istio-system`.
    public var rootNamespace: String?
    /// Today, `YYYY-MM-DD`, for exception expiry.
    public var today: String
    /// Files parsed at once; 0 means one per core. The output does not depend on it.
    public var jobs: Int = 0
    /// Limits on YAML nesting and alias expansion (`--max-depth`, `--max-aliases`).
    public var yamlLimits = YAMLLimits()

    /// Options.
    public init(nginxVersion: String? = nil, nginxPrefix: String? = nil, terraformSource: String? = nil, rootNamespace: String? = nil, today: String) {
        self.nginxVersion = nginxVersion
        self.nginxPrefix = nginxPrefix
        self.terraformSource = terraformSource
        self.rootNamespace = rootNamespace
        self.today = today
    }
}

/// The whole pipeline for a set of inputs: classify, parse (concurrently), link, evaluate,
/// apply exceptions. A file that fails to parse becomes a diagnostic; the rest go on.
public struct Scanner: Sendable {
    public var policies: [Policy]
    public var configuration: Configuration
    public var provider: any SourceProvider
    public var options: ScanOptions
    /// Called as each phase ends (`parse`, `link`, `evaluate`, `exceptions`), so the caller
    /// can time the phases with its own clock; the scanner never reads one.
    public var phaseEnded: @Sendable (String) -> Void = { _ in }

    /// A scanner.
    public init(policies: [Policy], configuration: Configuration = Configuration(), provider: any SourceProvider, options: ScanOptions) {
        self.policies = policies
        self.configuration = configuration
        self.provider = provider
        self.options = options
    }

    /// The graph of the inputs, with every parse problem, before evaluation.
    public func load(_ inputs: [ScanInput]) -> (graph: ResourceGraph, diagnostics: [Diagnostic], summaries: [InputSummary], scanned: [SourceFile]) {
        var classified: [(ScanInput, InputFormat)] = []
        for input in inputs {
            if let format = input.format ?? InputFormat.classify(path: input.file.path, bytes: input.file.bytes, explicit: input.explicit) {
                classified.append((input, format))
            }
        }
        // The inputs' digests (for the reports' artifact hashes) on another thread while they
        // are parsed: for one large plan, hashing it would otherwise follow the parse.
        let digests = ConcurrentSlots<[String: String]>(count: 1)
        let hashing = DispatchGroup()
        let files = classified.map { $0.0.file }
        DispatchQueue.global().async(group: hashing) {
            var out: [String: String] = [:]
            for file in files where out[file.path] == nil { out[file.path] = SHA256.hex(file.bytes) }
            digests.set(0, out)
        }
        // nginx entry points first: files they include are covered and not parsed again alone.
        let isEntry: ((ScanInput, InputFormat)) -> Bool = { $0.1 == .nginx && ($0.0.file.path.split(separator: "/").last ?? "") == "nginx.conf" }
        let entries = classified.filter(isEntry)
        var outcomes = parseAll(entries)
        var covered = Set<String>()
        for case .success(let parsed) in outcomes.map(\.1) { covered.formUnion(parsed.dependencies) }
        var rest = classified.filter { !isEntry($0) && !($0.1 == .nginx && covered.contains($0.0.file.path)) }
        // A file an entry reached through a link (Debian's sites-enabled/shop → ../sites-available/
        // shop) is covered under its other name too: nginx loads it once, so it is reported once.
        // Resolved only when some nginx input is left over, as few trees have any.
        // They stay in the scope the reports list.
        var aliases: [(ScanInput, InputFormat)] = []
        if !covered.isEmpty, rest.contains(where: { $0.1 == .nginx }) {
            let provider = self.provider
            let coveredFiles = Set(covered.map { provider.canonicalPath($0) })
            let isAlias: ((ScanInput, InputFormat)) -> Bool = {
                $0.1 == .nginx && coveredFiles.contains(provider.canonicalPath($0.0.file.path))
            }
            aliases = rest.filter(isAlias)
            rest.removeAll(where: isAlias)
        }
        outcomes += parseAll(rest)
        // Back to input order.
        let order = Dictionary(inputs.enumerated().map { ($0.element.file.path, $0.offset) }, uniquingKeysWith: { a, _ in a })
        outcomes.sort { (order[$0.0.0.file.path] ?? 0) < (order[$1.0.0.file.path] ?? 0) }
        hashing.wait()
        let digest = digests.values[0]
        phaseEnded("parse")

        var graph = ResourceGraph()
        var diagnostics: [Diagnostic] = []
        var summaries: [InputSummary] = []
        var scanned: [SourceFile] = []
        var parsedFiles: [ParsedFile] = []
        parsedFiles.reserveCapacity(outcomes.count)
        for ((input, format), outcome) in outcomes {
            scanned.append(input.file)
            switch outcome {
            case .success(let parsed):
                parsedFiles.append(parsed)
                diagnostics += parsed.diagnostics
                var counts: [String: Int] = [:]
                for i in parsed.resources.indices { counts[parsed.resources[i].kind, default: 0] += 1 }
                summaries.append(InputSummary(
                    path: input.file.path, format: format.rawValue, sha256: digest[input.file.path] ?? SHA256.hex(input.file.bytes),
                    byteCount: input.file.bytes.count, resourceCounts: counts))
                for dependency in parsed.dependencies where dependency != input.file.path {
                    if let file = provider.file(at: dependency) {
                        scanned.append(file)
                        // Most are inputs too (the `conf.d/*.conf` of an nginx tree), hashed above.
                        summaries.append(InputSummary(
                            path: dependency, format: format.rawValue, sha256: digest[dependency] ?? SHA256.hex(file.bytes),
                            byteCount: file.bytes.count,
                            resourceCounts: [:]))
                    }
                }
            case .failure(let error):
                diagnostics.append(Diagnostic(error))
                summaries.append(InputSummary(
                    path: input.file.path, format: format.rawValue, sha256: digest[input.file.path] ?? SHA256.hex(input.file.bytes),
                    byteCount: input.file.bytes.count, resourceCounts: [:], failed: true))
            }
        }
        for (input, format) in aliases {
            scanned.append(input.file)
            summaries.append(InputSummary(
                path: input.file.path, format: format.rawValue, sha256: digest[input.file.path] ?? SHA256.hex(input.file.bytes),
                byteCount: input.file.bytes.count, resourceCounts: [:]))
        }
        graph.append(parsedFiles)
        // The graph now holds every resource: dropping the parse results leaves it their only
        // owner, so the linker's updates change attributes in place instead of copying them.
        outcomes = []
        parsedFiles = []
        diagnostics += KubernetesLinker(rootNamespace: options.rootNamespace).link(&graph)
        // By path, so the order does not depend on how the inputs were split (`--shard`).
        var seenSummaries = Set<String>()
        summaries = summaries.filter { seenSummaries.insert($0.path).inserted }.sorted { $0.path < $1.path }
        phaseEnded("link")
        return (graph, diagnostics, summaries, scanned)
    }

    /// Scans the inputs and judges them with the policies.
    public func scan(_ inputs: [ScanInput]) -> Evaluation { scanKeepingGraph(inputs).evaluation }

    /// `scan`, also handing back the graph, so a command about to exit can let the process
    /// end return its memory instead of freeing a large graph object by object.
    public func scanKeepingGraph(_ inputs: [ScanInput]) -> (evaluation: Evaluation, graph: ResourceGraph) {
        let (graph, diagnostics, summaries, scanned) = load(inputs)
        var results = Evaluator(policies: policies, parameterOverrides: configuration.parameterOverrides).evaluate(graph)
        phaseEnded("evaluate")
        var inline: [InlineSuppression] = []
        var exceptionErrors: [Diagnostic] = []
        var seen = Set<String>()
        for file in scanned where seen.insert(file.path).inserted {
            let (found, errors) = InlineSuppression.scan(file)
            inline += found
            exceptionErrors += errors
        }
        if !inline.isEmpty || !configuration.exceptions.isEmpty {
            var starts: [String: SourceLocation] = [:]
            for i in graph.resources.indices where starts[graph.resources[i].id] == nil {
                starts[graph.resources[i].id] = graph.resources[i].location
            }
            let exceptions = Exceptions(inline: inline, configured: configuration.exceptions, today: options.today)
            results = exceptions.apply(to: results, resourceStarts: starts)
        }
        var rules = policies.map(\.rule)
        if !inline.isEmpty || !configuration.exceptions.isEmpty { rules += [Exceptions.expiredRule, Exceptions.unusedRule] }
        let evaluation = Evaluation(results: results, diagnostics: diagnostics + exceptionErrors, rules: rules, inputs: summaries)
        phaseEnded("exceptions")
        return (evaluation, graph)
    }

    private func parseAll(_ items: [(ScanInput, InputFormat)]) -> [((ScanInput, InputFormat), Swift.Result<ParsedFile, ParseError>)] {
        let box = ConcurrentSlots<Swift.Result<ParsedFile, ParseError>>(count: items.count)
        let scanner = self
        let workers = options.jobs > 0 ? min(options.jobs, items.count) : items.count
        if workers == items.count {
            DispatchQueue.concurrentPerform(iterations: items.count) { i in
                box.set(i, scanner.parse(items[i].0.file, as: items[i].1))
            }
        } else {
            // `jobs` workers, each taking every jobs-th file.
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for i in stride(from: worker, to: items.count, by: workers) {
                    box.set(i, scanner.parse(items[i].0.file, as: items[i].1))
                }
            }
        }
        return zip(items, box.values).map { ($0, $1) }
    }

    /// One file through the parser of its format.
    public func parse(_ file: SourceFile, as format: InputFormat) -> Swift.Result<ParsedFile, ParseError> {
        do {
            switch format {
            case .terraformPlan:
                return .success(try TerraformPlanParser(sources: provider, sourceDirectory: options.terraformSource).parse(file))
            case .kubernetes:
                var parser = KubernetesParser()
                parser.loader = YAMLLoader(limits: options.yamlLimits)
                return .success(try parser.parse(file))
            case .nginx:
                let version = options.nginxVersion.flatMap(NginxVersion.init)
                return .success(try NginxParser(provider: provider, prefix: options.nginxPrefix, version: version).parse(file))
            }
        } catch {
            return .failure(error)
        }
    }
}
