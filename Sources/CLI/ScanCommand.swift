import ArgumentParser

/// `cipherlint scan`: find, parse, judge and report. ArgumentParser reads the options; the
/// work is `ScanRequest`'s.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan", abstract: "Scan files and folders (default: the current directory).")

    @OptionGroup var setup: ScanSetup

    @Option(help: "Report format: text, sarif, json, junit, gitlab-sast, codequality.")
    var format: String = ScanRequest.defaults.format

    @Option(name: .customLong("output"), help: "Also write FORMAT to FILE (`sarif=out.sarif`, `text=-`); repeatable.")
    var outputs: [String] = ScanRequest.defaults.outputs

    @Option(help: "Lowest severity that makes the exit code 1: info, low, medium, high, critical.")
    var severityThreshold: String?

    @Option(help: "SARIF automationDetails.id: tells GitHub apart several analyses of one commit.")
    var category: String?

    @Option(help: "A baseline file (`cipherlint baseline create`): the findings it lists are suppressed.")
    var baseline: String?

    /// Set by `baseline create`: write this scan's baseline there instead of reports.
    @Option(help: .hidden)
    var baselineOut: String?

    @Flag(help: "Include suppressed results in SARIF (GitHub ignores their suppression).")
    var includeSuppressed = ScanRequest.defaults.includeSuppressed

    @Flag(name: .customLong("no-color"), help: "Never colour text output.")
    var noColor = ScanRequest.defaults.noColor

    /// These options as plain values.
    var request: ScanRequest {
        var r = ScanRequest(setup: setup.settings)
        r.format = format
        r.outputs = outputs
        r.severityThreshold = severityThreshold
        r.category = category
        r.baseline = baseline
        r.baselineOut = baselineOut
        r.includeSuppressed = includeSuppressed
        r.noColor = noColor
        return r
    }

    func run() throws { try request.run() }
}
