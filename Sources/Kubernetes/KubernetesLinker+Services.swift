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
        for index in indices(ofKind: "kubernetes/Service") {
            let selected = serviceWorkloads(graph, index)
            selectedByService[index] = selected
            for target in selected { graph.add(Edge(from: index, to: target, kind: .selects, label: "selector")) }
            // Read in place: a copy kept until the update would make it copy the attributes.
            let fqdn = LinkContext.fqdn(graph.resources[index])
            serviceFQDNs[index] = fqdn
            let inMesh = selected.contains { graph.resources[$0].value(at: AttributePath(keys: "mtls", "inMesh")) == .bool(true) }
            let ids = selected.map { Value.string(graph.resources[$0].id) }
            graph.update(index) {
                $0.attributes["workloads"] = .list(ids)
                $0.attributes["fqdn"] = .string(fqdn)
                $0.attributes["inMesh"] = .bool(inMesh)
            }
        }
    }

    mutating func linkDestinationRules(_ graph: inout ResourceGraph) {
        let services = indices(ofKind: "kubernetes/Service").map { ($0, serviceFQDNs[$0] ?? LinkContext.fqdn(graph.resources[$0])) }
        let known = Set(namespaces.keys).union(services.map { LinkContext.secondLabel($0.1) })
        // Exact hosts (most) are looked up; only wildcards scan every Service.
        var servicesByFQDN: [String: [Int]] = [:]
        for (index, fqdn) in services { servicesByFQDN[fqdn, default: []].append(index) }
        var ruleHosts: [String: (host: ServiceHost, services: [Int])] = [:]
        for index in indices(ofKind: "kubernetes/DestinationRule") where graph.resources[index].attributes["apiGroup"] == "networking.istio.io" {
            // Read in place: a copy kept until the update would make it copy the attributes.
            let ns = graph.resources[index].attributes["namespace"]?.stringValue ?? "default"
            let raw = graph.resources[index].value(at: AttributePath(keys: "spec", "host")).flatMap(KubernetesObject.text) ?? ""
            let host = ServiceHost(raw, namespace: ns, knownNamespaces: known)
            let matched = host.isExact ? servicesByFQDN[host.pattern] ?? [] : services.filter { host.matches($0.1) }.map(\.0)
            for target in matched { graph.add(Edge(from: index, to: target, kind: .selects, label: "host")) }
            ruleHosts[graph.resources[index].id] = (host, matched)
            let ids = matched.map { Value.string(graph.resources[$0].id) }
            graph.update(index) {
                $0.attributes["services"] = .list(ids)
                $0.attributes["hostFQDN"] = .string(host.pattern)
                $0.attributes["hostInMesh"] = .bool(host.isClusterLocal || !matched.isEmpty)
                $0.locations[AttributePath(keys: "hostInMesh")] = $0.location(of: AttributePath(keys: "spec", "host"))
            }
        }
        for index in indices(ofKind: "kubernetes/DestinationRuleTLS") {
            guard let rule = graph.resources[index].attributes["destinationRule"]?.stringValue, let (host, matched) = ruleHosts[rule]
            else { continue }
            let port = graph.resources[index].attributes["port"]?.intValue
            var modes = Set<String>()
            var plaintextServers: [String] = []
            for service in matched {
                let targetPorts = LinkContext.targetPorts(graph.resources[service], servicePort: port)
                for workload in selectedByService[service] ?? serviceWorkloads(graph, service) {
                    let w = graph.resources[workload]
                    guard w.value(at: AttributePath(keys: "mtls", "inMesh")) == .bool(true) else {
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
            let serverModes = modes.sorted().map(Value.string)
            let plain = plaintextServers.sorted().map(Value.string)
            let services = matched.map { Value.string(graph.resources[$0].id) }
            graph.update(index) {
                $0.attributes["hostInMesh"] = .bool(host.isClusterLocal || !matched.isEmpty)
                $0.attributes["hostFQDN"] = .string(host.pattern)
                $0.attributes["services"] = .list(services)
                $0.attributes["serverModes"] = .list(serverModes)
                $0.attributes["plaintextServers"] = .list(plain)
            }
        }
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
