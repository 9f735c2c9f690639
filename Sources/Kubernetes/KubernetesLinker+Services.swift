import Graph

/// Services → workloads, DestinationRules → Services, and the server side of each
/// DestinationRule TLS block.
extension LinkContext {
    /// Service index → selected workload indices, filled by `linkServices`.
    func serviceWorkloads(_ graph: ResourceGraph, _ index: Int) -> [Int] {
        let resource = graph.resources[index]
        let selector = KubernetesObject.stringMap(resource.value(at: AttributePath(keys: "spec", "selector")))
        guard !selector.isEmpty else { return [] }
        return workloads(in: resource.attributes["namespace"]?.stringValue ?? "default", matching: selector)
    }

    mutating func linkServices(_ graph: inout ResourceGraph) {
        let services = indices(ofKind: "kubernetes/Service")
        // Computed on every core from the graph as it is, then applied in Service order.
        let outcomes: [(selected: [Int], fqdn: String, inMesh: Bool, ids: [Value])]
        do {
            let context = self
            let snapshot = graph
            outcomes = concurrentMap(services.count) { position in
                let index = services[position]
                let selected = context.serviceWorkloads(snapshot, index)
                let inMesh = selected.contains { snapshot.resources[$0].value(at: LinkContext.mtlsInMeshPath) == .bool(true) }
                return (selected, LinkContext.fqdn(snapshot.resources[index]), inMesh, selected.map { Value.string(snapshot.resources[$0].id) })
            }
        }
        var edges: [Edge] = []
        for (index, outcome) in zip(services, outcomes) {
            selectedByService[index] = outcome.selected
            serviceFQDNs[index] = outcome.fqdn
            for target in outcome.selected { edges.append(Edge(from: index, to: target, kind: .selects, label: "selector")) }
        }
        graph.add(contentsOf: edges)
        graph.updateConcurrently(services) { position, service in
            let outcome = outcomes[position]
            service.attributes["workloads"] = .list(outcome.ids)
            service.attributes["fqdn"] = .string(outcome.fqdn)
            service.attributes["inMesh"] = .bool(outcome.inMesh)
        }
    }

    static let mtlsInMeshPath = AttributePath(keys: "mtls", "inMesh")

    mutating func linkDestinationRules(_ graph: inout ResourceGraph) {
        let services = indices(ofKind: "kubernetes/Service").map { ($0, serviceFQDNs[$0] ?? LinkContext.fqdn(graph.resources[$0])) }
        let known = Set(namespaces.keys).union(services.map { LinkContext.secondLabel($0.1) })
        // Exact hosts (most) are looked up; only wildcards scan every Service.
        var servicesByFQDN: [String: [Int]] = [:]
        for (index, fqdn) in services { servicesByFQDN[fqdn, default: []].append(index) }
        let rules = indices(ofKind: "kubernetes/DestinationRule").filter { graph.resources[$0].attributes["apiGroup"] == "networking.istio.io" }
        // Each rule and TLS block is worked out on every core from the graph as it is; edges and
        // updates follow in graph order.
        var ruleHosts: [String: (host: ServiceHost, services: [Int])] = [:]
        var edges: [Edge] = []
        let ruleOutcomes: [(host: ServiceHost, matched: [Int], ids: [Value])]
        let tlsBlocks: [Int]
        let tlsOutcomes: [[(String, Value)]]
        do {
            let context = self
            let snapshot = graph
            let lookup = servicesByFQDN
            ruleOutcomes = concurrentMap(rules.count) { position in
                let resource = snapshot.resources[rules[position]]
                let ns = resource.attributes["namespace"]?.stringValue ?? "default"
                let raw = resource.value(at: AttributePath(keys: "spec", "host")).flatMap(KubernetesObject.text) ?? ""
                let host = ServiceHost(raw, namespace: ns, knownNamespaces: known)
                let matched = host.isExact ? lookup[host.pattern] ?? [] : services.filter { host.matches($0.1) }.map(\.0)
                return (host, matched, matched.map { Value.string(snapshot.resources[$0].id) })
            }
            for (index, outcome) in zip(rules, ruleOutcomes) {
                for target in outcome.matched { edges.append(Edge(from: index, to: target, kind: .selects, label: "host")) }
                ruleHosts[graph.resources[index].id] = (outcome.host, outcome.matched)
            }
            let hosts = ruleHosts
            let blocks = indices(ofKind: "kubernetes/DestinationRuleTLS").filter {
                graph.resources[$0].attributes["destinationRule"]?.stringValue.flatMap { hosts[$0] } != nil
            }
            tlsBlocks = blocks
            tlsOutcomes = concurrentMap(blocks.count) { context.serverModes(snapshot, block: blocks[$0], hosts: hosts) }
        }
        graph.add(contentsOf: edges)
        graph.updateConcurrently(rules) { position, rule in
            let (host, matched, ids) = ruleOutcomes[position]
            rule.attributes["services"] = .list(ids)
            rule.attributes["hostFQDN"] = .string(host.pattern)
            rule.attributes["hostInMesh"] = .bool(host.isClusterLocal || !matched.isEmpty)
            rule.locations[AttributePath(keys: "hostInMesh")] = rule.location(of: AttributePath(keys: "spec", "host"))
        }
        graph.updateConcurrently(tlsBlocks) { position, block in
            for (key, value) in tlsOutcomes[position] { block.attributes[key] = value }
        }
    }

    /// The attributes of the DestinationRule TLS block at `block`: the modes of the server
    /// sides it talks to (`serverModes`), the Services it reaches and the workloads among them
    /// without a data plane (`plaintextServers`).
    private func serverModes(_ graph: ResourceGraph, block index: Int, hosts: [String: (host: ServiceHost, services: [Int])]) -> [(String, Value)] {
        guard let rule = graph.resources[index].attributes["destinationRule"]?.stringValue, let (host, matched) = hosts[rule]
        else { return [] }
        let port = graph.resources[index].attributes["port"]?.intValue
        var modes = Set<String>()
        var plaintextServers: [String] = []
        for service in matched {
            let targetPorts = LinkContext.targetPorts(graph.resources[service], servicePort: port)
            for workload in selectedByService[service] ?? serviceWorkloads(graph, service) {
                let w = graph.resources[workload]
                guard w.value(at: LinkContext.mtlsInMeshPath) == .bool(true) else {
                    plaintextServers.append(w.attributes["owner"]?.stringValue ?? w.id)
                    continue
                }
                let portModes = w.value(at: AttributePath(keys: "mtls", "ports"))?.listValue ?? []
                let workloadMode = w.value(at: AttributePath(keys: "mtls", "mode"))?.stringValue ?? "PERMISSIVE"
                if let targetPorts {
                    for target in targetPorts {
                        let entry = portModes.first { $0["port"]?.intValue == target.number || (target.name != nil && $0["name"]?.stringValue == target.name) }
                        modes.insert(entry?["mode"]?.stringValue ?? workloadMode)
                    }
                } else {
                    modes.insert(workloadMode)
                    for entry in portModes { if let m = entry["mode"]?.stringValue { modes.insert(m) } }
                }
            }
        }
        return [
            ("hostInMesh", .bool(host.isClusterLocal || !matched.isEmpty)),
            ("hostFQDN", .string(host.pattern)),
            ("services", .list(matched.map { Value.string(graph.resources[$0].id) })),
            ("serverModes", .list(modes.sorted().map(Value.string))),
            ("plaintextServers", .list(plaintextServers.sorted().map(Value.string))),
        ]
    }

    /// The second non-empty `.`-separated part of a name (the namespace of a Service's
    /// cluster-local name), or "" (as `split(separator: ".").dropFirst().first`, without the
    /// array of parts).
    static func secondLabel(_ name: String) -> String {
        var seen = 0
        var start: String.Index?
        var i = name.startIndex
        while i < name.endIndex {
            if name[i] == "." {
                if let s = start {
                    seen += 1
                    if seen == 2 { return String(name[s..<i]) }
                    start = nil
                }
            } else if start == nil {
                start = i
            }
            i = name.index(after: i)
        }
        if let s = start, seen == 1 { return String(name[s...]) }
        return ""
    }

    /// The cluster-local name of a Service: `<name>.<namespace>.svc.cluster.local`.
    static func fqdn(_ service: Resource) -> String {
        "\(service.attributes["name"]?.stringValue ?? "").\(service.attributes["namespace"]?.stringValue ?? "default")\(ServiceHost.suffix)"
    }

    /// The container ports a Service port forwards to (`targetPort`, by number or name), or nil
    /// for every port when `servicePort` is nil.
    static func targetPorts(_ service: Resource, servicePort: Int64?) -> [(number: Int64?, name: String?)]? {
        guard let servicePort else { return nil }
        let ports = service.value(at: AttributePath(keys: "spec", "ports"))?.listValue ?? []
        guard let entry = ports.first(where: { $0["port"]?.intValue == servicePort }) else {
            return [(servicePort, nil)]
        }
        switch entry["targetPort"] {
        case .some(.int(let n)): return [(n, nil)]
        case .some(.string(let name)): return [(Int64(name), Int64(name) == nil ? name : nil)]
        default: return [(servicePort, nil)]
        }
    }
}
