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

    /// The resources of every object in `file`; throws when the file is not valid YAML (one
    /// that is not YAML because it is an unrendered Helm template gives a warning instead).
    ///
    /// Documents that are not Kubernetes objects (no `kind`) are skipped; two objects with the
    /// same kind, namespace and name are both kept, the second with a `~2` suffix on its id and a
    /// warning.
    public func parse(_ file: SourceFile) throws(ParseError) -> ParsedFile {
        do {
            return try parseManifests(file)
        } catch {
            // A chart's `templates/*.yaml` is Go template text, seldom valid YAML: not broken
            // input but input to render first. Only when YAML broke on a template action, so a
            // broken manifest that merely quotes one (a PrometheusRule's `{{ $labels.pod }}`)
            // is still an error.
            guard let line = KubernetesParser.templateActionLine(file.text, near: error.location.line) else { throw error }
            let message = "unrendered template ({{ … }}), not checked: render it (helm template CHART > out.yaml) and scan the output"
            return ParsedFile(
                path: file.path, resources: [], diagnostics: [Diagnostic(.warning, message, at: SourceLocation(path: file.path, line: line))])
        }
    }

    /// `line` when it holds a Go template action (`{{ … }}`, `{{- … -}}`) outside a comment.
    static func templateActionLine(_ text: String, near line: Int) -> Int? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return nil }
        let content = lines[line - 1].drop { $0 == " " || $0 == "\t" }
        guard !content.hasPrefix("#"), let open = content.firstRange(of: "{{") else { return nil }
        return content[open.upperBound...].contains("}}") ? line : nil
    }

    func parseManifests(_ file: SourceFile) throws(ParseError) -> ParsedFile {
        var objects = ParsedObjects(path: file.path)
        // Most manifests are read straight into values; the rest (anchors, merge keys, `List`s)
        // through YAML node trees.
        if var documents = try loader.loadLocated(file), !documents.contains(where: { KubernetesParser.isList($0.value) }) {
            for i in documents.indices {
                // Taken out of the document, so the object's attributes are changed in place.
                guard let value = documents[i].value.take() else { continue }
                if let result = KubernetesObject.read(value, of: documents[i], file: file.path) { objects.add(result) }
            }
            return objects.parsedFile
        }
        return try parseNodes(file)
    }

    /// `parse` through YAML node trees, for what `YAMLLoader.loadLocated` leaves to them.
    func parseNodes(_ file: SourceFile) throws(ParseError) -> ParsedFile {
        var objects = ParsedObjects(path: file.path)
        let documents = try loader.load(file)
        for document in documents {
            guard let root = document.root else { continue }
            // The loader counted the root's locations; a List's items are counted when read.
            let count = KubernetesParser.listItems(root) == nil ? document.locatedCount : nil
            for node in KubernetesParser.objectNodes(root) {
                if let result = KubernetesObject.read(node, file: file.path, locatedCount: count) { objects.add(result) }
            }
        }
        return objects.parsedFile
    }

    /// True when a document's value is a `kind: List` (or `*List`) with `items`, as
    /// `listItems` decides for its node.
    static func isList(_ value: Value?) -> Bool {
        guard let kind = value?["kind"]?.stringValue, kind == "List" || kind.hasSuffix("List") else { return false }
        return value?["items"]?.listValue != nil
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
