import Graph
import Kubernetes
import Testing

/// Parses documents joined with `---` (each string one file) and links them.
func linked(_ files: [String], root: String? = nil) throws -> ResourceGraph {
    var parsed: [ParsedFile] = []
    for (i, text) in files.enumerated() {
        parsed.append(try KubernetesParser().parse(SourceFile(path: "f\(i).yaml", text: text)))
    }
    var graph = ResourceGraph(files: parsed)
    _ = KubernetesLinker(rootNamespace: root).link(&graph)
    return graph
}

extension ResourceGraph {
    func resource(_ id: String) throws -> Resource {
        try #require(resources.first { $0.id == id }, "no \(id)")
    }
}

func namespace(_ name: String, labels: String = "istio-injection: enabled") -> String {
    "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: \(name)\n  labels: {\(labels)}\n"
}

func deployment(_ name: String, ns: String, labels: String? = nil, ports: [Int] = [8080], annotations: String = "{}") -> String {
    """
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: \(name), namespace: \(ns)}
    spec:
      template:
        metadata:
          labels: {\(labels ?? "app: \(name)")}
          annotations: \(annotations)
        spec:
          containers:
            - name: \(name)
              ports:
    \(ports.map { "            - containerPort: \($0)" }.joined(separator: "\n"))

    """
}

func peerAuthentication(_ name: String, ns: String, mode: String?, selector: String? = nil, ports: String? = nil) -> String {
    var text = "apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: \(name), namespace: \(ns)}\nspec:\n"
    if let selector { text += "  selector:\n    matchLabels: {\(selector)}\n" }
    if let mode { text += "  mtls:\n    mode: \(mode)\n" }
    if let ports { text += "  portLevelMtls:\n\(ports)\n" }
    if selector == nil && mode == nil && ports == nil { text += "  {}\n" }
    return text
}

func stream(_ docs: String...) -> String { docs.joined(separator: "---\n") }

/// The 1-based line of the `occurrence`-th line of `text` containing `needle`.
func line(of needle: String, in text: String, occurrence: Int = 1) -> Int {
    var seen = 0
    for (i, l) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where l.contains(needle) {
        seen += 1
        if seen == occurrence { return i + 1 }
    }
    return -1
}

func mtls(_ graph: ResourceGraph, _ workload: String) throws -> Value {
    try #require(graph.resource(workload).attributes["mtls"])
}

@Test func noPolicyAnywhereIsPermissiveByMeshDefault() throws {
    let g = try linked([stream(namespace("shop"), deployment("web", ns: "shop"))])
    let m = try mtls(g, "Deployment/shop/web#workload")
    #expect(m["mode"] == "PERMISSIVE")
    #expect(m["decidedBy"] == "mesh default")
    #expect(m["chain"] == "PERMISSIVE: mesh default, no STRICT PeerAuthentication in istio-system or shop")
    #expect(m["inMesh"] == true)
    #expect(m["strict"] == false)
    #expect(try g.resource("Deployment/shop/web#workload").locations[path("mtls.mode")]?.line == 9)
}

@Test func meshWideStrictApplies() throws {
    let meshFile = stream(namespace("istio-system", labels: ""), peerAuthentication("default", ns: "istio-system", mode: "STRICT"))
    let g = try linked([meshFile, stream(namespace("shop"), deployment("web", ns: "shop"))])
    let m = try mtls(g, "Deployment/shop/web#workload")
    #expect(m["mode"] == "STRICT")
    #expect(m["decidedBy"] == "PeerAuthentication/istio-system/default")
    #expect(m["strict"] == true)
    let location = try #require(g.resource("Deployment/shop/web#workload").locations[path("mtls.mode")])
    #expect(location.path == "f0.yaml" && location.line == line(of: "mode: STRICT", in: meshFile))
    let pa = try g.resource("PeerAuthentication/istio-system/default")
    #expect(pa.attributes["level"] == "mesh")
    #expect(pa.attributes["governs"] == ["Deployment/shop/web#workload"])
}

@Test func namespaceOverridesMeshAndWorkloadOverridesNamespace() throws {
    let g = try linked([
        stream(
            peerAuthentication("default", ns: "istio-system", mode: "STRICT"),
            namespace("shop"),
            peerAuthentication("default", ns: "shop", mode: "PERMISSIVE"),
            peerAuthentication("web-strict", ns: "shop", mode: "STRICT", selector: "app: web"),
            deployment("web", ns: "shop"), deployment("api", ns: "shop"))
    ])
    let web = try mtls(g, "Deployment/shop/web#workload")
    #expect(web["mode"] == "STRICT")
    #expect(web["decidedBy"] == "PeerAuthentication/shop/web-strict")
    #expect(web["level"] == "workload")
    let api = try mtls(g, "Deployment/shop/api#workload")
    #expect(api["mode"] == "PERMISSIVE")
    #expect(api["decidedBy"] == "PeerAuthentication/shop/default")
    #expect(api["chain"] == "PERMISSIVE: namespace-wide PeerAuthentication/shop/default; overrides mesh-wide PeerAuthentication/istio-system/default (STRICT)")
    #expect(try g.resource("PeerAuthentication/shop/web-strict").attributes["decides"] == ["Deployment/shop/web#workload"])
}

@Test func unsetInheritsFromTheNextLevel() throws {
    let g = try linked([
        stream(
            peerAuthentication("default", ns: "istio-system", mode: "STRICT"),
            namespace("shop"),
            peerAuthentication("default", ns: "shop", mode: "UNSET"),
            peerAuthentication("web", ns: "shop", mode: nil, selector: "app: web"),
            deployment("web", ns: "shop"))
    ])
    let m = try mtls(g, "Deployment/shop/web#workload")
    #expect(m["mode"] == "STRICT")
    #expect(m["decidedBy"] == "PeerAuthentication/istio-system/default")
    #expect(m["policies"]?.listValue?.count == 3)
}

@Test func allUnsetFallsBackToPermissive() throws {
    let g = try linked([stream(namespace("shop"), peerAuthentication("default", ns: "shop", mode: "UNSET"), deployment("web", ns: "shop"))])
    let m = try mtls(g, "Deployment/shop/web#workload")
    #expect(m["mode"] == "PERMISSIVE")
    #expect(m["chain"] == "PERMISSIVE: mesh default, no STRICT PeerAuthentication in istio-system or shop; namespace-wide PeerAuthentication/shop/default is UNSET and inherits")
}

@Test func portLevelMtlsOverridesPerContainerPort() throws {
    let ports = "    9102:\n      mode: DISABLE\n    8080:\n      mode: UNSET"
    let text = stream(
        namespace("shop"),
        peerAuthentication("web", ns: "shop", mode: "STRICT", selector: "app: web", ports: ports),
        deployment("web", ns: "shop", ports: [8080, 9102]))
    let g = try linked([text])
    let m = try mtls(g, "Deployment/shop/web#workload")
    #expect(m["mode"] == "STRICT")
    #expect(m["strict"] == false)
    #expect(m["weakPorts"] == [9102])
    let list = try #require(m["ports"]?.listValue)
    #expect(list.map { $0["mode"] } == ["STRICT", "DISABLE"])
    #expect(list[1]["decidedBy"] == "PeerAuthentication/shop/web portLevelMtls 9102")
    #expect(list[1]["level"] == "port")
    let w = try g.resource("Deployment/shop/web#workload")
    #expect(w.locations[path("mtls.ports[1].mode")]?.line == line(of: "mode: DISABLE", in: text))
    #expect(w.locations[path("mtls.weakPort")]?.line == line(of: "mode: DISABLE", in: text))
    #expect(w.locations[path("mtls.ports[0].mode")]?.line == line(of: "mode: STRICT", in: text))
    #expect(try g.resource("PeerAuthentication/shop/web").attributes["ambiguity"] == nil)
}

@Test func portLevelMtlsOfANamespacePolicyIsIgnoredAndAmbiguous() throws {
    let text = stream(
        namespace("shop"),
        peerAuthentication("default", ns: "shop", mode: "STRICT", ports: "    8080:\n      mode: DISABLE"),
        deployment("web", ns: "shop"))
    let g = try linked([text])
    #expect(try mtls(g, "Deployment/shop/web#workload")["ports"]?[0]?["mode"] == "STRICT")
    let pa = try g.resource("PeerAuthentication/shop/default")
    #expect(pa.attributes["ambiguity"]?.stringValue?.contains("without a workload selector") == true)
    #expect(pa.locations[path("ambiguity")]?.line == line(of: "portLevelMtls:", in: text))
}

@Test func portLevelPortsNoSelectedWorkloadExposesAreAmbiguous() throws {
    let text = stream(
        namespace("shop"),
        peerAuthentication("web", ns: "shop", mode: "STRICT", selector: "app: web", ports: "    80:\n      mode: DISABLE"),
        peerAuthentication("none", ns: "shop", mode: "STRICT", selector: "app: nothing", ports: "    80:\n      mode: DISABLE"),
        deployment("web", ns: "shop"))
    let g = try linked([text])
    let pa = try g.resource("PeerAuthentication/shop/web")
    #expect(pa.attributes["ambiguity"]?.stringValue?.contains("port 80 is not a container port") == true)
    #expect(pa.locations[path("ambiguity")]?.line == line(of: "    80:", in: text))
    // A selector that matches nothing in the scan may match workloads elsewhere: no claim.
    #expect(try g.resource("PeerAuthentication/shop/none").attributes["ambiguity"] == nil)
}

@Test func twoNamespaceWidePoliciesAreAmbiguous() throws {
    let g = try linked([
        stream(
            namespace("shop"), peerAuthentication("a", ns: "shop", mode: "STRICT"), peerAuthentication("b", ns: "shop", mode: "PERMISSIVE"),
            deployment("web", ns: "shop"))
    ])
    for id in ["PeerAuthentication/shop/a", "PeerAuthentication/shop/b"] {
        #expect(try g.resource(id).attributes["ambiguity"]?.stringValue?.contains("2 namespace-wide PeerAuthentications in shop") == true)
    }
    #expect(try mtls(g, "Deployment/shop/web#workload")["decidedBy"] == "PeerAuthentication/shop/a")
}

@Test func twoMeshWidePoliciesAndRootSelectorsAreAmbiguous() throws {
    let text = stream(
        peerAuthentication("default", ns: "istio-system", mode: "STRICT"),
        peerAuthentication("other", ns: "istio-system", mode: "PERMISSIVE"),
        peerAuthentication("gw", ns: "istio-system", mode: "PERMISSIVE", selector: "app: gw"))
    let g = try linked([text])
    #expect(try g.resource("PeerAuthentication/istio-system/other").attributes["ambiguity"]?.stringValue?.contains("2 mesh-wide") == true)
    let gw = try g.resource("PeerAuthentication/istio-system/gw")
    #expect(gw.attributes["ambiguity"]?.stringValue?.contains("selector policy in the root namespace") == true)
    #expect(gw.locations[path("ambiguity")]?.line == line(of: "selector:", in: text))
}

@Test func rootNamespaceComesFromTheMeshConfigOrTheLinker() throws {
    let meshConfig = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: istio, namespace: mesh-root}
        data:
          mesh: |-
            rootNamespace: mesh-root
            enableAutoMtls: false

        """
    let docs = stream(meshConfig, peerAuthentication("default", ns: "mesh-root", mode: "STRICT"), namespace("shop"), deployment("web", ns: "shop"))
    let g = try linked([docs])
    #expect(try mtls(g, "Deployment/shop/web#workload")["mode"] == "STRICT")
    #expect(try mtls(g, "Deployment/shop/web#workload")["autoMtls"] == false)
    #expect(try g.resource("ConfigMap/mesh-root/istio").attributes["meshConfig"]?["rootNamespace"] == "mesh-root")
    let other = try linked([docs], root: "istio-system")
    #expect(try mtls(other, "Deployment/shop/web#workload")["mode"] == "PERMISSIVE")
}

@Test(arguments: [
    ("istio-injection: disabled", "{}", "", false, "none"),
    ("istio-injection: enabled", "{sidecar.istio.io/inject: \"false\"}", "", false, "none"),
    ("istio-injection: disabled", "{sidecar.istio.io/inject: \"true\"}", "", false, "none"),
    ("istio.io/rev: canary", "{}", "", true, "sidecar"),
    ("team: a", "{sidecar.istio.io/inject: \"true\"}", "", true, "sidecar"),
    ("team: a", "{}", "", false, "unknown"),
    ("istio.io/dataplane-mode: ambient", "{}", "", true, "ambient"),
    ("istio.io/dataplane-mode: ambient", "{}", ", istio.io/dataplane-mode: none", false, "unknown"),
    ("team: a", "{}", ", sidecar.istio.io/inject: \"true\"", true, "sidecar"),
])
func dataPlaneFollowsInjectionRules(_ nsLabels: String, _ annotations: String, _ extraLabels: String, _ inMesh: Bool, _ plane: String) throws {
    let g = try linked([stream(namespace("shop", labels: nsLabels), deployment("web", ns: "shop", labels: "app: web" + extraLabels, annotations: annotations))])
    let m = try mtls(g, "Deployment/shop/web#workload")
    #expect(m["inMesh"] == .bool(inMesh))
    #expect(m["dataplane"] == .string(plane))
}

@Test func outOfMeshLocationIsTheCause() throws {
    let g = try linked([stream(namespace("shop"), deployment("web", ns: "shop", annotations: "\n        sidecar.istio.io/inject: \"false\""))])
    let w = try g.resource("Deployment/shop/web#workload")
    #expect(w.attributes["mtls"]?["dataplaneReason"] == "pod annotation sidecar.istio.io/inject: \"false\"")
    #expect(w.locations[path("mtls.inMesh")]?.line == 15)
}

@Test func edgesConnectNamespacesSelectorsAndHosts() throws {
    let service = "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n"
    let rule = { (name: String, host: String) in
        "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: \(name), namespace: shop}\nspec:\n  host: \(host)\n  trafficPolicy:\n    portLevelSettings:\n      - port: {number: 80}\n        tls: {mode: ISTIO_MUTUAL}\n"
    }
    let g = try linked([
        stream(
            namespace("shop"), deployment("web", ns: "shop"), service, peerAuthentication("default", ns: "shop", mode: "DISABLE"),
            rule("short", "web"), rule("dotted", "web.shop"), rule("fqdn", "web.shop.svc.cluster.local"), rule("wild", "\"*.shop.svc.cluster.local\""),
            rule("external", "api.example.com"))
    ])
    let index = { (id: String) in g.resources.firstIndex { $0.id == id } ?? -1 }
    let workload = index("Deployment/shop/web#workload")
    #expect(g.sources(of: workload, kind: .selects, resourceKind: "kubernetes/Service") == [index("Service/shop/web")])
    #expect(g.sources(of: workload, kind: .contains, resourceKind: "kubernetes/Namespace") == [index("Namespace/shop")])
    for name in ["short", "dotted", "fqdn", "wild"] {
        let dr = try g.resource("DestinationRule/shop/\(name)")
        #expect(dr.attributes["services"] == ["Service/shop/web"], "\(name)")
        #expect(dr.attributes["hostInMesh"] == true)
        let tls = try g.resource("DestinationRule/shop/\(name)#spec.trafficPolicy.portLevelSettings[0].tls")
        #expect(tls.attributes["serverModes"] == ["DISABLE"])
    }
    let external = try g.resource("DestinationRule/shop/external")
    #expect(external.attributes["services"] == [])
    #expect(external.attributes["hostInMesh"] == false)
}

@Test func legacyPoliciesExposeTheirPeerMode() throws {
    let g = try linked([
        """
        apiVersion: authentication.istio.io/v1alpha1
        kind: MeshPolicy
        metadata: {name: default}
        spec:
          peers:
            - mtls:
                mode: PERMISSIVE
        ---
        apiVersion: authentication.istio.io/v1alpha1
        kind: Policy
        metadata: {name: default, namespace: shop}
        spec:
          peers:
            - mtls: {}
        ---
        apiVersion: authentication.istio.io/v1alpha1
        kind: Policy
        metadata: {name: none, namespace: shop}
        spec:
          targets: [{name: web}]
        """
    ])
    let mesh = try g.resource("MeshPolicy/default")
    #expect(mesh.attributes["mtlsMode"] == "PERMISSIVE")
    #expect(mesh.locations[path("mtlsMode")]?.line == 7)
    #expect(try g.resource("Policy/shop/default").attributes["mtlsMode"] == "STRICT")
    #expect(try g.resource("Policy/shop/none").attributes["mtlsMode"] == "DISABLE")
    #expect(try g.resource("Policy/shop/none").attributes["level"] == "service")
}

@Test func istioInfrastructureIsRecognised() throws {
    let gateway = """
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: gw, namespace: edge}
        spec:
          selector: {istio: custom-gw}
          servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]

        """
    let g = try linked([
        stream(
            namespace("istio-system", labels: "team: platform"),
            deployment("istiod", ns: "istio-system", annotations: "{sidecar.istio.io/inject: \"false\"}"),
            namespace("edge"),
            deployment("custom", ns: "edge", labels: "istio: custom-gw", annotations: "{sidecar.istio.io/inject: \"false\"}"),
            gateway,
            deployment("web", ns: "edge"))
    ])
    #expect(try mtls(g, "Deployment/istio-system/istiod#workload")["meshInfrastructure"] == true)
    #expect(try mtls(g, "Deployment/edge/custom#workload")["meshInfrastructureReason"] == "selected by an Istio Gateway")
    #expect(try mtls(g, "Deployment/edge/web#workload")["meshInfrastructure"] == false)
}
