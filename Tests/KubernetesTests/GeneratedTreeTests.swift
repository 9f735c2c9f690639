import Foundation
import Graph
import Findings
import Kubernetes
import Pipeline
import PolicyEngine
import TestSupport
import Testing

/// Runs `gen_k8s.py` (when python3 and the generator are present) and compares the effective
/// attributes with the planted categories of its expected.json.
struct GeneratedTree {
    var graph: ResourceGraph
    var expected: [String: Any]

    static func make(documents: Int, seed: Int) throws -> GeneratedTree? {
        let generator = Fixtures.shared.appendingPathComponent("bench/gen_k8s.py")
        let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let python, FileManager.default.fileExists(atPath: generator.path) else { return nil }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cipherlint-k8s-\(seed)-\(documents)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("tree")
        let expectedURL = dir.appendingPathComponent("expected.json")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [generator.path, String(documents), "--seed", String(seed), "-o", out.path, "--expected", expectedURL.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        var files: [ParsedFile] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() where name.hasSuffix(".yaml") {
            let bytes = Array(try Data(contentsOf: out.appendingPathComponent(name)))
            files.append(try KubernetesParser().parse(SourceFile(path: name, bytes: bytes)))
        }
        var graph = ResourceGraph(files: files)
        _ = KubernetesLinker().link(&graph)
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: expectedURL)) as? [String: Any] ?? [:]
        return GeneratedTree(graph: graph, expected: expected)
    }

    /// The keys planted for one category.
    func planted(_ category: String) -> Set<String> {
        let violations = expected["violations"] as? [String: Any] ?? [:]
        let list = violations[category] as? [[String: Any]] ?? []
        return Set(list.compactMap { $0["key"] as? String })
    }

    var workloads: [Resource] { graph.resources.filter { $0.kind == "kubernetes/Workload" } }
}

@Test(arguments: [(300, 1), (600, 7), (1000, 42)])
func effectiveModesReproduceThePlantedWorkloadCategories(_ documents: Int, _ seed: Int) throws {
    guard let tree = try GeneratedTree.make(documents: documents, seed: seed) else { return }
    var notStrict = Set<String>()
    var noSidecar = Set<String>()
    for workload in tree.workloads {
        let owner = workload.attributes["owner"]?.stringValue ?? workload.id
        let mtls = workload.attributes["mtls"]
        if mtls?["inMesh"] == .bool(false) && mtls?["dataplane"] == "none" {
            noSidecar.insert(owner)
        } else if mtls?["strict"] == .bool(false) {
            notStrict.insert(owner)
        }
    }
    #expect(!tree.planted("workload_not_strict").isEmpty && tree.workloads.count > 20)
    #expect(notStrict == tree.planted("workload_not_strict"))
    #expect(noSidecar == tree.planted("workload_no_sidecar"))
}

@Test(arguments: [(300, 1), (1000, 42)])
func peerAuthenticationAndDestinationRuleAttributesReproduceThePlantedCategories(_ documents: Int, _ seed: Int) throws {
    guard let tree = try GeneratedTree.make(documents: documents, seed: seed) else { return }
    let policies = tree.graph.resources.filter { $0.kind == "kubernetes/PeerAuthentication" }
    #expect(Set(policies.filter { $0.attributes["effectiveMode"] == "DISABLE" }.map(\.id)) == tree.planted("peer_auth_disable"))
    #expect(Set(policies.filter { $0.attributes["effectiveMode"] == "PERMISSIVE" }.map(\.id)) == tree.planted("peer_auth_permissive"))
    let weakPorts = policies.filter { policy in
        (policy.value(at: AttributePath(keys: "spec", "portLevelMtls"))?.mapValue ?? [:]).values.contains {
            $0["mode"] == "PERMISSIVE" || $0["mode"] == "DISABLE"
        }
    }
    #expect(Set(weakPorts.map(\.id)) == tree.planted("peer_auth_port_level_weak"))
    #expect(policies.allSatisfy { $0.attributes["ambiguity"] == nil })
    let disabled = tree.graph.resources.filter {
        $0.kind == "kubernetes/DestinationRuleTLS" && $0.attributes["effectiveMode"] == "DISABLE" && $0.attributes["hostInMesh"] == .bool(true)
    }
    #expect(Set(disabled.compactMap { $0.attributes["destinationRule"]?.stringValue }) == tree.planted("destination_rule_tls_disabled"))
}

/// The builtin Istio and Kubernetes policies.
let meshPolicies: [Policy] = BuiltinPolicies.load().policies.filter {
    $0.rule.definedIn.hasPrefix("policies/istio/") || $0.rule.definedIn.hasPrefix("policies/kubernetes/")
}

/// The planted object a finding is about: a workload's owner, a DestinationRule's TLS block's rule.
func plantedKey(_ resource: Resource) -> String {
    for key in ["owner", "destinationRule", "gatewayId"] {
        if let s = resource.attributes[key]?.stringValue, resource.kind != "kubernetes/Container" { return s }
    }
    return resource.id
}

@Test(arguments: [(300, 1), (1000, 42), (2000, 3)])
func policiesFindEveryPlantedViolationAndNothingElse(_ documents: Int, _ seed: Int) throws {
    guard let tree = try GeneratedTree.make(documents: documents, seed: seed) else { return }
    let results = Evaluator(policies: meshPolicies).evaluate(tree.graph)
    #expect(!results.contains { $0.status == .error }, "\(results.filter { $0.status == .error }.prefix(3).map(\.message))")
    let byID = Dictionary(tree.graph.resources.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var found: [String: Set<String>] = [:]
    for result in results where result.status == .fail {
        guard let resource = byID[result.resourceID] else { continue }
        found[result.ruleID, default: []].insert(plantedKey(resource))
    }
    let categories: [String: [String]] = [
        "peer_auth_disable": ["istio-peer-authentication-not-disabled"],
        "peer_auth_permissive": ["istio-peer-authentication-not-permissive"],
        "peer_auth_port_level_weak": ["istio-peer-authentication-port-level-strict"],
        "destination_rule_tls_disabled": ["istio-destination-rule-tls-not-disabled"],
        "workload_not_strict": ["istio-workload-mtls-strict", "istio-workload-port-mtls-strict"],
        "workload_no_sidecar": ["istio-workload-sidecar-injected"],
    ]
    var allPlanted = Set<String>()
    for (category, policies) in categories.sorted(by: { $0.key < $1.key }) {
        let planted = tree.planted(category)
        allPlanted.formUnion(planted)
        let got = policies.reduce(into: Set<String>()) { $0.formUnion(found[$1] ?? []) }
        #expect(got == planted, "\(category): missed \(planted.subtracting(got).sorted()), extra \(got.subtracting(planted).sorted())")
    }
    let everything = found.values.reduce(into: Set<String>()) { $0.formUnion($1) }
    let unplanted = everything.subtracting(allPlanted).sorted()
    let culprits = found.filter { !$0.value.isSubset(of: allPlanted) }.keys.sorted()
    #expect(unplanted.isEmpty, "findings on unplanted objects: \(unplanted) by \(culprits)")
}
