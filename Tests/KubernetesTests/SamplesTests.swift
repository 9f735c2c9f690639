import Findings
import Foundation
import Graph
import Kubernetes
import Pipeline
import TestSupport
import Testing

/// Findings of the Istio and Kubernetes policies on `samples/kubernetes`, as `policy path:line`.
func sampleFindings() throws -> [String] {
    let dir = Fixtures.packageRoot.appendingPathComponent("samples/kubernetes")
    var inputs: [ScanInput] = []
    var files: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() where name.hasSuffix(".yaml") {
        let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
        let path = "samples/kubernetes/\(name)"
        files[path] = text
        inputs.append(ScanInput(file: SourceFile(path: path, text: text)))
    }
    let scanner = Scanner(policies: meshPolicies, provider: InMemorySourceProvider(files), options: ScanOptions(today: "2026-01-01"))
    let evaluation = scanner.scan(inputs)
    #expect(evaluation.diagnostics.filter { $0.severity == .error }.isEmpty)
    for r in evaluation.results where r.status == .fail { print("SAMPLE", r.location, r.message) }
    return evaluation.results.filter { $0.status == .fail }.map { "\($0.ruleID) \($0.location.path):\($0.location.line)" }.sorted()
}

@Test func samplesShowTheGoodAndTheBad() throws {
    #expect(
        try sampleFindings() == [
            "aws-alb-ingress-ssl-policy-tls12 samples/kubernetes/edge.yaml:51",
            "istio-destination-rule-tls-not-disabled samples/kubernetes/shop.yaml:108",
            "istio-gateway-server-tls-configured samples/kubernetes/edge.yaml:24",
            "istio-peer-authentication-port-level-strict samples/kubernetes/shop.yaml:93",
            "istio-workload-port-mtls-strict samples/kubernetes/shop.yaml:93",
            "istio-workload-sidecar-injected samples/kubernetes/shop.yaml:123",
            "k8s-ingress-tls-configured samples/kubernetes/edge.yaml:70",
        ])
}
