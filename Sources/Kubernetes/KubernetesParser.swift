import Graph
import YAML

/// Reads Kubernetes and Istio manifests (multi-document streams, `kind: List`, rendered Helm and
/// Kustomize output) into `kubernetes/<Kind>` resources.
///
/// Besides one resource per object, it derives normalised resources policies can judge without
/// knowing every kind: a `kubernetes/Workload` per workload object (Pod, Deployment, StatefulSet,
/// DaemonSet, ReplicaSet, ReplicationController, Job, CronJob), a `kubernetes/Container` per
/// container, a `kubernetes/GatewayServer` per Istio Gateway server and a
/// `kubernetes/DestinationRuleTLS` per TLS settings block of a DestinationRule (top level, port
/// level, subsets). Cross-file facts (namespaces, selectors, effective mTLS) are the
/// `KubernetesLinker`'s job.
public struct KubernetesParser: ResourceParser {
    /// How YAML is read (limits on nesting and alias expansion).
    public var loader: YAMLLoader

    /// A parser with the default YAML limits.
    public init() { self.loader = YAMLLoader() }

    /// The resources of every object in `file`; throws when the file is not valid YAML.
    ///
    /// Documents that are not Kubernetes objects (no `kind`) are skipped; two objects with the
    /// same kind, namespace and name are both kept, the second with a `~2` suffix on its id and a
    /// warning.
    public func parse(_ file: SourceFile) throws(ParseError) -> ParsedFile {
        let documents = try loader.load(file)
        var resources: [Resource] = []
        var edges: [LocalEdge] = []
        var diagnostics: [Diagnostic] = []
        var seen: [String: Int] = [:]
        for document in documents {
            guard let root = document.root else { continue }
            // The loader counted the root's locations; a List's items are counted when read.
            let count = KubernetesParser.listItems(root) == nil ? document.locatedCount : nil
            for node in KubernetesParser.objectNodes(root) {
                guard let result = KubernetesObject.read(node, file: file.path, locatedCount: count) else { continue }
                switch result {
                case .skipped(let diagnostic):
                    diagnostics.append(diagnostic)
                case .object(var object):
                    if object.name.isEmpty {
                        diagnostics.append(Diagnostic(.warning, "\(object.kind) has no metadata.name", at: object.location))
                    }
                    let count = (seen[object.id] ?? 0) + 1
                    seen[object.id] = count
                    if count > 1 {
                        diagnostics.append(
                            Diagnostic(
                                .warning, "duplicate object \(object.id) in this file (also defined earlier); kept as \(object.id)~\(count)",
                                at: object.location))
                        object.id += "~\(count)"
                    }
                    let derived = KubernetesDerivedResources(object: object)
                    resources.append(object.resource)
                    resources.append(contentsOf: derived.resources)
                    edges.append(contentsOf: derived.edges)
                }
            }
        }
        return ParsedFile(path: file.path, resources: resources, edges: edges, diagnostics: diagnostics)
    }

    /// The object nodes of a document: the document itself, or the items of a `kind: List`
    /// (`v1/List` and the `*List` kinds `kubectl get -o yaml` writes).
    static func objectNodes(_ root: YAMLNode) -> [YAMLNode] {
        guard let list = listItems(root) else { return [root] }
        return list.flatMap(objectNodes)
    }

    /// The items of a `kind: List` (or `*List`) node, or nil when it is no list.
    static func listItems(_ root: YAMLNode) -> [YAMLNode]? {
        guard let kind = root["kind"]?.scalar, kind == "List" || kind.hasSuffix("List"),
            let items = root["items"], case .sequence(let list) = items.content
        else { return nil }
        return list
    }

    /// True when `bytes` look like a Kubernetes manifest: YAML with an `apiVersion:` line and a
    /// `kind:` line at the start of a line (cheap; looks at the first 64 KiB only).
    public static func looksLikeManifest(_ bytes: [UInt8]) -> Bool {
        let limit = min(bytes.count, 1 << 16)
        var sawAPIVersion = false
        var sawKind = false
        var i = 0
        if limit >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3 }
        var lineStart = true
        while i < limit {
            let b = bytes[i]
            if b == 0 { return false }
            if lineStart {
                if starts(bytes, at: i, with: "apiVersion:") { sawAPIVersion = true }
                if starts(bytes, at: i, with: "kind:") { sawKind = true }
                if sawAPIVersion && sawKind { return true }
            }
            lineStart = b == UInt8(ascii: "\n")
            i += 1
        }
        return false
    }

    private static func starts(_ bytes: [UInt8], at index: Int, with prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return prefix.withUTF8Buffer { buffer in
            for k in 0..<count where bytes[index + k] != buffer[k] { return false }
            return true
        }
    }
}
