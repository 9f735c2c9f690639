import Graph

/// The AWS Load Balancer Controller settings that apply to an Ingress, which can come from
/// other objects: Ingresses sharing an `alb.ingress.kubernetes.io/group.name` share listeners
/// (and so their SSL policy, certificates and redirect), and an `IngressClassParams` named by
/// the Ingress's class can set the SSL policy and the group for every Ingress of that class.
extension LinkContext {
    static let albPrefix = "alb.ingress.kubernetes.io/"

    func linkALBIngresses(_ graph: inout ResourceGraph) {
        let ingresses = indices(ofKind: "kubernetes/Ingress")
        guard !ingresses.isEmpty else { return }
        // IngressClass name → IngressClassParams settings.
        var classParams: [String: (sslPolicy: String?, group: String?, location: SourceLocation?)] = [:]
        let params = Dictionary(
            indices(ofKind: "kubernetes/IngressClassParams").compactMap { i -> (String, Int)? in
                graph.resources[i].attributes["name"]?.stringValue.map { ($0, i) }
            }, uniquingKeysWith: { a, _ in a })
        var albClasses: Set<String> = ["alb"]
        for index in indices(ofKind: "kubernetes/IngressClass") {
            let ingressClass = graph.resources[index]
            if ingressClass.value(at: AttributePath(keys: "spec", "controller"))?.stringValue == "ingress.k8s.aws/alb",
                let name = ingressClass.attributes["name"]?.stringValue
            {
                albClasses.insert(name)
            }
            guard let name = ingressClass.attributes["name"]?.stringValue,
                ingressClass.value(at: AttributePath(keys: "spec", "parameters", "kind"))?.stringValue == "IngressClassParams",
                let paramsName = ingressClass.value(at: AttributePath(keys: "spec", "parameters", "name"))?.stringValue,
                let paramsIndex = params[paramsName]
            else { continue }
            let p = graph.resources[paramsIndex]
            graph.add(Edge(from: index, to: paramsIndex, kind: .references, label: "spec.parameters"))
            classParams[name] = (
                p.value(at: AttributePath(keys: "spec", "sslPolicy"))?.stringValue,
                p.value(at: AttributePath(keys: "spec", "group", "name"))?.stringValue,
                p.location(of: AttributePath(keys: "spec", "sslPolicy"))
            )
        }
        func className(_ r: Resource) -> String? {
            r.value(at: AttributePath(keys: "spec", "ingressClassName"))?.stringValue
                ?? KubernetesObject.stringMap(r.attributes["annotations"])["kubernetes.io/ingress.class"]
        }
        func group(_ r: Resource) -> String? {
            let own = KubernetesObject.stringMap(r.attributes["annotations"])[LinkContext.albPrefix + "group.name"]
            return own ?? className(r).flatMap { classParams[$0]?.group }
        }
        var groups: [String: [Int]] = [:]
        for index in ingresses {
            if let g = group(graph.resources[index]) { groups[g, default: []].append(index) }
        }
        for index in ingresses {
            let resource = graph.resources[index]
            var merged: [String: Value] = [:]
            var locations: [AttributePath: SourceLocation] = [:]
            var sources: [Int] = [index]
            if let g = group(resource) { sources += (groups[g] ?? []).filter { $0 != index } }
            for source in sources {
                let other = graph.resources[source]
                for (key, value) in KubernetesObject.stringMap(other.attributes["annotations"]).sorted(by: { $0.key < $1.key })
                where key.hasPrefix(LinkContext.albPrefix) && merged[key] == nil {
                    merged[key] = .string(value)
                    locations[AttributePath(keys: "albAnnotations", key)] = other.location(of: AttributePath(keys: "annotations", key))
                }
            }
            let sslKey = LinkContext.albPrefix + "ssl-policy"
            if let name = className(resource), let p = classParams[name], let policy = p.sslPolicy {
                // IngressClassParams settings override the annotations of the Ingress.
                merged[sslKey] = .string(policy)
                locations[AttributePath(keys: "albAnnotations", sslKey)] = p.location
            }
            let isALB = !merged.isEmpty || (className(resource).map { albClasses.contains($0) || classParams[$0] != nil } ?? false)
            let finalMerged = merged
            let finalLocations = locations
            graph.update(index) {
                $0.attributes["albAnnotations"] = .map(finalMerged)
                $0.attributes["alb"] = .bool(isALB)
                $0.locations[AttributePath(keys: "albAnnotations")] = $0.location(of: AttributePath(keys: "annotations"))
                for (path, location) in finalLocations { $0.locations[path] = location }
            }
        }
    }
}
