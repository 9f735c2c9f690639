import Evidence
import Findings
import Graph
import Testing

@Test(arguments: [
    ("https://bot:ghp_secret@github.com/acme/infra.git", "https://github.com/acme/infra.git"),
    ("https://oauth2:glpat-x@gitlab.example.com:8443/g/r.git", "https://gitlab.example.com:8443/g/r.git"),
    ("https://github.com/acme/infra.git", "https://github.com/acme/infra.git"),
    ("https://github.com/acme/infra.git?access_token=abc", "https://github.com/acme/infra.git"),
    ("ssh://git@github.com/acme/infra.git", "ssh://github.com/acme/infra.git"),
    ("git@github.com:acme/infra.git", "git@github.com:acme/infra.git"),
    ("  https://u:p@h/x \n", "https://h/x"),
])
func remotesLoseTheirCredentials(_ given: String, _ expected: String) {
    #expect(RepositoryInfo.redact(given) == expected)
    #expect(RepositoryInfo(commit: "c", remote: given).remote == expected)
}

@Test func policyPackDigestIsTheSHA256OfItsSortedListing() {
    let pack = PolicyPack(
        version: "1", files: [PolicyPack.File(path: "policies/b.yaml", text: "b", builtin: true), PolicyPack.File(path: "policies/a.yaml", text: "a", builtin: true)])
    #expect(pack.files.map(\.path) == ["policies/a.yaml", "policies/b.yaml"])
    let listing = "\(SHA256.hex(Array("a".utf8)))  policies/a.yaml\n\(SHA256.hex(Array("b".utf8)))  policies/b.yaml\n"
    #expect(pack.digest == SHA256.hex(Array(listing.utf8)))
    let changed = PolicyPack(version: "1", files: [PolicyPack.File(path: "policies/a.yaml", text: "a ", builtin: true), pack.files[1]])
    #expect(changed.digest != pack.digest)
}

private func result(_ status: Result.Status, accepted: Bool = false) -> Result {
    Result(
        ruleID: "p", severity: .high, status: status, message: "", resourceID: "r", resourceKind: "k",
        location: Graph.SourceLocation(path: "f", line: 1), suppression: accepted ? Suppression(kind: .inline, reason: "ok") : nil)
}

@Test func controlStatusFollowsTheWorstResult() {
    #expect(ControlStatus.of([]) == .notTested)
    #expect(ControlStatus.of([result(.pass)]) == .operating)
    #expect(ControlStatus.of([result(.pass), result(.fail, accepted: true)]) == .exceptions)
    #expect(ControlStatus.of([result(.pass), result(.unknown)]) == .inconclusive)
    #expect(ControlStatus.of([result(.error), result(.fail, accepted: true)]) == .inconclusive)
    #expect(ControlStatus.of([result(.pass), result(.unknown), result(.fail)]) == .failing)
}

@Test func aPolicyWithoutResultsLeavesItsControlNotTested() throws {
    let soc2 = try #require(ControlCatalogue.builtin.framework("soc2"))
    let rule = Rule(id: "p", title: "t", severity: .low, description: "", remediation: "", controls: ["soc2": ["CC6.6"]], definedIn: "p.yaml", builtin: false)
    let a = FrameworkAssessment(Evaluation(results: [], rules: [rule]), framework: soc2, catalogue: .builtin)
    let c = try #require(a.controls.first { $0.control.id == "CC6.6" })
    #expect(c.status == .notTested)
    #expect(c.policies.map(\.id) == ["p"])
}
