import Graph

/// A resource being assembled: attributes plus the location of each attribute's directive.
struct ResourceDraft {
    var id: String
    var kind: String
    var location: SourceLocation
    var attributes: [String: Value] = [:]
    var locations: [AttributePath: SourceLocation] = [:]

    /// How many located attributes are expected besides the directives; room for them is made
    /// up front, so the dictionaries are not rehashed as they grow.
    private var expectedLocations: Int

    init(id: String, kind: String, location: SourceLocation, attributes: Int = 16, locations: Int = 8) {
        self.id = id
        self.kind = kind
        self.location = location
        self.attributes.reserveCapacity(attributes)
        self.expectedLocations = locations
    }

    /// Sets a top-level attribute, located at `at` when given.
    mutating func set(_ key: String, _ value: Value, at location: SourceLocation? = nil) {
        attributes[key] = value
        if let location { locations[AttributePath(keys: key)] = location }
    }

    /// Records where the value at `path` (`ssl.protocols`) came from.
    mutating func locate(_ path: AttributePath, _ location: SourceLocation?) {
        guard let location else { return }
        locations[path] = location
    }

    static let directivesKey = AttributePath.Segment.key("directives")

    /// Sets `raw directives` of one level: name → list of argument lists, each located.
    ///
    /// `directives.<name>` holds the location of the first occurrence, so only the later ones
    /// get an entry of their own (`Resource.location(of:)` finds `[0]` through its parent).
    mutating func setDirectives(_ level: [Directive], paths: inout DirectivePaths) {
        // Built as the attribute's table itself (each name's entry a `.list` of argument
        // lists), rather than as lists turned into a second table.
        var byName: [String: Value] = [:]
        let count = level.reduce(0) { $0 + ($1.block == nil || $1.name == "if" ? 1 : 0) }
        byName.reserveCapacity(count)
        locations.reserveCapacity(locations.count + count + expectedLocations)
        func append(_ value: Value, to entry: inout Value) -> Int {
            guard case .list(var lists) = entry else {
                entry = .list([value])
                return 0
            }
            // Let go of the table's reference first, so the list grows in place.
            entry = .null
            lists.append(value)
            entry = .list(lists)
            return lists.count - 1
        }
        // By index, reading only the fields needed: a copy of each directive would cost more.
        for i in level.indices where level[i].block == nil || level[i].name == "if" {
            let name = level[i].name
            let index = append(.list(level[i].arguments.map { .string($0.text) }), to: &byName[name, default: .null])
            locations[paths.path(name, index)] = level[i].location
        }
        attributes["directives"] = .map(byName)
    }

    var resource: Resource {
        Resource(id: id, kind: kind, attributes: attributes, location: location, locations: locations)
    }
}

/// The `directives.<name>` and `directives.<name>[i]` paths `setDirectives` locates, built
/// once per name and index and shared by every resource (thousands of servers would otherwise
/// each allocate their own copies of the same few dozen paths).
struct DirectivePaths {
    private var byName: [String: [AttributePath]] = [:]

    /// `directives.<name>` for the first occurrence, `directives.<name>[index]` after.
    mutating func path(_ name: String, _ index: Int) -> AttributePath {
        if let known = byName[name], index < known.count { return known[index] }
        var list = byName.removeValue(forKey: name) ?? []
        while list.count <= index {
            let i = list.count
            list.append(
                AttributePath(
                    i == 0 ? [ResourceDraft.directivesKey, .key(name)] : [ResourceDraft.directivesKey, .key(name), .index(i)]))
        }
        byName[name] = list
        return list[index]
    }
}
