import Graph

/// The effective TLS settings of a server (http, stream or mail), as the `ssl` attribute.
struct TLSSettings {
    static let weakProtocols: Set<String> = ["SSLv2", "SSLv3", "TLSv1", "TLSv1.1"]
    static let defaultCiphers = "HIGH:!aNULL:!MD5"
    /// Every directive `apply` looks up: a level without any of them inherits its settings.
    static let directiveNames: Set<String> = [
        "ssl_protocols", "ssl_ciphers", "ssl_prefer_server_ciphers", "ssl_certificate", "ssl_certificate_key",
        "ssl_reject_handshake", "ssl_stapling", "ssl_stapling_verify", "ssl_stapling_file", "ssl_stapling_responder",
        "resolver", "ssl_trusted_certificate", "ssl_session_tickets", "ssl_session_ticket_key", "ssl_session_cache", "ssl",
    ]

    /// The protocol list (nil when it depends on an unknown version) and its directive.
    var protocols: [String]?
    var protocolsDirective: Directive?

    /// Fills `draft.attributes["ssl"]` for the levels in `scope`; `version` decides defaults.
    static func apply(
        scope: Scope, version: NginxVersion?, ciphers summaries: inout CipherSummaries, to draft: inout ResourceDraft
    ) -> TLSSettings {
        var ssl: [String: Value] = [:]
        ssl.reserveCapacity(28)
        var settings = TLSSettings()

        // Protocols.
        if let d = scope.innermost("ssl_protocols") {
            settings.protocols = d.args
            settings.protocolsDirective = d
            ssl["protocols_from"] = "directive"
        } else if scope.hasUnresolvedInclude {
            ssl["protocols_from"] = "unknown: an include could not be read"
        } else if let version {
            settings.protocols = version.defaultProtocols
            ssl["protocols_from"] = .string("default of nginx \(version)")
        } else {
            ssl["protocols_from"] = "default of an unknown nginx version"
        }
        if let list = settings.protocols {
            ssl["protocols"] = .list(list.map(Value.string))
            let weak = list.filter { weakProtocols.contains($0) }
            ssl["weak_protocols"] = .list(weak.map(Value.string))
            ssl["only_tls13"] = .bool(!list.isEmpty && list.allSatisfy { $0 == "TLSv1.3" })
        } else {
            ssl["protocols"] = .unknown
            ssl["weak_protocols"] = .unknown
            // Every version's default includes TLSv1.2, so the TLS 1.2 ciphers always matter.
            ssl["only_tls13"] = false
        }
        for path in [AttributePath.sslProtocols, .sslWeakProtocols, .sslOnlyTLS13] {
            draft.locate(path, settings.protocolsDirective?.location)
        }

        // Ciphers.
        let ciphers = scope.innermost("ssl_ciphers")
        let cipherString = ciphers?.argument(0) ?? defaultCiphers
        if ciphers == nil && scope.hasUnresolvedInclude {
            ssl["ciphers"] = .unknown
            ssl["ciphers_from"] = "unknown: an include could not be read"
            ssl["cipher_set"] = .unknown
        } else if TLSSettings.namesSystemProfile(cipherString) {
            // Fedora's and RHEL's OpenSSL replace `PROFILE=SYSTEM` (their stock nginx.conf's
            // value) by the host's crypto-policy cipher list, which the configuration does not
            // show; upstream OpenSSL knows no such word.
            ssl["ciphers"] = .string(cipherString)
            ssl["ciphers_from"] = "the host's system-wide crypto policy (PROFILE=SYSTEM)"
            ssl["cipher_set"] = .unknown
        } else {
            ssl["ciphers"] = .string(cipherString)
            ssl["ciphers_from"] = ciphers == nil ? "default" : "directive"
            ssl["cipher_set"] = summaries.summary(cipherString)
        }
        draft.locate(.sslCiphers, ciphers?.location)
        draft.locate(.sslCipherSet, ciphers?.location)
        let (prefer, preferDirective) = scope.flag("ssl_prefer_server_ciphers", default: false)
        ssl["prefer_server_ciphers"] = .bool(prefer)
        draft.locate(.sslPreferServerCiphers, preferDirective?.location)

        // Certificates (array-type: replaced wholesale by an inner level).
        let certificates = scope.array("ssl_certificate")
        ssl["certificates"] = certificates.isEmpty && scope.hasUnresolvedInclude
            ? .unknown : .list(certificates.compactMap { $0.argument(0) }.map(Value.string))
        draft.locate(.sslCertificates, certificates.first?.location)
        let keys = scope.array("ssl_certificate_key")
        ssl["certificate_keys"] = .list(keys.compactMap { $0.argument(0) }.map(Value.string))
        draft.locate(.sslCertificateKeys, keys.first?.location)
        let (reject, rejectDirective) = scope.flag("ssl_reject_handshake", default: false)
        ssl["reject_handshake"] = .bool(reject)
        draft.locate(.sslRejectHandshake, rejectDirective?.location)

        // OCSP stapling.
        let (stapling, staplingDirective) = scope.flag("ssl_stapling", default: false)
        ssl["stapling"] = .bool(stapling)
        draft.locate(.sslStapling, staplingDirective?.location)
        let (staplingVerify, verifyDirective) = scope.flag("ssl_stapling_verify", default: false)
        ssl["stapling_verify"] = .bool(staplingVerify)
        draft.locate(.sslStaplingVerify, verifyDirective?.location)
        ssl["stapling_file"] = scope.innermost("ssl_stapling_file")?.argument(0).map(Value.string) ?? .null
        ssl["stapling_responder"] = scope.innermost("ssl_stapling_responder")?.argument(0).map(Value.string) ?? .null
        ssl["resolver"] = scope.innermost("resolver").map { .list($0.args.map(Value.string)) } ?? .null
        ssl["trusted_certificate"] = scope.innermost("ssl_trusted_certificate")?.argument(0).map(Value.string) ?? .null

        // Session tickets and their keys.
        let (tickets, ticketsDirective) = scope.flag("ssl_session_tickets", default: true)
        ssl["session_tickets"] = .bool(tickets)
        draft.locate(.sslSessionTickets, ticketsDirective?.location)
        let ticketKeys = scope.array("ssl_session_ticket_key")
        ssl["session_ticket_keys"] = .list(ticketKeys.compactMap { $0.argument(0) }.map(Value.string))
        draft.locate(.sslSessionTicketKeys, ticketKeys.first?.location)
        let cache = scope.innermost("ssl_session_cache")
        let shared = cache?.args.contains { $0.hasPrefix("shared:") } ?? false
        ssl["session_cache"] = cache.map { .list($0.args.map(Value.string)) } ?? .null
        ssl["session_cache_shared"] = .bool(shared)
        draft.locate(.sslSessionCache, cache?.location)
        let rotation: Value
        if !tickets || ticketKeys.count >= 2 {
            rotation = true
        } else if ticketKeys.count == 1 {
            rotation = false  // one static key file: never rotated by nginx
        } else if !shared {
            rotation = false  // per-worker random keys that live as long as the worker
        } else if let version {
            rotation = .bool(version >= NginxVersion.ticketKeyRotation)
        } else {
            rotation = .unknown
        }
        let ticketsUnknown = ticketsDirective == nil && scope.hasUnresolvedInclude
        ssl["session_tickets"] = ticketsUnknown ? .unknown : .bool(tickets)
        ssl["session_ticket_rotation"] = ticketsUnknown ? .unknown : rotation
        draft.locate(.sslSessionTicketRotation, ticketKeys.first?.location ?? ticketsDirective?.location)

        // The deprecated `ssl on`.
        if let on = scope.innermost("ssl") {
            ssl["ssl_directive"] = .string(on.argument(0) ?? "")
            draft.locate(.sslDirective, on.location)
        }
        draft.attributes["ssl"] = .map(ssl)
        return settings
    }

    /// True when a cipher string asks for the system-wide policy: `PROFILE=SYSTEM` as one of its
    /// `:`-, `,`- or space-separated words.
    static func namesSystemProfile(_ cipherString: String) -> Bool {
        cipherString.split(whereSeparator: { $0 == ":" || $0 == "," || $0 == " " }).contains("PROFILE=SYSTEM")
    }
}
