/// A compliance framework whose controls policies map to (`controls: {soc2: [CC6.1]}`).
public struct ComplianceFramework: Sendable, Hashable {
    /// The key policies use in `controls`: `soc2`, `cis-aws-3.0`, `nist-800-53`, `pci-dss-4.0`, `hipaa`.
    public var id: String
    /// The name `cipherlint evidence --framework` takes: `soc2`, `cis-aws`, `nist-800-53`, `pci-dss`, `hipaa`.
    public var option: String
    /// For people: "SOC 2 Trust Services Criteria".
    public var name: String
    /// The edition the control ids and titles come from: "2017 (revised points of focus 2022)".
    public var version: String
    /// The publication the catalogue entries were taken from.
    public var citation: String
    /// Where that publication is.
    public var url: String

    /// A framework.
    public init(id: String, option: String, name: String, version: String, citation: String, url: String) {
        self.id = id
        self.option = option
        self.name = name
        self.version = version
        self.citation = citation
        self.url = url
    }
}
