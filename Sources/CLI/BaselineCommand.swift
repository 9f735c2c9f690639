import ArgumentParser
import Findings
import Foundation
import Graph
import Reporting

/// `cipherlint baseline create|check`: accept today's findings, then report only new ones.
struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline", abstract: "Record today's findings, so that scans report only new ones.",
        subcommands: [Create.self, Check.self])

    /// The default baseline file.
    static let defaultFile = ".cipherlint-baseline.json"

    /// `baseline create [PATH...] [--out FILE]`.
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Scan like `scan` and write every current finding to a baseline file (report options are ignored).",
            usage: "cipherlint baseline create [--out <file>] [<scan options>] [<paths> ...]")

        @Option(help: "The baseline file to write.")
        var out: String = BaselineCommand.defaultFile

        @OptionGroup var scan: ScanCommand

        mutating func run() throws {
            var request = scan.request
            request.baselineOut = out
            try request.run()
        }
    }

    /// `baseline check [PATH...] [--baseline FILE]`: `scan` with the baseline applied.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract:
                "Scan with a baseline (default \(BaselineCommand.defaultFile)): new findings fail, entries that no longer match are listed as notes.",
            usage: "cipherlint baseline check [--baseline <file>] [<scan options>] [<paths> ...]")

        @OptionGroup var scan: ScanCommand

        mutating func run() throws {
            var request = scan.request
            request.baseline = request.baseline ?? BaselineCommand.defaultFile
            try request.run()
        }
    }

    /// Writes the baseline of `evaluation` to `path`; exits 2 when an input could not be read
    /// or parsed (its findings are missing from the baseline).
    static func write(_ evaluation: Evaluation, to path: String) throws {
        let baseline = Baseline.create(from: evaluation, workingDirectory: FileManager.default.currentDirectoryPath)
        for d in evaluation.diagnostics { printError(d.description) }
        do {
            try baseline.render().write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            printError("\(path): error: cannot write the baseline: \(error.localizedDescription)")
            throw ExitCode(2)
        }
        let noun = baseline.findings.count == 1 ? "finding" : "findings"
        printError("cipherlint: wrote \(baseline.findings.count) \(noun) to \(path)")
        if evaluation.hasErrors {
            printError("cipherlint: some inputs could not be read or parsed; their findings are not in the baseline")
            throw ExitCode(2)
        }
    }

    /// `evaluation` with the findings the baseline at `path` lists suppressed, and a note for
    /// each entry that no longer matches; an unreadable baseline is an error diagnostic.
    static func apply(_ path: String, to evaluation: Evaluation) -> Evaluation {
        var evaluation = evaluation
        let place = SourceLocation(path: path, line: 1)
        func failing(_ message: String) -> Evaluation {
            Evaluation(
                results: evaluation.results, diagnostics: evaluation.diagnostics + [Diagnostic(.error, message, at: place)],
                rules: evaluation.rules, inputs: evaluation.inputs)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return failing("cannot read the baseline (create one with `cipherlint baseline create --out \(path)`)")
        }
        var baseline: Baseline
        do {
            baseline = try JSONDecoder().decode(Baseline.self, from: data)
        } catch {
            return failing("not a cipherlint baseline: \(describe(error))")
        }
        guard baseline.version == Baseline.currentVersion else {
            return failing("baseline version \(baseline.version) is not supported (this cipherlint reads version \(Baseline.currentVersion))")
        }
        baseline.locate(in: SourceFile(path: path, bytes: Array(data)))
        let applied = baseline.apply(to: evaluation, workingDirectory: FileManager.default.currentDirectoryPath, file: path)
        evaluation = applied.evaluation
        let notes = applied.stale.map { Baseline.staleNote($0, file: path) }
        if !notes.isEmpty {
            evaluation = Evaluation(
                results: evaluation.results, diagnostics: evaluation.diagnostics + notes, rules: evaluation.rules,
                inputs: evaluation.inputs)
        }
        printError("cipherlint: baseline \(path): \(applied.matched) accepted, \(applied.stale.count) no longer matching")
        return evaluation
    }

    /// A decoding error in a sentence.
    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing \"\(key.stringValue)\"\(where_(context))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "\(context.debugDescription)\(where_(context))"
        case DecodingError.dataCorrupted(let context):
            return context.debugDescription
        default:
            return "\(error)"
        }
    }

    private static func where_(_ context: DecodingError.Context) -> String {
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return path.isEmpty ? "" : " at \(path)"
    }
}
