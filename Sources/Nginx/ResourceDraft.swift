import Graph

/// A resource being assembled: attributes plus the location of each attribute's directive.
struct ResourceDraft {
    var id: String
    var kind: String
    var location: SourceLocation
    var attributes: [String: Value] = [:]
    var locations: [AttributePath: SourceLocation] = [:]

    init(id: String, kind: String, location: SourceLocation) {
        self.id = id
        self.kind = kind
        self.location = location
    }

    /// Sets a top-level attribute, located at `at` when given.
    mutating func set(_ key: String, _ value: Value, at location: SourceLocation? = nil) {
        attributes[key] = value
        if let location { locations[AttributePath(keys: key)] = location }
    }

    /// Records where the value at a dotted path (`ssl.protocols`) came from.
    mutating func locate(_ path: String, _ location: SourceLocation?) {
        guard let location else { return }
        // By hand rather than with split: this runs some 40 times per server.
        var segments: [AttributePath.Segment] = []
        var start = path.startIndex
        while start < path.endIndex {
            let end = path[start...].firstIndex(of: ".") ?? path.endIndex
            if end > start { segments.append(.key(String(path[start..<end]))) }
            start = end < path.endIndex ? path.index(after: end) : end
        }
        locations[AttributePath(segments)] = location
    }

    /// Sets `raw directives` of one level: name → list of argument lists, each located.
    mutating func setDirectives(_ level: [Directive]) {
        var byName: [String: [Value]] = [:]
        for d in level where d.block == nil || d.name == "if" {
            byName[d.name, default: []].append(.list(d.args.map(Value.string)))
            let index = byName[d.name, default: []].count - 1
            locations[AttributePath([.key("directives"), .key(d.name), .index(index)])] = d.location
            if index == 0 { locations[AttributePath([.key("directives"), .key(d.name)])] = d.location }
        }
        attributes["directives"] = .map(byName.mapValues(Value.list))
    }

    var resource: Resource {
        Resource(id: id, kind: kind, attributes: attributes, location: location, locations: locations)
    }
}
