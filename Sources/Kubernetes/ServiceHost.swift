/// A DestinationRule `host`, resolved as Istio resolves it against the service registry.
///
/// Short names (`reviews`) are qualified with the rule's namespace; `reviews.shop`,
/// `reviews.shop.svc` and `reviews.shop.svc.cluster.local` name the same Service; a leading
/// `*.` is a wildcard over any prefix, and `*` alone matches every host.
struct ServiceHost {
    /// The fully qualified host (`reviews.shop.svc.cluster.local`), or the wildcard pattern.
    var pattern: String
    /// True when the host is inside the cluster (a Service name or a cluster-local wildcard).
    var isClusterLocal: Bool

    static let suffix = ".svc.cluster.local"

    init(_ host: String, namespace: String, knownNamespaces: Set<String>) {
        let h: String
        let dots: Int
        if host.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x20 && !(0x09...0x0D).contains($0) }) {
            // ASCII without whitespace (every real host): no Character-by-Character filtering.
            h = host.lowercased()
            dots = h.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: ".") ? 1 : 0) }
        } else {
            h = host.lowercased().filter { !$0.isWhitespace }
            dots = h.filter { $0 == "." }.count
        }
        if h == "*" {
            pattern = "*"
            isClusterLocal = true
        } else if h.hasPrefix("*.") {
            pattern = h
            let rest = String(h.dropFirst(2))
            isClusterLocal =
                rest.hasSuffix("cluster.local") || rest == "local" || rest == "svc" || rest.hasSuffix(".svc")
                || knownNamespaces.contains(rest)
            if rest.hasSuffix(".svc") || rest == "svc" { pattern = h + ".cluster.local" }
            if knownNamespaces.contains(rest) { pattern = h + ServiceHost.suffix }
        } else if dots == 0 {
            pattern = "\(h).\(namespace)\(ServiceHost.suffix)"
            isClusterLocal = true
        } else if h.hasSuffix(ServiceHost.suffix) {
            pattern = h
            isClusterLocal = true
        } else if h.hasSuffix(".svc") {
            pattern = h + ".cluster.local"
            isClusterLocal = true
        } else if dots == 1, let ns = h.split(separator: ".").last, knownNamespaces.contains(String(ns)) {
            pattern = h + ServiceHost.suffix
            isClusterLocal = true
        } else {
            pattern = h
            isClusterLocal = false
        }
    }

    /// True when the host is no wildcard, so it matches exactly the FQDN equal to `pattern`.
    var isExact: Bool { pattern != "*" && !pattern.hasPrefix("*.") }

    /// True when this host names the Service whose FQDN is `fqdn`.
    func matches(_ fqdn: String) -> Bool {
        if pattern == "*" { return true }
        if pattern.hasPrefix("*.") { return fqdn.hasSuffix(String(pattern.dropFirst(1))) }
        return pattern == fqdn
    }
}
