import Graph

/// The objects of one file as they are read, with their derived resources, local edges and
/// warnings; an object repeating an earlier one's id is kept under a `~2` suffix.
struct ParsedObjects {
    var path: String
    var resources: [Resource] = []
    var edges: [LocalEdge] = []
    var diagnostics: [Diagnostic] = []
    var seen: [String: Int] = [:]

    init(path: String) { self.path = path }

    mutating func add(_ result: KubernetesObject.ReadOutcome) {
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

    var parsedFile: ParsedFile { ParsedFile(path: path, resources: resources, edges: edges, diagnostics: diagnostics) }
}
