import Foundation
import Graph
import TestSupport
import Testing

@testable import Kubernetes

/// The parse of a file as a comparable whole, or its error.
private func outcome(_ body: () throws(ParseError) -> ParsedFile) -> ([Resource], [LocalEdge], [Diagnostic])? {
    do {
        let parsed = try body()
        return (parsed.resources, parsed.edges, parsed.diagnostics)
    } catch {
        return nil
    }
}

/// Reading documents straight into values gives exactly what reading node trees gives.
private func expectSameBothWays(_ file: SourceFile, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let parser = KubernetesParser()
    let direct = outcome { () throws(ParseError) in try parser.parse(file) }
    let nodes = outcome { () throws(ParseError) in try parser.parseNodes(file) }
    #expect(direct?.0 == nodes?.0, "\(file.path)", sourceLocation: sourceLocation)
    #expect(direct?.1 == nodes?.1, "\(file.path)", sourceLocation: sourceLocation)
    #expect(direct?.2 == nodes?.2, "\(file.path)", sourceLocation: sourceLocation)
    #expect((direct == nil) == (nodes == nil), "\(file.path)", sourceLocation: sourceLocation)
}

@Test func fixturesSamplesAndTheBenchTreeParseTheSameBothWays() throws {
    var urls: [URL] = []
    for folder in [Fixtures.packageRoot.appendingPathComponent("Tests/Fixtures"), Fixtures.packageRoot.appendingPathComponent("samples")] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { continue }
        for case let url as URL in walker where url.pathExtension == "yaml" { urls.append(url) }
    }
    let bench = Fixtures.packageRoot.appendingPathComponent("bench/out/k8s-5000")
    let benchFiles = (try? FileManager.default.contentsOfDirectory(at: bench, includingPropertiesForKeys: nil)) ?? []
    urls += benchFiles.sorted { $0.path < $1.path }.prefix(400)
    for url in urls {
        expectSameBothWays(SourceFile(path: url.lastPathComponent, bytes: Array(try Data(contentsOf: url))))
    }
    #expect(urls.count > 5)
}

@Test(arguments: [
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels: {app: a, tier: web}\n  annotations: {x: \"1\"}\nspec:\n  containers:\n  - name: c\n    image: nginx\n    ports: [{containerPort: 80}]\n",
    "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: a}\n",
    "apiVersion: v1\nmetadata: {name: nokind}\n", "kind: Namespace\nmetadata: {name: n, labels: {istio-injection: enabled}}\n",
    "- not an object\n", "just text\n", "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: {name: s}\n",
    "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    metadata: {labels: {app: d}}\n    spec:\n      initContainers: [{name: i, restartPolicy: Always, ports: [{containerPort: 15000}]}]\n      containers: [{name: c}]\n",
    "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: g}\nspec:\n  selector: {istio: ingressgateway}\n  servers:\n  - port: {number: 443, name: https, protocol: HTTPS}\n    tls: {mode: SIMPLE}\n    hosts: [a.example.com]\n",
    "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: r}\nspec:\n  host: svc\n  trafficPolicy:\n    tls: {mode: ISTIO_MUTUAL}\n    portLevelSettings:\n    - port: {number: 80}\n      tls: {mode: DISABLE}\n  subsets:\n  - name: v1\n    trafficPolicy: {tls: {mode: SIMPLE}}\n",
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  name: y\n",
])
func inlineManifestsParseTheSameBothWays(_ text: String) {
    expectSameBothWays(SourceFile(path: "t.yaml", text: text))
}
