/// What a reporter and an auditor need to know about a check, apart from how it is evaluated:
/// the metadata of a policy, or of one of the engine's own checks (expired suppressions).
public struct Rule: Sendable, Hashable {
    /// Kebab-case, never reused: `aws-kms-key-rotation-enabled`.
    public var id: String
    /// Earlier ids of this rule (after a rename).
    public var aliases: [String]
    /// The desired state: "KMS keys rotate automatically".
    public var title: String
    public var severity: Severity
    /// Why it matters (markdown).
    public var description: String
    /// How to fix it (markdown, with a snippet).
    public var remediation: String
    /// Compliance mappings: framework id (`soc2`, `cis-aws-3.0`, `nist-800-53`, `pci-dss-4.0`,
    /// `hipaa`) → control ids.
    public var controls: [String: [String]]
    /// Resource kinds the rule judges (`terraform/aws_kms_key`).
    public var appliesTo: [String]
    /// Where the rule is defined: `policies/aws/x.yaml` (built in) or the user's file.
    public var definedIn: String
    /// True for rules shipped inside the binary.
    public var builtin: Bool
    /// Free-form tags for reports (in addition to controls).
    public var tags: [String]
    /// A link to more documentation, when there is one.
    public var helpURI: String?

    /// A rule.
    public init(
        id: String, aliases: [String] = [], title: String, severity: Severity, description: String,
        remediation: String, controls: [String: [String]] = [:], appliesTo: [String] = [], definedIn: String,
        builtin: Bool, tags: [String] = [], helpURI: String? = nil
    ) {
        self.id = id
        self.aliases = aliases
        self.title = title
        self.severity = severity
        self.description = description
        self.remediation = remediation
        self.controls = controls
        self.appliesTo = appliesTo
        self.definedIn = definedIn
        self.builtin = builtin
        self.tags = tags
        self.helpURI = helpURI
    }
}
