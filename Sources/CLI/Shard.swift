/// `--shard I/N`: which discovered inputs this run scans, so N runs of a CI matrix cover every
/// input exactly once.
///
/// Inputs are grouped so that what is judged together stays together: an nginx tree (every
/// file under the directory of an `nginx.conf`) is one group, and Kubernetes YAML files are
/// grouped by directory (the linker connects objects across files); plans are grouped alone.
/// A group goes to shard `fnv1a64(key) mod N`: stable across machines, runs and orderings.
struct Shard: Equatable {
    /// 1-based.
    var index: Int
    var count: Int

    /// Parses `I/N` with 1 ≤ I ≤ N.
    init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 1, i <= n else { return nil }
        index = i
        count = n
    }

    /// The paths of `paths` this shard scans, in their order.
    func select(_ paths: [String]) -> [String] {
        let roots = Set(paths.filter { Shard.name($0) == "nginx.conf" }.map(Shard.directory))
        return paths.filter { Shard.fnv1a64(Shard.groupKey($0, nginxRoots: roots)) % UInt64(count) == UInt64(index - 1) }
    }

    /// The group of a path: the outermost nginx root above it, else its directory for YAML,
    /// else the path itself.
    static func groupKey(_ path: String, nginxRoots: Set<String>) -> String {
        var dir = directory(path)
        var root: String?
        while true {
            if nginxRoots.contains(dir) { root = dir }
            if dir == "." || dir == "/" || dir.isEmpty { break }
            dir = directory(dir)
        }
        if let root { return "nginx:" + root }
        let lower = name(path).lowercased()
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { return "dir:" + directory(path) }
        return "file:" + path
    }

    static func name(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    static func directory(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let head = String(path[..<slash])
        return head.isEmpty ? "/" : head
    }

    static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
