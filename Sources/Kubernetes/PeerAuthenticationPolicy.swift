import Graph

/// The parts of a PeerAuthentication the effective-mode resolution needs.
struct PeerAuthenticationPolicy {
    /// Index of the PeerAuthentication in the graph.
    var index: Int
    var id: String
    var namespace: String
    /// `spec.selector.matchLabels`; nil when absent or empty (namespace- or mesh-wide).
    var selector: [String: String]?
    /// `STRICT`, `PERMISSIVE`, `DISABLE` or `UNSET` (also for a missing mode).
    var mode: String
    /// The `mode:` line, or the nearest enclosing place.
    var modeLocation: SourceLocation
    /// `portLevelMtls`, by port number, in the order written.
    var portModes: [PortMode]

    /// One `portLevelMtls` entry.
    struct PortMode {
        var port: Int64
        var mode: String
        var location: SourceLocation
        var keyLocation: SourceLocation
    }

    init?(_ resource: Resource, index: Int) {
        guard resource.kind == "kubernetes/PeerAuthentication", resource.attributes["apiGroup"] == "security.istio.io" else {
            return nil
        }
        self.index = index
        self.id = resource.id
        self.namespace = resource.attributes["namespace"]?.stringValue ?? "default"
        let selectorPath = AttributePath(keys: "spec", "selector", "matchLabels")
        let labels = KubernetesObject.stringMap(resource.value(at: selectorPath))
        self.selector = labels.isEmpty ? nil : labels
        let modePath = AttributePath(keys: "spec", "mtls", "mode")
        self.mode = resource.value(at: modePath).flatMap(KubernetesObject.text)?.uppercased() ?? "UNSET"
        self.modeLocation = resource.location(of: modePath)
        var ports: [PortMode] = []
        let portsPath = AttributePath(keys: "spec", "portLevelMtls")
        if let members = resource.value(at: portsPath)?.mapValue {
            for key in members.keys.sorted(by: { (Int($0) ?? Int.max, $0) < (Int($1) ?? Int.max, $1) }) {
                guard let port = Int64(key) else { continue }
                let entryPath = portsPath.appending(key)
                let mode = members[key]?["mode"].flatMap(KubernetesObject.text)?.uppercased() ?? "UNSET"
                ports.append(
                    PortMode(
                        port: port, mode: mode, location: resource.location(of: entryPath.appending("mode")),
                        keyLocation: resource.location(of: entryPath)))
            }
        }
        self.portModes = ports
    }

    /// True when the selector matches all of its labels in `labels`.
    func selects(_ labels: [String: String]) -> Bool {
        guard let selector else { return false }
        return selector.allSatisfy { labels[$0.key] == $0.value }
    }

    /// The mode for a port, when this policy has a `portLevelMtls` entry for it.
    func portMode(_ port: Int64) -> PortMode? { portModes.first { $0.port == port } }
}
