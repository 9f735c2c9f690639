import ArgumentParser
import Foundation
import Graph
import Pipeline
import PolicyEngine

/// `cipherlint test [DIR]`: run every policy's pass and fail examples.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test", abstract: "Run the examples of every policy in DIR (default: the built-in policies).")

    @Argument(help: "Policy files or directories; without one, the built-in policies are tested.")
    var paths: [String] = []

    mutating func run() throws {
        var policies: [Policy] = []
        var loadErrors: [String] = []
        if paths.isEmpty {
            let builtin = BuiltinPolicies.load()
            policies = builtin.policies
            loadErrors = builtin.errors.map(\.description)
        } else {
            let loader = PolicyLoader()
            for path in paths {
                for file in PolicySet.policyFiles(in: path) {
                    guard let data = FileManager.default.contents(atPath: file) else {
                        loadErrors.append("\(file):1:1: error: cannot read policy file")
                        continue
                    }
                    do {
                        policies.append(try loader.load(SourceFile(path: file, bytes: Array(data)), builtin: false))
                    } catch {
                        loadErrors.append(error.description)
                    }
                }
            }
        }
        for e in loadErrors { printError(e) }
        let runner = PolicyExampleRunner()
        var failed = 0
        var examples = 0
        for policy in policies.sorted(by: { $0.id < $1.id }) {
            let (failures, count) = runner.run(policy)
            examples += count
            var problems = failures.map(\.description)
            if !policy.examples.contains(where: { $0.expectation == .pass }) {
                problems.append("\(policy.rule.definedIn):1:1: error: \(policy.id) has no pass example")
            }
            if !policy.examples.contains(where: { $0.expectation == .fail }) {
                problems.append("\(policy.rule.definedIn):1:1: error: \(policy.id) has no fail example")
            }
            if problems.isEmpty {
                writeOut("ok      \(policy.id) (\(count) examples)\n")
            } else {
                failed += 1
                writeOut("FAILED  \(policy.id)\n")
                for p in problems { writeOut("  \(p)\n") }
            }
        }
        let passedPolicies = policies.count - failed
        writeOut("\(passedPolicies) passed, \(failed + loadErrors.count) failed\n")
        writeOut("(\(policies.count) policies, \(examples) examples)\n")
        if failed > 0 || !loadErrors.isEmpty { throw ExitCode(1) }
    }
}
