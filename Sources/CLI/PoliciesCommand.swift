import ArgumentParser
import Findings
import Foundation
import PolicyEngine

/// `cipherlint policies list|show ID`.
struct PoliciesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policies", abstract: "List the built-in and user policies with their controls, or show one.")

    @Argument(help: "`list` (default) or `show`.")
    var action: String = "list"

    @Argument(help: "The policy id, for `show`.")
    var id: String?

    @Option(name: .customLong("policies"), help: "A directory of your own policies; repeatable.")
    var policyDirectories: [String] = []

    @Option(help: "Only policies mapped to this control id (e.g. CC6.7), in any framework or as framework/id.")
    var control: String?

    mutating func run() throws {
        let set = PolicySet.load(directories: policyDirectories, only: [], skip: [])
        for e in set.errors { printError(e.description) }
        switch action {
        case "list":
            var policies = set.policies
            if let control {
                policies = policies.filter { p in
                    p.rule.controls.contains { framework, ids in
                        ids.contains(control) || ids.contains { "\(framework)/\($0)" == control }
                    }
                }
            }
            let width = policies.map(\.id.count).max() ?? 10
            for p in policies {
                let controls = p.rule.controls.keys.sorted().flatMap { f in (p.rule.controls[f] ?? []).map { "\(f)/\($0)" } }
                let pad = String(repeating: " ", count: max(1, width - p.id.count + 2))
                writeOut("\(p.id)\(pad)\(p.rule.severity.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0))\(p.rule.title)  [\(controls.joined(separator: ", "))]\n")
            }
            writeOut("\(policies.count) policies\n")
        case "show":
            guard let id, let p = set.policies.first(where: { $0.id == id || $0.rule.aliases.contains(id) }) else {
                printError("error: no policy with id \"\(id ?? "")\"")
                throw ExitCode(2)
            }
            var out = "\(p.id): \(p.rule.title)\n"
            out += "severity:   \(p.rule.severity.rawValue)\n"
            out += "applies to: \(p.rule.appliesTo.joined(separator: ", "))\n"
            out += "defined in: \(p.rule.definedIn)\(p.rule.builtin ? " (built in)" : "")\n"
            for f in p.rule.controls.keys.sorted() {
                out += "controls:   \(f): \((p.rule.controls[f] ?? []).joined(separator: ", "))\n"
            }
            if let c = p.condition { out += "where:      \(c.source)\n" }
            out += "assert:     \(p.assertion.source)\n"
            if !p.params.isEmpty { out += "params:     \(Value.map(p.params).jsonText)\n" }
            out += "\n\(p.rule.description)\n\nRemediation:\n\(p.rule.remediation)\n"
            writeOut(out)
        default:
            throw ValidationError("unknown action \"\(action)\" (list or show)")
        }
    }
}

import Graph
