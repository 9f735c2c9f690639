import Graph

/// Everything a run concluded, from which every report is rendered.
///
/// Reporters are pure functions of an `Evaluation` and a `RunInfo`, so the same inputs give
/// byte-identical output. `results` are in report order (see `Result.reportOrder`).
public struct Evaluation: Sendable {
    /// Every verdict: passes, failures, unknowns, errors; suppressed ones carry their exception.
    public var results: [Result]
    /// Problems with inputs, policies or configuration (errors make the exit code 2).
    public var diagnostics: [Diagnostic]
    /// The rules that were run (policies and the engine's own checks), sorted by id.
    public var rules: [Rule]
    /// What was scanned.
    public var inputs: [InputSummary]

    /// An evaluation; results and diagnostics are put in report order.
    public init(results: [Result], diagnostics: [Diagnostic] = [], rules: [Rule], inputs: [InputSummary] = []) {
        self.results = Result.inReportOrder(results)
        self.diagnostics = diagnostics.sorted()
        self.rules = rules.sorted { $0.id < $1.id }
        self.inputs = inputs
    }

    /// Failing results no exception covers.
    public var findings: [Result] { results.filter(\.isFinding) }

    /// The indices in `results` of the findings, in report order.
    public var findingIndices: [Int] { results.indices.filter { results[$0].isFinding } }

    /// The rule with this id, if it was run.
    public func rule(_ id: String) -> Rule? { rules.first { $0.id == id } }

    /// True when any input, policy or configuration could not be read or parsed.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// One scanned input, for the scope of a report: its path, its digest and what it held.
public struct InputSummary: Sendable, Hashable {
    public var path: String
    /// `terraform-plan`, `kubernetes`, `nginx`.
    public var format: String
    /// Lowercase hex SHA-256 of the file's bytes.
    public var sha256: String
    public var byteCount: Int
    /// Resources found, by kind.
    public var resourceCounts: [String: Int]
    /// True when the file could not be parsed (its error is among the diagnostics).
    public var failed: Bool

    /// A summary of one input.
    public init(path: String, format: String, sha256: String, byteCount: Int, resourceCounts: [String: Int], failed: Bool = false) {
        self.path = path
        self.format = format
        self.sha256 = sha256
        self.byteCount = byteCount
        self.resourceCounts = resourceCounts
        self.failed = failed
    }
}

/// Facts about the run that are not results: they are arguments, never read from the clock
/// or the environment inside a reporter.
public struct RunInfo: Sendable, Hashable {
    public var toolName: String
    public var toolVersion: String
    /// When the run started, RFC 3339 UTC (`2026-12-01T18:30:00Z`).
    public var startTime: String
    public var endTime: String?
    /// The directory paths are relative to (a `file://` URI in SARIF).
    public var workingDirectory: String
    /// The command line as given, for the record.
    public var commandLine: [String]
    /// SARIF `automationDetails.id`.
    public var category: String?

    /// Run facts.
    public init(
        toolName: String = "cipherlint", toolVersion: String, startTime: String, endTime: String? = nil,
        workingDirectory: String, commandLine: [String] = [], category: String? = nil
    ) {
        self.toolName = toolName
        self.toolVersion = toolVersion
        self.startTime = startTime
        self.endTime = endTime
        self.workingDirectory = workingDirectory
        self.commandLine = commandLine
        self.category = category
    }
}
