import Graph

/// Moving recorded attribute locations between the paths of an object and of a resource
/// derived from part of it (a container, a Gateway server).
enum LocationRebase {
    /// The locations under `prefix`, with `prefix` replaced by `newPrefix`.
    static func rebase(
        _ locations: [AttributePath: SourceLocation], from prefix: AttributePath, to newPrefix: AttributePath = AttributePath()
    ) -> [AttributePath: SourceLocation] {
        var out: [AttributePath: SourceLocation] = [:]
        let n = prefix.segments.count
        for (path, location) in locations where path.hasPrefix(prefix) {
            out[AttributePath(newPrefix.segments + path.segments.dropFirst(n))] = location
        }
        return out
    }

    /// A path from its keys and indices written as a string (`"spec.template"`); the caller
    /// passes literals, so a malformed one is a programming error.
    static func path(_ keys: [String]) -> AttributePath { AttributePath(keys.map(AttributePath.Segment.key)) }
}
