import CEL
import Findings
import Graph
import PolicyEngine
import Testing

private let valid = """
    id: test-policy
    title: Things are encrypted
    severity: high
    description: Why.
    remediation: How.
    controls: {soc2: [CC6.1]}
    applies-to: terraform/aws_kms_key
    where: "!has(resource.customer_master_key_spec) || resource.customer_master_key_spec == 'SYMMETRIC_DEFAULT'"
    assert: resource.enable_key_rotation == true
    message: "Key {{resource.id}} does not rotate"
    params: {max_days: 365}
    examples:
      pass:
        - |
          a
      fail:
        - |
          line one
          ↓line two
    """

private func load(_ text: String, path: String = "policies/aws/test-policy.yaml") throws(PolicyError) -> Policy {
    try PolicyLoader().load(SourceFile(path: path, text: text), builtin: true)
}

@Test func loadsAValidPolicy() throws {
    let policy = try load(valid)
    #expect(policy.id == "test-policy")
    #expect(policy.rule.severity == .high)
    #expect(policy.rule.controls == ["soc2": ["CC6.1"]])
    #expect(policy.params == ["max_days": 365])
    #expect(policy.examples.count == 2)
    #expect(policy.examples[1].markedLines == [2])
    #expect(policy.examples[1].text.hasPrefix("line one\nline two"))
    #expect(policy.assertedPaths == [AttributePath(keys: "enable_key_rotation")])
}

@Test(arguments: ["Test-policy", "test--policy", "test-policy-", "1test", "-test", "test_policy", "tést-policy", "test policy"])
func idsThatAreNotKebabCaseAreRejected(_ id: String) {
    let text = valid.replacingFirst("id: test-policy", with: "id: \"\(id)\"")
    do {
        _ = try load(text, path: "policies/aws/\(id).yaml")
        Issue.record("\(id) was accepted")
    } catch {
        #expect(error.message.contains("is not kebab-case"), "\(error)")
    }
}

@Test(arguments: ["a", "tls13-only", "aws-s3-sse-kms-2"])
func kebabCaseIDsAreAccepted(_ id: String) throws {
    let text = valid.replacingFirst("id: test-policy", with: "id: \(id)")
    #expect(try load(text, path: "policies/aws/\(id).yaml").id == id)
}

@Test(arguments: [
    ("severity: high", "severity: severe", "severity \"severe\" is not one of"),
    ("assert: resource.enable_key_rotation == true", "assert: resource.enable_key_rotation ==", "assert:"),
    ("controls: {soc2: [CC6.1]}", "controls: {sox: [1]}", "unknown framework \"sox\""),
    ("id: test-policy", "id: other-policy", "differs from the file name"),
    ("title: Things are encrypted", "titel: Things are encrypted", "unknown policy field \"titel\""),
])
func malformedPoliciesAreErrorsWithAPlace(_ original: String, _ replacement: String, _ expected: String) {
    let text = valid.replacingFirst(original, with: replacement)
    do {
        _ = try load(text)
        Issue.record("expected an error containing \(expected)")
    } catch {
        #expect(error.message.contains(expected), "\(error)")
        #expect(error.location.path == "policies/aws/test-policy.yaml")
        #expect(error.location.line >= 1)
    }
}

@Test func celErrorsPointIntoThePolicyFile() {
    let text = valid.replacingFirst("assert: resource.enable_key_rotation == true", with: "assert: resource.enable_key_rotation == (")
    do {
        _ = try load(text)
        Issue.record("expected an error")
    } catch {
        #expect(error.location.line == 9)
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}

import Foundation

@Test func graphFunctionsLeaveStringContainsAlone() throws {
    let program = try CELProgram(compiling: "'abc'.contains('b') && !'abc'.contains('z')", in: PolicyEnvironment.standard)
    guard case .value(.bool(true)) = program.evaluate(CELBindings()) else {
        Issue.record("string contains is shadowed")
        return
    }
}

@Test func examplesStripMarkersLineByLine() {
    let loc = Graph.SourceLocation(path: "p.yaml", line: 1)
    let e = PolicyExample(expectation: .fail, rawText: "a: 1\n  ↓b: 2\n\n\t↓c: ↓3\nd: é↓\n", location: loc, number: 1)
    #expect(e.text == "a: 1\n  b: 2\n\n\tc: ↓3\nd: é↓\n")
    #expect(e.markedLines == [2, 4])
    let plain = PolicyExample(expectation: .pass, rawText: "x: 1", location: loc, number: 1)
    #expect(plain.text == "x: 1" && plain.markedLines.isEmpty)
    let last = PolicyExample(expectation: .fail, rawText: "x: 1\n↓y: 2", location: loc, number: 2)
    #expect(last.text == "x: 1\ny: 2" && last.markedLines == [2])
}

@Test func locateEntriesWithHolesAreTemplates() throws {
    let text = valid.replacingOccurrences(
        of: "params: {max_days: 365}",
        with: "locate: ['items[{{resource.items.indexOf(\"bad\")}}]', enable_key_rotation]\nparams: {max_days: 365}")
    let policy = try load(text)
    #expect(policy.locate == [AttributePath(parsing: "enable_key_rotation")])
    #expect(policy.locateTemplates.map(\.source) == ["items[{{resource.items.indexOf(\"bad\")}}]"])
    let broken = valid.replacingOccurrences(of: "params: {max_days: 365}", with: "locate: ['items[{{resource.(}}]']\nparams: {max_days: 365}")
    #expect(throws: PolicyError.self) { try load(broken) }
}
