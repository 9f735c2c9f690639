import Graph
import YAML

/// The mesh-wide settings of the `istio` ConfigMap (`data.mesh`) that matter for mTLS.
struct MeshConfig {
    /// Index of the ConfigMap in the graph, when one was found.
    var index: Int?
    var rootNamespace: String?
    var enableAutoMtls: Bool = true
    /// The parsed `data.mesh` document.
    var value: Value = .map([:])

    /// Finds the mesh ConfigMap (`istio`, with `data.mesh`) in `namespace`, or in any namespace
    /// when none is given, and reads it.
    static func find(in graph: ResourceGraph, namespace: String?, diagnostics: inout [Diagnostic]) -> MeshConfig {
        for index in graph.indices(ofKind: "kubernetes/ConfigMap") {
            let resource = graph.resources[index]
            guard resource.attributes["name"] == "istio",
                let mesh = resource.value(at: AttributePath(keys: "data", "mesh"))?.stringValue
            else { continue }
            let ns = resource.attributes["namespace"]?.stringValue
            if let namespace, ns != namespace { continue }
            var config = MeshConfig(index: index)
            let meshLocation = resource.location(of: AttributePath(keys: "data", "mesh"))
            do {
                let documents = try YAMLLoader().load(SourceFile(path: meshLocation.path, text: mesh))
                config.value = documents.first?.root?.value ?? .map([:])
            } catch {
                diagnostics.append(
                    Diagnostic(.warning, "mesh config in ConfigMap \(resource.id) is not valid YAML: \(error.message)", at: meshLocation))
            }
            config.rootNamespace = config.value["rootNamespace"].flatMap(KubernetesObject.text) ?? ns
            if let auto = config.value["enableAutoMtls"]?.boolValue { config.enableAutoMtls = auto }
            return config
        }
        return MeshConfig()
    }
}
