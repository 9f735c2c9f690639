/// A parsed `Strict-Transport-Security` header value (RFC 6797).
struct HSTSHeader: Sendable, Hashable {
    var maxAge: Int64?
    var includeSubDomains = false
    var preload = false

    init(_ value: String) {
        for part in value.split(separator: ";") {
            let token = part.trimmingSpaces
            let lower = token.lowercased()
            if lower.hasPrefix("max-age") {
                var rest = lower.dropFirst("max-age".count).trimmingSpaces
                guard rest.hasPrefix("=") else { continue }
                rest = rest.dropFirst().trimmingSpaces
                if rest.hasPrefix("\"") && rest.hasSuffix("\"") && rest.count >= 2 { rest = rest.dropFirst().dropLast() }
                maxAge = Int64(rest)
            } else if lower == "includesubdomains" {
                includeSubDomains = true
            } else if lower == "preload" {
                preload = true
            }
        }
    }
}
