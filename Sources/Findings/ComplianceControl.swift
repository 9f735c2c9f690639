/// One control (criterion, recommendation, requirement) of a compliance framework.
public struct ComplianceControl: Sendable, Hashable {
    /// The framework's key, as in `ComplianceFramework.id` (`soc2`).
    public var framework: String
    /// The control id exactly as policies write it: `CC6.1`, `3.6`, `SC-8(1)`, `4.2.1`, `164.312(e)(1)`.
    public var id: String
    /// The framework's own title or statement of the control.
    public var title: String
    /// Where the title can be checked: the section of the publication, with a URL.
    public var source: String

    /// A control.
    public init(framework: String, id: String, title: String, source: String) {
        self.framework = framework
        self.id = id
        self.title = title
        self.source = source
    }
}
