import CEL
import Findings
import Graph

/// One compiled policy: its rule metadata, the CEL programs that decide it, and its examples.
public struct Policy: Sendable {
    /// What reports and evidence say about the policy.
    public var rule: Rule
    /// `where`: a resource for which this is false is outside the policy's scope.
    public var condition: CELProgram?
    /// `assert`: true means compliant.
    public var assertion: CELProgram
    /// `message`: what a failure says.
    public var message: MessageTemplate
    /// `locate`: attribute paths, the first present one gives a finding's location.
    public var locate: [AttributePath]
    /// `locate` entries with `{{ … }}` holes, e.g. `ordered_cache_behavior[{{ … }}].viewer_protocol_policy`:
    /// for a failure they are rendered against the resource and tried, in order, before the
    /// plain paths, so a finding can point at the offending element of a list.
    public var locateTemplates: [MessageTemplate]
    /// `params` defaults; `.cipherlint.yaml` may override them per organisation.
    public var params: [String: Value]
    /// The pass and fail examples.
    public var examples: [PolicyExample]
    /// The `resource.…` paths the assertion reads, in source order (for locating findings).
    public var assertedPaths: [AttributePath]

    /// The policy's id.
    public var id: String { rule.id }
}
