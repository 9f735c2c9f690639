import Graph

/// One `listen` directive of a server, parsed.
struct Listen: Sendable, Hashable {
    var address: String
    var port: Int?
    var ssl = false
    var http2 = false
    var quic = false
    var defaultServer = false
    var proxyProtocol = false
    var unixSocket = false
    var location: SourceLocation

    /// The socket nginx binds, as a key: `*:443`, `[::]:443`, `127.0.0.1:8443`, `unix:/run/a.sock`;
    /// QUIC listeners are UDP and get their own key.
    var socket: String {
        if unixSocket { return address }
        return "\(address):\(port.map(String.init) ?? "80")\(quic ? "/udp" : "")"
    }

    /// Parses the arguments of `listen`; `defaultPort` is 80 in http and mail uses its own.
    init(_ directive: Directive, defaultPort: Int? = 80) {
        location = directive.location
        address = "*"
        port = defaultPort
        var args = directive.args
        guard !args.isEmpty else { return }
        let first = args.removeFirst()
        if first.hasPrefix("unix:") {
            unixSocket = true
            address = first
            port = nil
        } else if let n = Int(first) {
            port = n
        } else if first.hasPrefix("[") {
            // [::]:443 or [::1]
            if let close = first.firstIndex(of: "]") {
                address = String(first[...close])
                let rest = first[first.index(after: close)...]
                if rest.hasPrefix(":"), let n = Int(rest.dropFirst()) { port = n }
            } else {
                address = first
            }
        } else if let colon = first.lastIndex(of: ":") {
            address = String(first[..<colon])
            port = Int(first[first.index(after: colon)...]) ?? defaultPort
        } else {
            address = first
        }
        if address == "0.0.0.0" || address.isEmpty { address = "*" }
        for arg in args {
            switch arg {
            case "ssl": ssl = true
            case "http2": http2 = true
            case "quic", "http3": quic = true
            case "default_server", "default": defaultServer = true
            case "proxy_protocol": proxyProtocol = true
            default: break
            }
        }
    }

    /// True when connections on this listener are TLS (`ssl`, QUIC, or an `http2` listener on 443).
    var isTLS: Bool { ssl || quic || (http2 && port == 443) }

    /// True when the address is a loopback address.
    var isLoopback: Bool {
        address.hasPrefix("127.") || address == "[::1]" || address == "localhost" || unixSocket
    }

    var value: Value {
        var map: [String: Value] = [
            "address": .string(address), "ssl": .bool(ssl), "http2": .bool(http2), "quic": .bool(quic),
            "default_server": .bool(defaultServer), "proxy_protocol": .bool(proxyProtocol),
            "tls": .bool(isTLS), "socket": .string(socket),
        ]
        map["port"] = port.map { .int(Int64($0)) } ?? .null
        return .map(map)
    }
}
