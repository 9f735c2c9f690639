import Graph

/// Moving recorded attribute locations between the paths of an object and of a resource
/// derived from part of it (a container, a Gateway server).
enum LocationRebase {
    /// A path from its keys and indices written as a string (`"spec.template"`); the caller
    /// passes literals, so a malformed one is a programming error.
    static func path(_ keys: [String]) -> AttributePath { AttributePath(keys.map(AttributePath.Segment.key)) }

    /// The locations of a string map's members (labels, annotations) found under `from`,
    /// re-rooted under `to`: direct lookups, no scan of every location.
    static func members(
        _ keys: some Sequence<String>, _ locations: AttributeLocations, from: AttributePath, to: AttributePath,
        into out: inout [AttributePath: SourceLocation]
    ) {
        if let own = locations[from] { out[to] = own }
        for key in keys {
            if let loc = locations[from.appending(key)] { out[to.appending(key)] = loc }
        }
    }

    /// `members` within one map: copies the locations of a string map's members under `from`
    /// to `to` in place (passing the map as both source and target would copy all of it).
    static func members(_ keys: some Sequence<String>, in locations: inout AttributeLocations, from: AttributePath, to: AttributePath) {
        if let own = locations[from] { locations[to] = own }
        for key in keys {
            if let loc = locations[from.appending(key)] { locations[to.appending(key)] = loc }
        }
    }
}
