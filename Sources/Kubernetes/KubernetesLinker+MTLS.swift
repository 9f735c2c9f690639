import Graph

/// Istio's effective inbound mTLS mode for every workload and container port.
///
/// Resolution follows PeerAuthentication's rules: a workload-selector policy in the workload's
/// namespace over the namespace-wide policy over the mesh-wide one (root namespace, no
/// selector); `UNSET` (or no mode) inherits from the next level up; nothing at all means
/// PERMISSIVE. `portLevelMtls` of the deciding selector policy overrides per container port.
/// When several policies compete at one level, the first in input order wins (Istio picks the
/// oldest, which manifests do not show) and the competition is reported as an ambiguity.
extension LinkContext {
    /// One step of a workload's chain of policies.
    private struct Step {
        var level: String
        var policy: PeerAuthenticationPolicy
    }

    mutating func resolveMTLS(_ graph: inout ResourceGraph) {
        let policies: [PeerAuthenticationPolicy]
        do {
            let snapshot = graph
            let candidates = indices(ofKind: "kubernetes/PeerAuthentication")
            policies = concurrentMap(candidates.count) { PeerAuthenticationPolicy(snapshot.resources[candidates[$0]], index: candidates[$0]) }
                .compactMap { $0 }
        }
        let meshWide = policies.filter { $0.namespace == rootNamespace && $0.selector == nil }
        var governs: [Int: [String]] = [:]
        var decides: [Int: [String]] = [:]
        var selected: [Int: [Int]] = [:]
        var ambiguities: [Int: [(String, SourceLocation)]] = [:]

        // Reads the policy in place: a copy of the resource kept here would make the updates
        // below copy its attributes and locations.
        func note(_ policy: PeerAuthenticationPolicy, _ text: String, _ path: AttributePath) {
            let location = graph.resources[policy.index].location(of: path)
            ambiguities[policy.index, default: []].append((text, location))
        }

        // Competing policies at one level.
        if meshWide.count > 1 {
            let names = meshWide.map(\.id).joined(separator: ", ")
            for policy in meshWide {
                note(policy, "\(meshWide.count) mesh-wide PeerAuthentications in \(rootNamespace) (\(names)); Istio honours only the oldest, which the manifests do not show", AttributePath(keys: "metadata", "name"))
            }
        }
        let namespaceWide = Dictionary(grouping: policies.filter { $0.selector == nil && $0.namespace != rootNamespace }, by: \.namespace)
        for (ns, list) in namespaceWide where list.count > 1 {
            let names = list.map(\.id).joined(separator: ", ")
            for policy in list {
                note(policy, "\(list.count) namespace-wide PeerAuthentications in \(ns) (\(names)); Istio honours only the oldest, which the manifests do not show", AttributePath(keys: "metadata", "name"))
            }
        }
        for policy in policies {
            if policy.selector != nil && policy.namespace == rootNamespace {
                note(policy, "selector policy in the root namespace \(rootNamespace): it is not mesh-wide and applies only to matching workloads in \(rootNamespace)", AttributePath(keys: "spec", "selector"))
            }
            if policy.selector == nil && !policy.portModes.isEmpty {
                note(policy, "portLevelMtls without a workload selector is not honoured (Istio requires a selector)", AttributePath(keys: "spec", "portLevelMtls"))
            }
        }

        let selectorPolicies = Dictionary(grouping: policies.filter { $0.selector != nil }, by: \.namespace)
        var gatewayWorkloads = Set<Int>()
        for index in indices(ofKind: "kubernetes/Gateway") where graph.resources[index].attributes["apiGroup"] == "networking.istio.io" {
            gatewayWorkloads.formUnion(graph.targets(of: index, kind: .selects, resourceKind: "kubernetes/Workload"))
        }
        // Each workload's mode is computed on every core from the graph as it is; the updates and
        // the notes on the policies follow in workload order, so the result does not depend on
        // the scheduling.
        let shared = MTLSPolicies(
            meshWide: meshWide, namespaceWide: namespaceWide, selectorPolicies: selectorPolicies, gatewayWorkloads: gatewayWorkloads)
        let outcomes: [WorkloadMTLS]
        do {
            let context = self
            let snapshot = graph
            let indices = workloads
            outcomes = concurrentMap(indices.count) { context.workloadMTLS(snapshot, index: indices[$0], shared) }
        }
        for (index, outcome) in zip(workloads, outcomes) {
            for policy in outcome.matching { selected[policy.index, default: []].append(index) }
            if let text = outcome.ambiguity {
                for policy in outcome.matching { note(policy, text, AttributePath(keys: "spec", "selector")) }
            }
            for policy in outcome.governing { governs[policy, default: []].append(outcome.id) }
            if let decider = outcome.decider { decides[decider, default: []].append(outcome.id) }
        }
        graph.updateConcurrently(workloads) { position, workload in
            let outcome = outcomes[position]
            workload.locations.reserveCapacity(workload.locations.count + 13 + outcome.portLocations.count)
            workload.attributes["mtls"] = .map(outcome.mtls)
            workload.locations[LinkContext.mtlsPath] = outcome.modeLocation
            for path in LinkContext.mtlsModePaths { workload.locations[path] = outcome.modeLocation }
            for path in LinkContext.mtlsPlanePaths { workload.locations[path] = outcome.planeLocation }
            workload.locations[LinkContext.mtlsWeakPortsPath] = outcome.weakLocation ?? outcome.modeLocation
            if let weakLocation = outcome.weakLocation { workload.locations[LinkContext.mtlsWeakPortPath] = weakLocation }
            for (path, location) in outcome.portLocations { workload.locations[path] = location }
        }

        // Port-level entries that no selected workload exposes.
        for policy in policies where policy.selector != nil && !policy.portModes.isEmpty {
            let chosen = selected[policy.index] ?? []
            guard !chosen.isEmpty else { continue }
            let exposed = Set(chosen.flatMap { (graph.resources[$0].attributes["ports"]?.listValue ?? []).compactMap { $0["port"]?.intValue } })
            for entry in policy.portModes where !exposed.contains(entry.port) {
                let text = "portLevelMtls port \(entry.port) is not a container port of any selected workload (\(chosen.map { graph.resources[$0].attributes["owner"]?.stringValue ?? graph.resources[$0].id }.joined(separator: ", "))); portLevelMtls keys are container ports, not Service ports"
                ambiguities[policy.index, default: []].append((text, entry.keyLocation))
            }
        }

        for policy in policies {
            let level = policy.selector != nil ? "workload" : (policy.namespace == rootNamespace ? "mesh" : "namespace")
            var seenNotes = Set<String>()
            let notes = (ambiguities[policy.index] ?? []).filter { seenNotes.insert($0.0).inserted }
            let governed = governs[policy.index] ?? []
            let decided = decides[policy.index] ?? []
            for target in selected[policy.index] ?? [] {
                graph.add(Edge(from: policy.index, to: target, kind: .selects, label: "selector"))
            }
            graph.update(policy.index) { resource in
                resource.attributes["level"] = .string(level)
                resource.attributes["effectiveMode"] = .string(policy.mode)
                resource.locations[AttributePath(keys: "effectiveMode")] = policy.modeLocation
                resource.attributes["governs"] = .list(governed.map(Value.string))
                resource.attributes["decides"] = .list(decided.map(Value.string))
                resource.attributes["rootNamespace"] = .string(rootNamespace)
                resource.attributes["ambiguities"] = .list(notes.map { .string($0.0) })
                if let weak = policy.portModes.first(where: { $0.mode == "PERMISSIVE" || $0.mode == "DISABLE" }) {
                    resource.attributes["weakPortLevelMtls"] = .map(["port": .int(weak.port), "mode": .string(weak.mode)])
                    resource.locations[AttributePath(keys: "weakPortLevelMtls")] = weak.location
                }
                if let first = notes.first {
                    resource.attributes["ambiguity"] = .string(notes.map(\.0).joined(separator: "; "))
                    resource.locations[AttributePath(keys: "ambiguity")] = first.1
                    resource.locations[AttributePath(keys: "ambiguities")] = first.1
                }
            }
        }
    }

    /// The policies every workload's resolution looks at.
    private struct MTLSPolicies: Sendable {
        var meshWide: [PeerAuthenticationPolicy]
        var namespaceWide: [String: [PeerAuthenticationPolicy]]
        var selectorPolicies: [String: [PeerAuthenticationPolicy]]
        var gatewayWorkloads: Set<Int>
    }

    /// One workload's effective mTLS, and what it tells its policies.
    private struct WorkloadMTLS: Sendable {
        var id: String
        var mtls: [String: Value]
        var modeLocation: SourceLocation
        var planeLocation: SourceLocation
        var weakLocation: SourceLocation?
        var portLocations: [(AttributePath, SourceLocation)]
        /// The selector policies matching the workload, in input order.
        var matching: [PeerAuthenticationPolicy]
        /// The text of the ambiguity when several of them match.
        var ambiguity: String?
        /// Indices of the policies of the workload's chain, and of the one deciding its mode.
        var governing: [Int]
        var decider: Int?
    }

    /// The effective mTLS of the workload at `index`.
    private func workloadMTLS(_ graph: ResourceGraph, index: Int, _ shared: MTLSPolicies) -> WorkloadMTLS {
        let meshWide = shared.meshWide
        let namespaceWide = shared.namespaceWide
        let selectorPolicies = shared.selectorPolicies
        let gatewayWorkloads = shared.gatewayWorkloads
        let resource = graph.resources[index]
        let ns = workloadNamespace[index] ?? "default"
        let labels = workloadLabels[index] ?? [:]
        var steps: [Step] = []
        if let mesh = meshWide.first { steps.append(Step(level: "mesh", policy: mesh)) }
        if ns != rootNamespace, let nsPolicy = namespaceWide[ns]?.first { steps.append(Step(level: "namespace", policy: nsPolicy)) }
        let matching = (selectorPolicies[ns] ?? []).filter { $0.selects(labels) }
        var workloadAmbiguity: String?
        if let first = matching.first {
            steps.append(Step(level: "workload", policy: first))
            if matching.count > 1 {
                let text = "\(matching.count) selector PeerAuthentications match \(resource.attributes["owner"]?.stringValue ?? resource.id) (\(matching.map(\.id).joined(separator: ", "))); Istio applies the oldest, which the manifests do not show"
                workloadAmbiguity = text
            }
        }

        // Workload-level mode.
        var mode = "PERMISSIVE"
        var decider: Step?
        for step in steps where step.policy.mode != "UNSET" {
            mode = step.policy.mode
            decider = step
        }
        let decidedBy = decider?.policy.id ?? "mesh default"
        let modeLocation = decider?.policy.modeLocation ?? resource.location
        let chain = LinkContext.chainText(
            mode: mode, deciderIndex: steps.lastIndex { $0.policy.mode != "UNSET" }, steps: steps, root: rootNamespace, namespace: ns)

        // Ports.
        let portSelector = steps.last.flatMap { $0.level == "workload" ? $0.policy : nil }
        var portValues: [Value] = []
        var portLocations: [(AttributePath, SourceLocation)] = []
        var seenPorts = Set<Int64>()
        var weakPorts: [Value] = []
        var weakPort: (Value, SourceLocation)?
        var allStrict = mode == "STRICT"
        for (k, port) in (resource.attributes["ports"]?.listValue ?? []).enumerated() {
            guard let number = port["port"]?.intValue, seenPorts.insert(number).inserted else { continue }
            var portMode = mode
            var portDecidedBy = decidedBy
            var portLevel = decider?.level ?? "default"
            var location = modeLocation
            if let selector = portSelector, let entry = selector.portMode(number), entry.mode != "UNSET" {
                portMode = entry.mode
                portDecidedBy = "\(selector.id) portLevelMtls \(number)"
                portLevel = "port"
                location = entry.location
            }
            let entryLocation = resource.locations[AttributePath(keys: "ports").appending(index: k)] ?? resource.location
            let value: Value = .map([
                "port": .int(number), "name": port["name"] ?? .null, "container": port["container"] ?? .null,
                "mode": .string(portMode), "decidedBy": .string(portDecidedBy), "level": .string(portLevel),
            ])
            let path = AttributePath(keys: "mtls", "ports").appending(index: portValues.count)
            portLocations.append((path, entryLocation))
            portLocations.append((path.appending("mode"), portLevel == "default" ? entryLocation : location))
            portLocations.append((path.appending("decidedBy"), portLevel == "default" ? entryLocation : location))
            portValues.append(value)
            if portMode != "STRICT" {
                allStrict = false
                weakPorts.append(.int(number))
                if weakPort == nil {
                    weakPort = (value, portLevel == "default" ? entryLocation : location)
                }
            }
        }

        // Data plane.
        let annotations = KubernetesObject.stringMap(resource.attributes["annotations"])
        let plane = dataPlane(
            graph, resource: resource, labels: labels, annotations: annotations, namespace: ns,
            governedBelowMesh: steps.contains { $0.level != "mesh" })
        var mtls: [String: Value] = [
            "mode": .string(mode), "decidedBy": .string(decidedBy), "level": .string(decider?.level ?? "default"),
            "chain": .string(chain), "policies": .list(steps.map { .string($0.policy.id) }), "ports": .list(portValues),
            "weakPorts": .list(weakPorts), "strict": .bool(allStrict), "inMesh": .bool(plane.inMesh),
            "dataplane": .string(plane.dataplane), "rootNamespace": .string(rootNamespace),
            "autoMtls": .bool(enableAutoMtls),
        ]
        if let reason = plane.reason { mtls["dataplaneReason"] = .string(reason) }
        let infrastructure = LinkContext.meshInfrastructure(
            resource, labels: labels, annotations: annotations, selectedByGateway: gatewayWorkloads.contains(index))
        mtls["meshInfrastructure"] = .bool(infrastructure != nil)
        if let infrastructure { mtls["meshInfrastructureReason"] = .string(infrastructure) }
        if let workloadAmbiguity { mtls["ambiguity"] = .string(workloadAmbiguity) }
        if let weakPort { mtls["weakPort"] = weakPort.0 }
        return WorkloadMTLS(
            id: resource.id, mtls: mtls, modeLocation: modeLocation, planeLocation: plane.location ?? resource.location,
            weakLocation: weakPort?.1, portLocations: portLocations, matching: matching, ambiguity: workloadAmbiguity,
            governing: steps.map(\.policy.index), decider: decider?.policy.index)
    }

    static let mtlsPath = AttributePath(keys: "mtls")
    static let mtlsModePaths = ["mode", "decidedBy", "level", "chain", "policies", "strict", "ambiguity"].map { AttributePath(keys: "mtls", $0) }
    static let mtlsPlanePaths = ["inMesh", "dataplane", "dataplaneReason"].map { AttributePath(keys: "mtls", $0) }
    static let mtlsWeakPortsPath = AttributePath(keys: "mtls", "weakPorts")
    static let mtlsWeakPortPath = AttributePath(keys: "mtls", "weakPort")

    /// "PERMISSIVE: mesh default, no STRICT PeerAuthentication in istio-system or shop", or
    /// "STRICT: namespace-wide PeerAuthentication/shop/default; overrides mesh-wide … (PERMISSIVE)".
    private static func chainText(mode: String, deciderIndex: Int?, steps: [Step], root: String, namespace: String) -> String {
        func describe(_ step: Step) -> String {
            switch step.level {
            case "mesh": return "mesh-wide \(step.policy.id)"
            case "namespace": return "namespace-wide \(step.policy.id)"
            default: return "workload \(step.policy.id)"
            }
        }
        var parts: [String] = []
        if let deciderIndex {
            parts.append("\(mode): \(describe(steps[deciderIndex]))")
            for (i, step) in steps.enumerated() where i != deciderIndex {
                if step.policy.mode == "UNSET" {
                    parts.append("\(describe(step)) is UNSET and inherits")
                } else if i < deciderIndex {
                    parts.append("overrides \(describe(step)) (\(step.policy.mode))")
                }
            }
        } else {
            let places = namespace == root ? root : "\(root) or \(namespace)"
            parts.append("\(mode): mesh default, no STRICT PeerAuthentication in \(places)")
            for step in steps { parts.append("\(describe(step)) is UNSET and inherits") }
        }
        return parts.joined(separator: "; ")
    }

    private static let infrastructureApps: Set<String> = [
        "istiod", "istio-ingressgateway", "istio-egressgateway", "istio-eastwestgateway", "ztunnel", "istio-cni-node", "pilot",
    ]
    private static let infrastructureImages: Set<String> = ["proxyv2", "pilot", "ztunnel", "install-cni"]
    private static let infrastructureIstioLabels: Set<String> = ["ingressgateway", "egressgateway", "eastwestgateway", "pilot", "istiod"]

    /// Why a workload is part of Istio itself (istiod, gateways, ztunnel, the CNI agent), whose
    /// listeners PeerAuthentication does not govern and which run without a sidecar by design;
    /// nil for ordinary workloads.
    ///
    /// `labels` and `annotations` are the workload's, as `KubernetesObject.stringMap` reads them.
    static func meshInfrastructure(_ resource: Resource, labels: [String: String], annotations: [String: String], selectedByGateway: Bool)
        -> String?
    {
        if selectedByGateway { return "selected by an Istio Gateway" }
        if let templates = annotations["inject.istio.io/templates"], templates.contains("gateway") {
            return "annotation inject.istio.io/templates: \(templates)"
        }
        if let app = labels["app"], infrastructureApps.contains(app) { return "label app=\(app)" }
        if let istio = labels["istio"], infrastructureIstioLabels.contains(istio) {
            return "label istio=\(istio)"
        }
        for key in ["gateway.istio.io/managed", "istio.io/gateway-name", "gateway.networking.k8s.io/gateway-name"] where labels[key] != nil {
            return "label \(key)"
        }
        for container in resource.attributes["containers"]?.listValue ?? [] {
            guard let image = container["image"]?.stringValue else { continue }
            // The last non-empty `/` component (as `split(separator:).last`), without splitting.
            var rest = Substring(image)
            while rest.last == "/" { rest.removeLast() }
            let component = rest.lastIndex(of: "/").map { rest[rest.index(after: $0)...] } ?? rest
            let name = String(component.prefix { $0 != ":" && $0 != "@" })
            if LinkContext.infrastructureImages.contains(name) { return "runs the Istio image \(image)" }
        }
        return nil
    }

    /// Whether a workload has a data plane (sidecar or ambient), and why, following Istio's
    /// injection rules: a `disabled` label or annotation anywhere wins, then an enabling one
    /// (namespace `istio-injection=enabled` or `istio.io/rev`, pod `sidecar.istio.io/inject:
    /// "true"` or `istio.io/rev`), then ambient (`istio.io/dataplane-mode=ambient`). Host-network
    /// pods are never injected.
    private func dataPlane(
        _ graph: ResourceGraph, resource: Resource, labels: [String: String], annotations: [String: String], namespace: String,
        governedBelowMesh: Bool
    ) -> (inMesh: Bool, dataplane: String, reason: String?, location: SourceLocation?) {
        let plane = injection(
            graph, resource: resource, labels: labels, annotations: annotations, namespace: namespace, governedBelowMesh: governedBelowMesh)
        if plane.dataplane == "sidecar" && resource.attributes["hostNetwork"] == .bool(true) {
            return (false, "none", "hostNetwork pods get no sidecar", resource.location(of: AttributePath(keys: "hostNetwork")))
        }
        return plane
    }

    private func injection(
        _ graph: ResourceGraph, resource: Resource, labels: [String: String], annotations: [String: String], namespace: String,
        governedBelowMesh: Bool
    ) -> (inMesh: Bool, dataplane: String, reason: String?, location: SourceLocation?) {
        let nsIndex = namespaces[namespace]
        let nsLabels = nsIndex.map { namespaceLabelMaps[$0] ?? [:] }
        func nsLabelLocation(_ key: String) -> SourceLocation? { nsIndex.map { graph.resources[$0].location(of: AttributePath(keys: "labels", key)) } }
        let injectKey = "sidecar.istio.io/inject"
        let podInject: (value: String, place: String, path: AttributePath)? =
            labels[injectKey].map { ($0, "pod label", AttributePath(keys: "labels", injectKey)) }
            ?? annotations[injectKey].map { ($0, "pod annotation", AttributePath(keys: "annotations", injectKey)) }
        let nsInjection = nsLabels?["istio-injection"]
        let ambientNamespace = nsLabels?["istio.io/dataplane-mode"] == "ambient"
        let podDataplane = labels["istio.io/dataplane-mode"]
        let ambient = (ambientNamespace && podDataplane != "none") || podDataplane == "ambient"
        func ambientOr(_ reason: String, _ location: SourceLocation?) -> (Bool, String, String?, SourceLocation?) {
            if ambient {
                let where_ = podDataplane == "ambient" ? "pod label istio.io/dataplane-mode=ambient" : "namespace \(namespace) label istio.io/dataplane-mode=ambient"
                return (true, "ambient", "\(where_) (\(reason))", location)
            }
            return (false, "none", reason, location)
        }
        if nsInjection == "disabled" {
            return ambientOr("namespace \(namespace) label istio-injection=disabled", nsLabelLocation("istio-injection"))
        }
        if let podInject, podInject.value.lowercased() == "false" {
            return ambientOr("\(podInject.place) \(injectKey): \"false\"", resource.location(of: podInject.path))
        }
        if nsInjection == "enabled" {
            return (true, "sidecar", "namespace \(namespace) label istio-injection=enabled", nsLabelLocation("istio-injection"))
        }
        if let rev = nsLabels?["istio.io/rev"] {
            return (true, "sidecar", "namespace \(namespace) label istio.io/rev=\(rev)", nsLabelLocation("istio.io/rev"))
        }
        if let podInject, podInject.value.lowercased() == "true" {
            return (true, "sidecar", "\(podInject.place) \(injectKey): \"true\"", resource.location(of: podInject.path))
        }
        if let rev = labels["istio.io/rev"] {
            return (true, "sidecar", "pod label istio.io/rev=\(rev)", resource.location(of: AttributePath(keys: "labels", "istio.io/rev")))
        }
        if ambient { return ambientOr("no sidecar injection", nil) }
        if nsLabels == nil && governedBelowMesh {
            return (true, "assumed", "namespace \(namespace) is not in the scanned manifests; a PeerAuthentication there governs the workload", nil)
        }
        let why = nsLabels == nil ? "namespace \(namespace) is not in the scanned manifests and nothing enables injection" : "nothing enables sidecar injection or ambient mode"
        return (false, "unknown", why, nil)
    }
}
