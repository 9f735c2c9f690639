import Findings

/// What an evidence bundle says about a run beyond the `Evaluation` and `RunInfo`: the
/// framework, the policies used, the settings and the repository. Gathered by the CLI.
public struct EvidenceContext: Sendable {
    /// The framework the bundle is for.
    public var framework: ComplianceFramework
    /// Control titles and sources.
    public var catalogue: ControlCatalogue
    /// The policies used, with their digest.
    public var policyPack: PolicyPack
    /// The paths scanned, as given (relative to the working directory when they were).
    public var paths: [String]
    /// Settings of the run that change its results (`config`, `nginx-version`, `only`, …);
    /// written with keys sorted.
    public var configuration: [String: String]
    /// The git state of the scanned tree, when it is a repository.
    public var repository: RepositoryInfo?

    /// A context.
    public init(
        framework: ComplianceFramework, catalogue: ControlCatalogue = .builtin, policyPack: PolicyPack, paths: [String],
        configuration: [String: String] = [:], repository: RepositoryInfo? = nil
    ) {
        self.framework = framework
        self.catalogue = catalogue
        self.policyPack = policyPack
        self.paths = paths
        self.configuration = configuration
        self.repository = repository
    }
}
