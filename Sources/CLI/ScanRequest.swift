import ArgumentParser
import Findings
import Foundation
import Graph
import Pipeline
import PolicyEngine
import Reporting

/// `cipherlint scan` as plain values (`ScanCommand` fills them in from the command line,
/// `FastScanArguments` for the plain invocations a pre-commit hook makes), and running it.
struct ScanRequest: Equatable, Sendable {
    /// The options shared with `evidence`.
    var setup: ScanSettings
    /// `--format`: the report on standard output.
    var format = "text"
    /// `--output FORMAT=FILE`, in order.
    var outputs: [String] = []
    /// `--severity-threshold`: the lowest severity that makes the exit code 1.
    var severityThreshold: String?
    /// `--category`: SARIF `automationDetails.id`.
    var category: String?
    /// `--baseline`: findings listed there are suppressed.
    var baseline: String?
    /// Set by `baseline create`: write this scan's baseline there instead of reports.
    var baselineOut: String?
    /// `--include-suppressed`, `--no-color`.
    var includeSuppressed = false
    var noColor = false

    /// The defaults, as `scan` without options has them.
    static let defaults = ScanRequest(setup: ScanSettings.defaults)

    /// Scans and writes the reports; throws `ExitCode` or a usage error.
    func run() throws {
        let timer = Timings()
        let started = Clock.now()
        let (configuration, configurationDiagnostics) = setup.loadConfiguration()
        let thresholdText = severityThreshold ?? configuration.severityThreshold?.rawValue ?? "low"
        guard let threshold = Severity(rawValue: thresholdText) else {
            throw ValidationError("--severity-threshold must be one of info, low, medium, high, critical")
        }
        let formats = try ScanRequest.parseOutputs(format: format, outputs: outputs)
        let scanned = setup.scan(
            configuration: configuration, diagnostics: configurationDiagnostics, today: started.day, timer: setup.timings ? timer : nil)
        var evaluation = scanned.evaluation
        let inputs = scanned.inputs
        if let baselineOut { return try BaselineCommand.write(evaluation, to: baselineOut) }
        if let baseline { evaluation = BaselineCommand.apply(baseline, to: evaluation) }

        let run = RunInfo(
            toolVersion: CipherlintCommand.version, startTime: started.timestamp, endTime: Clock.now().timestamp,
            workingDirectory: FileManager.default.currentDirectoryPath, commandLine: CommandLine.arguments, category: category)
        let sources = Dictionary(inputs.map { ($0.file.path, $0.file) }, uniquingKeysWith: { a, _ in a })
        let color = !noColor && ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(1) == 1
        for (fmt, destination) in formats {
            let text = try render(fmt, evaluation, run, sources: sources, color: color && destination == "-")
            if destination == "-" {
                writeOut(text)
            } else {
                do {
                    try text.write(toFile: destination, atomically: true, encoding: .utf8)
                } catch {
                    printError("\(destination): error: cannot write report: \(error.localizedDescription)")
                    throw ExitCode(2)
                }
            }
        }
        if !formats.contains(where: { $0.0 == "text" && $0.1 == "-" }) {
            for d in evaluation.diagnostics { printError(d.description) }
        }
        if setup.timings {
            timer.mark("render")
            printError(timer.report)
        }
        let code: Int32 = evaluation.hasErrors ? 2 : evaluation.results.contains(where: { $0.isFinding && $0.severity >= threshold }) ? 1 : 0
        // Straight out, with the graph, results and reports still alive: the process end returns
        // their memory at once, where unwinding would free them object by object.
        withExtendedLifetime((scanned, evaluation, sources)) { Foundation.exit(code) }
    }

    func render(_ format: String, _ evaluation: Evaluation, _ run: RunInfo, sources: [String: SourceFile], color: Bool) throws -> String {
        guard let reportFormat = ReportFormat(rawValue: format) else { throw ValidationError("unknown format \"\(format)\"") }
        let options = ReportOptions(includeSuppressed: includeSuppressed, color: color, sources: sources)
        let report = reportFormat.render(evaluation, run: run, options: options)
        for warning in report.warnings { printError("warning: \(warning)") }
        return report.text
    }

    static let formatNames = ReportFormat.allCases.map(\.rawValue)

    /// (format, destination) pairs: the main `--format` to standard output unless an
    /// `--output` already writes there.
    static func parseOutputs(format: String, outputs: [String]) throws -> [(String, String)] {
        var out: [(String, String)] = []
        for spec in outputs {
            guard let eq = spec.firstIndex(of: "=") else { throw ValidationError("--output takes FORMAT=FILE, not \"\(spec)\"") }
            let fmt = String(spec[..<eq])
            let file = String(spec[spec.index(after: eq)...])
            guard formatNames.contains(fmt) else { throw ValidationError("unknown format \"\(fmt)\" in --output") }
            guard !file.isEmpty else { throw ValidationError("--output \(fmt)= needs a file (or -)") }
            out.append((fmt, file))
        }
        guard formatNames.contains(format) else { throw ValidationError("unknown format \"\(format)\" (known: \(formatNames.joined(separator: ", ")))") }
        if !out.contains(where: { $0.1 == "-" }) { out.insert((format, "-"), at: 0) }
        return out
    }

    static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
