import Graph
import YAML

/// One Kubernetes object read from a document (or a `List` item), before it becomes resources.
struct KubernetesObject {
    var apiVersion: String
    var kind: String
    var name: String
    /// The namespace as written, or `default` for namespaced kinds without one; nil for
    /// cluster-scoped kinds.
    var namespace: String?
    var attributes: [String: Value]
    /// The locations of the object's nodes, and the top-level copies of `name`, `namespace`,
    /// labels and annotations.
    var locations: AttributeLocations
    var location: SourceLocation
    var id: String

    var group: String { KubernetesKinds.group(ofAPIVersion: apiVersion) }

    /// The object at `node`, or nil (with a reason) when it is not a Kubernetes object.
    /// What reading a document gave: an object, or a reason it was skipped.
    enum ReadOutcome {
        case object(KubernetesObject)
        case skipped(Diagnostic)
    }

    /// `locatedCount` is `node.locatedCount` when the caller knows it (the loader counts it for
    /// document roots), to size the location map without walking the tree again.
    static func read(_ node: YAMLNode, file: String, locatedCount: Int? = nil) -> ReadOutcome? {
        guard case .mapping = node.content else { return nil }
        // Room for every node plus the top-level copies of name, namespace, labels, annotations.
        let metadataNode = node["metadata"]
        let extra = 4 + (metadataNode?["labels"]?.pairCount ?? 0) + (metadataNode?["annotations"]?.pairCount ?? 0)
        var locations = [AttributePath: SourceLocation](minimumCapacity: (locatedCount ?? node.locatedCount) + extra)
        let value = node.value(file: file, locations: &locations)
        guard let attributes = value.mapValue else { return nil }
        return read(attributes, locations: AttributeLocations(locations), location: SourceLocation(path: file, line: node.line, column: node.column))
    }

    /// The object of a document the loader read straight into a value (`value`, taken out of
    /// `document`), or nil (with a reason) when it is not a Kubernetes object; the same as
    /// `read(_:file:locatedCount:)` of its node.
    static func read(_ value: consuming Value, of document: YAMLLocatedDocument, file: String) -> ReadOutcome? {
        guard case .map(let attributes) = consume value else { return nil }
        let metadata = attributes["metadata"]
        let extra = 4 + (metadata?["labels"]?.mapValue?.count ?? 0) + (metadata?["annotations"]?.mapValue?.count ?? 0)
        // The document's nodes stay in its tree; only the copies (and a few more for what the
        // linker adds: effective modes, ambiguities) are entries of their own.
        var locations = AttributeLocations(tree: document.tree)
        locations.reserveCapacity(extra + 8)
        return read(attributes, locations: locations, location: SourceLocation(path: file, line: document.rootLine, column: document.rootColumn))
    }

    /// The object of a mapping's attributes and the locations of its nodes.
    private static func read(
        _ attributes: consuming [String: Value], locations: consuming AttributeLocations, location: SourceLocation
    ) -> ReadOutcome? {
        // Room for the five attributes added here and the linker's (`level`, `governs`, …), so
        // neither grows the dictionary again (a no-op for documents the loader read straight
        // into values: it leaves room in their roots).
        attributes.reserveCapacity(attributes.count + 5 + 8)
        guard let kind = attributes["kind"]?.stringValue, !kind.isEmpty else {
            if attributes["apiVersion"] != nil {
                return .skipped(Diagnostic(.warning, "document has an apiVersion but no kind; skipped", at: location))
            }
            return nil
        }
        let apiVersion = attributes["apiVersion"]?.stringValue ?? ""
        let metadata = attributes["metadata"]?.mapValue ?? [:]
        let name = metadata["name"].flatMap(KubernetesObject.text) ?? metadata["generateName"].flatMap(KubernetesObject.text) ?? ""
        let clusterScoped = KubernetesKinds.clusterScoped.contains(kind)
        let namespace: String? =
            clusterScoped ? nil : (metadata["namespace"].flatMap(KubernetesObject.text).flatMap { $0.isEmpty ? nil : $0 } ?? "default")
        let labels = KubernetesObject.stringMap(metadata["labels"])
        let annotations = KubernetesObject.stringMap(metadata["annotations"])
        attributes["name"] = .string(name)
        attributes["namespace"] = namespace.map(Value.string) ?? .null
        attributes["labels"] = .map(labels.mapValues(Value.string))
        attributes["annotations"] = .map(annotations.mapValues(Value.string))
        attributes["apiGroup"] = .string(KubernetesKinds.group(ofAPIVersion: apiVersion))
        let metadataPath = AttributePath(keys: "metadata")
        locations[AttributePath(keys: "name")] = locations[metadataPath.appending("name")] ?? locations[metadataPath] ?? location
        locations[AttributePath(keys: "namespace")] = locations[metadataPath.appending("namespace")] ?? locations[metadataPath] ?? location
        LocationRebase.members(labels.keys, in: &locations, from: metadataPath.appending("labels"), to: AttributePath(keys: "labels"))
        LocationRebase.members(
            annotations.keys, in: &locations, from: metadataPath.appending("annotations"), to: AttributePath(keys: "annotations"))
        let id = namespace.map { "\(kind)/\($0)/\(name)" } ?? "\(kind)/\(name)"
        var object = KubernetesObject(
            apiVersion: apiVersion, kind: kind, name: name, namespace: namespace, attributes: attributes,
            locations: locations, location: location, id: id)
        if name.isEmpty {
            object.id = namespace.map { "\(kind)/\($0)/(unnamed)" } ?? "\(kind)/(unnamed)"
        }
        return .object(object)
    }

    /// A scalar as Kubernetes would read it into a string field (`true` → `"true"`).
    static func text(_ value: Value) -> String? {
        switch value {
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return Value.double(d).jsonText
        default: return nil
        }
    }

    /// A map of strings (labels, annotations); non-scalar members are left out.
    static func stringMap(_ value: Value?) -> [String: String] {
        guard let members = value?.mapValue else { return [:] }
        var out: [String: String] = [:]
        for (key, member) in members {
            if let s = text(member) { out[key] = s }
        }
        return out
    }

    /// The resource for the object itself.
    var resource: Resource {
        Resource(id: id, kind: "kubernetes/\(kind)", attributes: attributes, location: location, locations: locations)
    }
}

extension YAMLNode {
    /// The number of entries of a mapping (0 for other nodes).
    fileprivate var pairCount: Int {
        if case .mapping(let pairs) = content { return pairs.count }
        return 0
    }
}
