import Findings
import Pipeline
import Testing

private let policies = BuiltinPolicies.load().policies

/// Every (policy, framework, control) triple the built-in policies declare, whatever policies exist.
private let mappings: [String] = policies.flatMap { p in
    p.rule.controls.keys.sorted().flatMap { f in (p.rule.controls[f] ?? []).map { "\(p.id) \(f) \($0)" } }
}

@Test(arguments: mappings)
func policyControlIsInTheCatalogue(_ mapping: String) throws {
    let parts = mapping.split(separator: " ", maxSplits: 2).map(String.init)
    try #require(parts.count == 3)
    let catalogue = ControlCatalogue.builtin
    #expect(catalogue.frameworks.contains { $0.id == parts[1] }, "\(parts[0]): unknown framework \"\(parts[1])\" (known: \(catalogue.frameworks.map(\.id)))")
    #expect(catalogue.control(parts[1], parts[2]) != nil, "\(parts[0]): \(parts[1]) control \"\(parts[2])\" is not in ControlCatalogue+Builtin.swift")
}

@Test func catalogueEntriesAreUniqueAndSourced() {
    let catalogue = ControlCatalogue.builtin
    var seen = Set<String>()
    for c in catalogue.controls {
        #expect(seen.insert("\(c.framework) \(c.id)").inserted, "\(c.framework) \(c.id) is listed twice")
        #expect(catalogue.frameworks.contains { $0.id == c.framework }, "\(c.id): unknown framework \(c.framework)")
        #expect(!c.title.isEmpty && c.source.contains("https://"), "\(c.framework) \(c.id) needs a title and a source URL")
    }
    for f in catalogue.frameworks {
        #expect(!catalogue.controls(of: f.id).isEmpty, "\(f.id) has no controls")
        #expect(catalogue.framework(f.option)?.id == f.id)
    }
}
