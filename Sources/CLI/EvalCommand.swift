import ArgumentParser
import CEL
import Foundation
import Graph
import Pipeline
import PolicyEngine
import YAML

/// `cipherlint eval EXPR`: evaluate a CEL expression, for policy authors.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Evaluate a CEL expression, optionally against one resource of an input.")

    @Argument(help: "The CEL expression.")
    var expression: String

    @Option(name: .customLong("var"), help: "A variable as NAME=JSON (or YAML); repeatable.")
    var variables: [String] = []

    @Option(help: "An input file whose resource the expression sees as `resource`.")
    var input: String?

    @Option(help: "The id of that resource (default: the first one).")
    var resource: String?

    @Option(help: "The nginx version, for nginx inputs.")
    var nginxVersion: String?

    mutating func run() throws {
        var environment = PolicyEnvironment.standard
        var bindings = CELBindings()
        for spec in variables {
            guard let eq = spec.firstIndex(of: "="), eq != spec.startIndex else {
                throw ValidationError("--var takes NAME=JSON, not \"\(spec)\"")
            }
            let name = String(spec[..<eq])
            let text = String(spec[spec.index(after: eq)...])
            // JSON is YAML, so the YAML loader reads both (and plain words as strings).
            let value: Value
            do {
                value = try YAMLLoader().load(SourceFile(path: "--var \(name)", text: text)).first?.root?.value ?? .null
            } catch {
                printError("error: --var \(name): \(error.message)")
                throw ExitCode(2)
            }
            environment.declare(variable: name)
            bindings[name] = CELValue(value)
        }
        if let input {
            guard let data = FileManager.default.contents(atPath: input) else {
                printError("\(input):1:1: error: cannot read file")
                throw ExitCode(2)
            }
            let file = SourceFile(path: input, bytes: Array(data))
            let scanner = Scanner(
                policies: [], provider: DiskSourceProvider(maxFileSize: Int.max), options: ScanOptions(nginxVersion: nginxVersion, today: Clock.now().day))
            let (graph, diagnostics, _, _) = scanner.load([ScanInput(file: file, explicit: true)])
            for d in diagnostics { printError(d.description) }
            guard !graph.resources.isEmpty else {
                printError("\(input):1:1: error: no resources in this file")
                throw ExitCode(2)
            }
            let index: Int
            if let resource {
                guard let i = graph.resources.firstIndex(where: { $0.id == resource }) else {
                    printError("error: no resource \"\(resource)\"; the file has: \(graph.resources.prefix(20).map(\.id).joined(separator: ", "))")
                    throw ExitCode(2)
                }
                index = i
            } else {
                index = 0
            }
            let base = ResourceBinding.bindings(graph, index)
            bindings["resource"] = base["resource"]
            bindings["params"] = base["params"]
            bindings.context = base.context
        }
        let program: CELProgram
        do {
            program = try CELProgram(compiling: expression, in: environment)
        } catch {
            printError("error: \(error.description)")
            throw ExitCode(1)
        }
        switch program.evaluate(bindings) {
        case .value(let v): writeOut(v.description + "\n")
        case .unknown(let attributes): writeOut("unknown(\(attributes.joined(separator: ", ")))\n")
        case .error(let e):
            printError("error: \(e.description)")
            throw ExitCode(1)
        }
    }
}
