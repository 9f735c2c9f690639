import Findings

/// Every output format `--format` and `--output FMT=FILE` accept, by its command-line name.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text
    case json
    case sarif
    case junit
    case gitlabSAST = "gitlab-sast"
    case codequality

    /// Renders the evaluation in this format; `warnings` are for standard error (only SARIF
    /// has limits to warn about).
    public func render(_ evaluation: Evaluation, run: RunInfo, options: ReportOptions = ReportOptions()) -> RenderedReport {
        switch self {
        case .text: return RenderedReport(text: TextReport.render(evaluation, run: run, options: options))
        case .json: return RenderedReport(text: JSONReport.render(evaluation, run: run, options: options))
        case .sarif: return SARIFReport.report(evaluation, run: run, options: options)
        case .junit: return RenderedReport(text: JUnitReport.render(evaluation, run: run, options: options))
        case .gitlabSAST: return RenderedReport(text: GitLabSASTReport.render(evaluation, run: run, options: options))
        case .codequality: return RenderedReport(text: CodeQualityReport.render(evaluation, run: run, options: options))
        }
    }
}
