import Graph

/// Connects Kubernetes and Istio resources across all files of a run and computes the
/// effective values policies judge: namespace membership, selectors, DestinationRule hosts, and
/// the effective inbound mTLS mode of every workload and container port.
///
/// Run it once over the whole graph, after every file has been appended.
public struct KubernetesLinker: Sendable {
    /// The Istio root namespace (mesh-wide policies); nil reads it from the mesh ConfigMap
    /// (`istio`, `data.mesh.rootNamespace`) and falls back to `istio-system`.
    public var rootNamespace: String?

    /// A linker; `rootNamespace` overrides the mesh configuration's.
    public init(rootNamespace: String? = nil) { self.rootNamespace = rootNamespace }

    /// Adds edges and effective attributes to the Kubernetes resources of `graph`, and returns
    /// the problems found on the way (an unreadable mesh config).
    ///
    /// Edges: Namespace `contains` its objects; PeerAuthentication, Sidecar, Service and Gateway
    /// `selects` the workloads their selectors match; DestinationRule `selects` the Services its
    /// host names. Attributes: `mtls` on every `kubernetes/Workload`, `level`, `governs`,
    /// `decides` and `ambiguity` on PeerAuthentications, `mtlsMode` on legacy v1alpha1 policies,
    /// `workloads` on Services, `services`, `hostInMesh` and `serverModes` on DestinationRules
    /// and their `kubernetes/DestinationRuleTLS` blocks, `alb` and `albAnnotations` (the AWS Load
    /// Balancer Controller annotations in effect, merged over the Ingress group and the
    /// IngressClassParams) on Ingresses.
    public func link(_ graph: inout ResourceGraph) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let mesh = MeshConfig.find(in: graph, namespace: rootNamespace, diagnostics: &diagnostics)
        let root = rootNamespace ?? mesh.rootNamespace ?? "istio-system"
        if let index = mesh.index {
            graph.update(index) { $0.attributes["meshConfig"] = mesh.value }
        }
        var context = LinkContext(graph: graph, rootNamespace: root, enableAutoMtls: mesh.enableAutoMtls)
        context.linkNamespaces(&graph)
        context.linkSelectors(&graph)
        context.resolveMTLS(&graph)
        context.linkServices(&graph)
        context.linkDestinationRules(&graph)
        context.readLegacyPolicies(&graph)
        context.linkALBIngresses(&graph)
        return diagnostics
    }
}

/// Indexes of one graph the linking steps share.
struct LinkContext {
    var rootNamespace: String
    var enableAutoMtls: Bool
    /// Namespace name → index of its Namespace resource.
    var namespaces: [String: Int] = [:]
    /// Namespace resource index → its labels as strings.
    var namespaceLabelMaps: [Int: [String: String]] = [:]
    var workloads: [Int] = []
    /// Workload index → (namespace, pod labels).
    var workloadNamespace: [Int: String] = [:]
    var workloadLabels: [Int: [String: String]] = [:]
    /// Namespace → its workloads, in graph order.
    var workloadsByNamespace: [String: [Int]] = [:]

    /// Service index → the workloads its selector matches, filled by `linkServices`.
    var selectedByService: [Int: [Int]] = [:]
    /// Service index → its cluster-local name, filled by `linkServices`.
    var serviceFQDNs: [Int: String] = [:]
    /// Resource kind → indices of the resources of that kind, in graph order (linking adds no
    /// resources, so this stays true while the steps run).
    var byKind: [String: [Int]] = [:]

    init(graph: ResourceGraph, rootNamespace: String, enableAutoMtls: Bool) {
        self.rootNamespace = rootNamespace
        self.enableAutoMtls = enableAutoMtls
        for index in graph.resources.indices { byKind[graph.resources[index].kind, default: []].append(index) }
        for index in indices(ofKind: "kubernetes/Namespace") {
            if let name = graph.resources[index].attributes["name"]?.stringValue, namespaces[name] == nil {
                namespaces[name] = index
                namespaceLabelMaps[index] = KubernetesObject.stringMap(graph.resources[index].attributes["labels"])
            }
        }
        workloads = indices(ofKind: "kubernetes/Workload")
        for index in workloads {
            let resource = graph.resources[index]
            workloadNamespace[index] = resource.attributes["namespace"]?.stringValue ?? "default"
            workloadLabels[index] = KubernetesObject.stringMap(resource.attributes["labels"])
            workloadsByNamespace[workloadNamespace[index] ?? "default", default: []].append(index)
        }
    }

    /// The indices of the resources of `kind`, as `ResourceGraph.indices(ofKind:)` gives them.
    func indices(ofKind kind: String) -> [Int] { byKind[kind] ?? [] }

    /// Workloads in `namespace` (any namespace when nil) whose pod labels match `selector`.
    func workloads(in namespace: String?, matching selector: [String: String]) -> [Int] {
        let candidates = namespace.map { workloadsByNamespace[$0] ?? [] } ?? workloads
        return candidates.filter { index in selector.allSatisfy { workloadLabels[index]?[$0.key] == $0.value } }
    }

    func namespaceLabels(_ graph: ResourceGraph, _ namespace: String) -> [String: String]? {
        namespaces[namespace].map { KubernetesObject.stringMap(graph.resources[$0].attributes["labels"]) }
    }

    // MARK: namespaces

    mutating func linkNamespaces(_ graph: inout ResourceGraph) {
        guard !namespaces.isEmpty else { return }
        // Kinds are tested once each, not once per resource.
        var eligible = [Bool](repeating: false, count: graph.resources.count)
        for (kind, list) in byKind where (kind.hasPrefix("kubernetes/") || kind == "kubernetes") && kind != "kubernetes/Namespace" {
            for index in list { eligible[index] = true }
        }
        let candidates = graph.resources.indices.filter { eligible[$0] }
        // Looked up on every core; the edges follow in graph order. (The snapshot ends before the
        // edges are added, so adding them does not copy the graph's tables.)
        let owners: [Int?]
        do {
            let snapshot = graph
            let namespaces = self.namespaces
            owners = concurrentMap(candidates.count, chunks: 16, serialBelow: 256) { position in
                snapshot.resources[candidates[position]].attributes["namespace"]?.stringValue.flatMap { namespaces[$0] }
            }
        }
        var edges: [Edge] = []
        edges.reserveCapacity(candidates.count)
        for (index, owner) in zip(candidates, owners) {
            if let owner { edges.append(Edge(from: owner, to: index, kind: .contains, label: "namespace")) }
        }
        graph.add(contentsOf: edges)
    }

    // MARK: selectors of Sidecars and Gateways

    mutating func linkSelectors(_ graph: inout ResourceGraph) {
        for index in indices(ofKind: "kubernetes/Sidecar") {
            let resource = graph.resources[index]
            let labels = KubernetesObject.stringMap(resource.value(at: AttributePath(keys: "spec", "workloadSelector", "labels")))
            let ns = resource.attributes["namespace"]?.stringValue ?? "default"
            let selected = labels.isEmpty ? workloadsByNamespace[ns] ?? [] : workloads(in: ns, matching: labels)
            for target in selected { graph.add(Edge(from: index, to: target, kind: .selects, label: "workloadSelector")) }
        }
        for index in indices(ofKind: "kubernetes/Gateway") where graph.resources[index].attributes["apiGroup"] == "networking.istio.io" {
            let labels = KubernetesObject.stringMap(graph.resources[index].value(at: AttributePath(keys: "spec", "selector")))
            guard !labels.isEmpty else { continue }
            for target in workloads(in: nil, matching: labels) { graph.add(Edge(from: index, to: target, kind: .selects, label: "selector")) }
        }
    }

    // MARK: legacy v1alpha1 policies

    func readLegacyPolicies(_ graph: inout ResourceGraph) {
        for index in (indices(ofKind: "kubernetes/MeshPolicy") + indices(ofKind: "kubernetes/Policy")).sorted() {
            let resource = graph.resources[index]
            guard resource.attributes["apiGroup"] == "authentication.istio.io" else { continue }
            let peersPath = AttributePath(keys: "spec", "peers")
            var mode = "DISABLE"
            var location = resource.location(of: peersPath)
            if let peers = resource.value(at: peersPath)?.listValue {
                for (i, peer) in peers.enumerated() {
                    guard let members = peer.mapValue, members.keys.contains("mtls") else { continue }
                    let modePath = peersPath.appending(index: i).appending("mtls").appending("mode")
                    mode = resource.value(at: modePath).flatMap(KubernetesObject.text)?.uppercased() ?? "STRICT"
                    location = resource.location(of: modePath)
                    break
                }
            }
            let legacyMode = mode
            let hasTargets = !(resource.value(at: AttributePath(keys: "spec", "targets"))?.listValue ?? []).isEmpty
            let level = resource.kind == "kubernetes/MeshPolicy" ? "mesh" : (hasTargets ? "service" : "namespace")
            let legacyLocation = location
            graph.update(index) {
                $0.attributes["mtlsMode"] = .string(legacyMode)
                $0.locations[AttributePath(keys: "mtlsMode")] = legacyLocation
                $0.attributes["level"] = .string(level)
            }
        }
    }
}
