import Graph

/// Moving recorded attribute locations between the paths of an object and of a resource
/// derived from part of it (a container, a Gateway server).
enum LocationRebase {
    /// The locations under `prefix`, with `prefix` replaced by `newPrefix`.
    ///
    /// `entries` may repeat a path; the last one wins, as in a dictionary built from them.
    static func rebase(
        _ entries: [(path: AttributePath, location: SourceLocation)], from prefix: AttributePath, to newPrefix: AttributePath = AttributePath()
    ) -> [AttributePath: SourceLocation] {
        var out: [AttributePath: SourceLocation] = [:]
        let p = prefix.segments
        let n = p.count
        for (path, location) in entries {
            let s = path.segments
            guard s.count >= n else { continue }
            guard startsWith(s, p) else { continue }
            out[AttributePath(newPrefix.segments + s[n...])] = location
        }
        return out
    }

    /// True when `segments` begin with `prefix` (the caller has checked the length).
    @inline(__always)
    private static func startsWith(_ segments: [AttributePath.Segment], _ prefix: [AttributePath.Segment]) -> Bool {
        var i = 0
        while i < prefix.count {
            if segments[i] != prefix[i] { return false }
            i += 1
        }
        return true
    }

    /// A path from its keys and indices written as a string (`"spec.template"`); the caller
    /// passes literals, so a malformed one is a programming error.
    static func path(_ keys: [String]) -> AttributePath { AttributePath(keys.map(AttributePath.Segment.key)) }

    /// The locations of a string map's members (labels, annotations) found under `from`,
    /// re-rooted under `to`: direct lookups, no scan of every location.
    static func members(
        _ keys: some Sequence<String>, _ locations: [AttributePath: SourceLocation], from: AttributePath, to: AttributePath,
        into out: inout [AttributePath: SourceLocation]
    ) {
        if let own = locations[from] { out[to] = own }
        for key in keys {
            if let loc = locations[from.appending(key)] { out[to.appending(key)] = loc }
        }
    }

    /// `members` within one map: copies the locations of a string map's members under `from`
    /// to `to` in place (passing the map as both source and target would copy all of it).
    static func members(_ keys: some Sequence<String>, in locations: inout [AttributePath: SourceLocation], from: AttributePath, to: AttributePath) {
        if let own = locations[from] { locations[to] = own }
        for key in keys {
            if let loc = locations[from.appending(key)] { locations[to.appending(key)] = loc }
        }
    }

    /// The locations under `prefix + [key, index]` for every list `key` of `keys`, grouped by
    /// (key, index) and re-rooted at the entry; `entries` may repeat a path, and the last one
    /// wins.
    static func entries(
        _ entries: [(path: AttributePath, location: SourceLocation)], under prefix: AttributePath, keys: [String]
    ) -> [String: [Int: [AttributePath: SourceLocation]]] {
        let p = prefix.segments
        let n = p.count
        /// The (position in `keys`, list index) an entry's path is under, if any.
        func place(_ s: [AttributePath.Segment]) -> (Int, Int)? {
            guard s.count >= n + 2, case .key(let key) = s[n], case .index(let index) = s[n + 1] else { return nil }
            // The cheap prefix comparison first: most paths are elsewhere in the object.
            guard startsWith(s, p), let k = keys.firstIndex(of: key) else { return nil }
            return (k, index)
        }
        // Counted first, so each entry's map is allocated once at its final size.
        var counts = Array(repeating: [Int](), count: keys.count)
        for i in entries.indices {
            guard let (k, index) = place(entries[i].path.segments) else { continue }
            if counts[k].count <= index { counts[k] += Array(repeating: 0, count: index + 1 - counts[k].count) }
            counts[k][index] += 1
        }
        var maps = counts.map { $0.map { [AttributePath: SourceLocation](minimumCapacity: $0) } }
        for i in entries.indices {
            let s = entries[i].path.segments
            guard let (k, index) = place(s) else { continue }
            maps[k][index][AttributePath(Array(s[(n + 2)...]))] = entries[i].location
        }
        var out: [String: [Int: [AttributePath: SourceLocation]]] = [:]
        for k in keys.indices where counts[k].contains(where: { $0 > 0 }) {
            var byIndex: [Int: [AttributePath: SourceLocation]] = [:]
            for index in counts[k].indices where counts[k][index] > 0 { byIndex[index] = maps[k][index] }
            out[keys[k]] = byIndex
        }
        return out
    }
}
