import TestSupport
import Foundation
import Graph
import Pipeline
import PolicyEngine
import Testing

private let loaded = BuiltinPolicies.load()

@Test func everyBuiltinPolicyLoads() {
    for error in loaded.errors { Issue.record("\(error)") }
    #expect(loaded.errors.isEmpty)
}

@Test(arguments: loaded.policies.map(\.id))
func builtinPolicyExamplesBehave(_ id: String) throws {
    let policy = try #require(loaded.policies.first { $0.id == id })
    let (failures, count) = PolicyExampleRunner().run(policy)
    for f in failures { Issue.record("\(f)") }
    #expect(count > 0)
}

@Test(arguments: loaded.policies.map(\.id))
func builtinPolicyIsComplete(_ id: String) throws {
    let policy = try #require(loaded.policies.first { $0.id == id })
    #expect(policy.rule.definedIn.hasSuffix("/\(id).yaml"), "id must equal the file name")
    #expect(policy.examples.contains { $0.expectation == .pass }, "needs a pass example")
    #expect(policy.examples.contains { $0.expectation == .fail }, "needs a fail example")
    #expect(policy.examples.filter { $0.expectation == .fail }.allSatisfy { !$0.markedLines.isEmpty }, "every fail example marks its line with ↓")
    #expect(!policy.rule.controls.isEmpty, "maps at least one control")
    #expect(policy.rule.definedIn.split(separator: "/").count == 3, "lives in policies/<domain>/")
}

/// What a scan compiles (`examples: false`) is every built-in policy as `cipherlint test` loads
/// it, only without the examples: the same rule, expressions, locate paths and parameters.
@Test func builtinPoliciesWithoutExamplesAreTheSamePolicies() {
    let lean = BuiltinPolicies.load(examples: false)
    #expect(lean.errors.isEmpty)
    #expect(lean.policies.map(\.id) == loaded.policies.map(\.id))
    for (a, b) in zip(lean.policies, loaded.policies) {
        #expect(a.examples.isEmpty, "\(a.id) kept examples")
        #expect(a.rule == b.rule, "\(a.id): rule differs")
        #expect(a.assertion.source == b.assertion.source && a.condition?.source == b.condition?.source, "\(a.id)")
        #expect(a.message.source == b.message.source && a.locate == b.locate && a.params == b.params, "\(a.id)")
        #expect(a.locateTemplates.map(\.source) == b.locateTemplates.map(\.source), "\(a.id)")
    }
}

@Test func examplesAreBlankedLineForLine() {
    let text = "id: x\nexamples:\n  pass:\n    - |\n      a: 1\n\n# note\n      b: 2\nmessage: m\n"
    let lean = String(decoding: BuiltinPolicies.withoutExamples(text), as: UTF8.self)
    #expect(lean == "id: x\n\n\n\n\n\n\n\nmessage: m\n")
    #expect(lean.split(separator: "\n", omittingEmptySubsequences: false).count == text.split(separator: "\n", omittingEmptySubsequences: false).count)
}

@Test func policyIDsAreUnique() {
    var seen: [String: String] = [:]
    for p in loaded.policies {
        for id in [p.id] + p.rule.aliases {
            if let other = seen[id] { Issue.record("\(id) is defined twice: \(other) and \(p.rule.definedIn)") }
            seen[id] = p.rule.definedIn
        }
    }
}

@Test func embeddedPoliciesMatchTheFilesOnDisk() throws {
    let root = Fixtures.packageRoot.appendingPathComponent("policies")
    var onDisk: [String] = []
    if let walker = FileManager.default.enumerator(atPath: root.path) {
        for case let p as String in walker where p.hasSuffix(".yaml") { onDisk.append("policies/" + p) }
    }
    #expect(BuiltinPolicies.files.map(\.path).sorted() == onDisk.sorted())
}
