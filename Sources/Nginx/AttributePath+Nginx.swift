import Graph

/// The nested attribute paths the nginx model locates, built once rather than per resource.
extension AttributePath {
    static let sslProtocols = AttributePath(keys: "ssl", "protocols")
    static let sslWeakProtocols = AttributePath(keys: "ssl", "weak_protocols")
    static let sslOnlyTLS13 = AttributePath(keys: "ssl", "only_tls13")
    static let sslCiphers = AttributePath(keys: "ssl", "ciphers")
    static let sslCipherSet = AttributePath(keys: "ssl", "cipher_set")
    static let sslPreferServerCiphers = AttributePath(keys: "ssl", "prefer_server_ciphers")
    static let sslCertificates = AttributePath(keys: "ssl", "certificates")
    static let sslCertificateKeys = AttributePath(keys: "ssl", "certificate_keys")
    static let sslRejectHandshake = AttributePath(keys: "ssl", "reject_handshake")
    static let sslStapling = AttributePath(keys: "ssl", "stapling")
    static let sslStaplingVerify = AttributePath(keys: "ssl", "stapling_verify")
    static let sslSessionTickets = AttributePath(keys: "ssl", "session_tickets")
    static let sslSessionTicketKeys = AttributePath(keys: "ssl", "session_ticket_keys")
    static let sslSessionCache = AttributePath(keys: "ssl", "session_cache")
    static let sslSessionTicketRotation = AttributePath(keys: "ssl", "session_ticket_rotation")
    static let sslDirective = AttributePath(keys: "ssl", "ssl_directive")
    static let sslSocketProtocols = AttributePath(keys: "ssl", "socket_protocols")
    static let sslSocketWeakProtocols = AttributePath(keys: "ssl", "socket_weak_protocols")

    static let upstreamTarget = AttributePath(keys: "upstream", "target")
    static let upstreamTLS = AttributePath(keys: "upstream", "tls")
    static let upstreamVerify = AttributePath(keys: "upstream", "verify")
    static let upstreamTrustedCertificate = AttributePath(keys: "upstream", "trusted_certificate")

    /// `hsts.<key>` for every key of the `hsts` map.
    static let hstsKeys: [AttributePath] = ["value", "include_subdomains", "preload", "always", "max_age"].map {
        AttributePath(keys: "hsts", $0)
    }
}
