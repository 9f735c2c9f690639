import Graph

/// What a caller may choose about a report; every field has the default the CLI uses.
public struct ReportOptions: Sendable {
    /// Include results an exception covers (SARIF marks them with `suppressions`); JSON always
    /// includes them.
    public var includeSuppressed: Bool
    /// Include `unknown` results (SARIF as `level: note`).
    public var includeUnknown: Bool
    /// ANSI colours in text output (the CLI decides: a terminal and no `NO_COLOR`).
    public var color: Bool
    /// The scanned files by the path results name, for showing offending lines in text output.
    public var sources: [String: SourceFile]
    /// The tool's home page (SARIF `tool.driver.informationUri`, GitLab analyzer `url`).
    public var informationURI: String

    /// Options; the defaults are those of `cipherlint scan`.
    public init(
        includeSuppressed: Bool = false, includeUnknown: Bool = true, color: Bool = false,
        sources: [String: SourceFile] = [:], informationURI: String = "https://github.com/cipherlint/cipherlint"
    ) {
        self.includeSuppressed = includeSuppressed
        self.includeUnknown = includeUnknown
        self.color = color
        self.sources = sources
        self.informationURI = informationURI
    }
}

/// A rendered report and what the CLI should tell the user about it (limits exceeded).
public struct RenderedReport: Sendable, Equatable {
    /// The report's text, ending in a newline.
    public var text: String
    /// One line each, for standard error: "SARIF: 25,001 results exceed …".
    public var warnings: [String]

    /// A report.
    public init(text: String, warnings: [String] = []) {
        self.text = text
        self.warnings = warnings
    }
}
