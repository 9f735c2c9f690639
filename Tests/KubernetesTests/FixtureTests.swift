import Graph
import Kubernetes
import TestSupport
import Testing

@Test func helmRenderedOutputParsesAndLinks() throws {
    let file = try KubernetesParser().parse(try Fixtures.sourceFile("kubernetes/helm-rendered.yaml"))
    #expect(file.diagnostics.isEmpty)
    let objects = file.resources.filter { !$0.id.contains("#") }.map(\.id)
    #expect(
        objects == [
            "ServiceAccount/default/storefront", "Service/default/storefront", "Deployment/default/storefront",
            "PeerAuthentication/default/storefront", "ConfigMap/default/storefront-env", "Ingress/default/storefront",
        ])
    var graph = ResourceGraph(files: [file])
    _ = KubernetesLinker().link(&graph)
    let workload = try graph.resource("Deployment/default/storefront#workload")
    // Merge keys and aliases are resolved; an unquoted `false` annotation still opts out.
    #expect(workload.attributes["labels"]?["app.kubernetes.io/instance"] == "prod")
    #expect(workload.attributes["mtls"]?["dataplane"] == "none")
    #expect(workload.attributes["mtls"]?["ports"]?[0]?["mode"] == "PERMISSIVE")
    #expect(workload.locations[path("mtls.ports[0].mode")]?.line == 74)
    let service = try graph.resource("Service/default/storefront")
    #expect(service.attributes["workloads"] == ["Deployment/default/storefront#workload"])
    let ingress = try graph.resource("Ingress/default/storefront")
    #expect(ingress.attributes["annotations"] == .map([:]))
    #expect(ingress.location.line == 88)
}
