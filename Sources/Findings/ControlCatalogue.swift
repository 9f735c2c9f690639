/// The compliance frameworks cipherlint reports on and the controls of each that policies may
/// name: the single list the policy tests, `policies list --control` and `evidence` agree on.
///
/// The entries are data (`ControlCatalogue+Builtin.swift`), each with its source; a policy that
/// names a control missing here fails the test suite.
public struct ControlCatalogue: Sendable {
    /// The frameworks, in display order.
    public var frameworks: [ComplianceFramework]
    /// Every control, grouped by framework, each framework's in document order.
    public var controls: [ComplianceControl]

    /// A catalogue.
    public init(frameworks: [ComplianceFramework], controls: [ComplianceControl]) {
        self.frameworks = frameworks
        self.controls = controls
    }

    /// The framework with this policy key (`cis-aws-3.0`) or option name (`cis-aws`).
    public func framework(_ name: String) -> ComplianceFramework? {
        frameworks.first { $0.id == name } ?? frameworks.first { $0.option == name }
    }

    /// The controls of one framework (by policy key), in document order.
    public func controls(of framework: String) -> [ComplianceControl] {
        controls.filter { $0.framework == framework }
    }

    /// The control `id` of `framework` (policy key), if the catalogue has it.
    public func control(_ framework: String, _ id: String) -> ComplianceControl? {
        controls.first { $0.framework == framework && $0.id == id }
    }
}
