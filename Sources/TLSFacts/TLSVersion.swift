/// A version of the SSL/TLS protocol, ordered from oldest to newest.
///
/// Parsers meet many spellings of the same version (nginx `TLSv1`, Istio `TLSV1_2`, AWS `TLSv1.2`
/// or `1.2`, Classic ELB `Protocol-TLSv1.1`); `init?(parsing:)` accepts all of them so that every
/// format compares versions with one type.
public enum TLSVersion: Int, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
    /// SSL 2.0 (broken; removed from every current library).
    case sslv2 = 0
    /// SSL 3.0 (broken by POODLE).
    case sslv3 = 1
    /// TLS 1.0.
    case tls1_0 = 2
    /// TLS 1.1.
    case tls1_1 = 3
    /// TLS 1.2.
    case tls1_2 = 4
    /// TLS 1.3.
    case tls1_3 = 5

    /// Orders versions from oldest to newest.
    public static func < (lhs: TLSVersion, rhs: TLSVersion) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Parses the spellings used by nginx, OpenSSL, Istio, AWS and Kubernetes annotations.
    ///
    /// Accepted, case-insensitively: `SSLv2`, `SSLv3`, `TLSv1`, `TLSv1.0`, `TLSv1.1`, `TLSv1.2`,
    /// `TLSv1.3`, `TLS1.2`, `TLS 1.2`, `TLSV1_2`, `TLS1_2`, `1.2`, `1.0`, `1`, and the Classic
    /// ELB attribute names `Protocol-TLSv1.2` / `Protocol-SSLv3`. Returns nil for anything else,
    /// including Istio's `TLS_AUTO` (which is not a version).
    public init?(parsing text: String) {
        var s = text.trimmingWhitespace().lowercased()
        if s.hasPrefix("protocol-") { s.removeFirst("protocol-".count) }
        var isSSL = false
        if s.hasPrefix("ssl") {
            isSSL = true
            s.removeFirst(3)
        } else if s.hasPrefix("tls") {
            s.removeFirst(3)
        }
        s = s.replacingAll("_", with: ".").replacingAll(" ", with: "")
        if s.hasPrefix("v") { s.removeFirst() }
        if isSSL {
            switch s {
            case "2", "2.0": self = .sslv2
            case "3", "3.0": self = .sslv3
            default: return nil
            }
        } else {
            switch s {
            case "1", "1.0": self = .tls1_0
            case "1.1": self = .tls1_1
            case "1.2": self = .tls1_2
            case "1.3": self = .tls1_3
            default: return nil
            }
        }
    }

    /// The OpenSSL / nginx spelling: `SSLv2`, `SSLv3`, `TLSv1`, `TLSv1.1`, `TLSv1.2`, `TLSv1.3`.
    public var nginxName: String {
        switch self {
        case .sslv2: return "SSLv2"
        case .sslv3: return "SSLv3"
        case .tls1_0: return "TLSv1"
        case .tls1_1: return "TLSv1.1"
        case .tls1_2: return "TLSv1.2"
        case .tls1_3: return "TLSv1.3"
        }
    }

    /// The Istio enum spelling (`TLSV1_0` … `TLSV1_3`); nil for SSL versions, which Istio lacks.
    public var istioName: String? {
        switch self {
        case .sslv2, .sslv3: return nil
        case .tls1_0: return "TLSV1_0"
        case .tls1_1: return "TLSV1_1"
        case .tls1_2: return "TLSV1_2"
        case .tls1_3: return "TLSV1_3"
        }
    }

    /// A short string that orders correctly as text: `"1.0"` … `"1.3"` for TLS, and `"0.2"`,
    /// `"0.3"` for SSL 2 and 3, so that they sort below every TLS version in CEL string comparisons.
    public var shortVersion: String {
        switch self {
        case .sslv2: return "0.2"
        case .sslv3: return "0.3"
        case .tls1_0: return "1.0"
        case .tls1_1: return "1.1"
        case .tls1_2: return "1.2"
        case .tls1_3: return "1.3"
        }
    }

    /// `SSLv2`, `SSLv3`, `TLSv1.0`, `TLSv1.1`, `TLSv1.2`, `TLSv1.3`.
    public var description: String {
        switch self {
        case .sslv2: return "SSLv2"
        case .sslv3: return "SSLv3"
        case .tls1_0: return "TLSv1.0"
        case .tls1_1: return "TLSv1.1"
        case .tls1_2: return "TLSv1.2"
        case .tls1_3: return "TLSv1.3"
        }
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines (no Foundation needed).
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }

    /// The string with every occurrence of a character replaced by a string.
    func replacingAll(_ character: Character, with replacement: String) -> String {
        var out = ""
        for c in self {
            if c == character { out += replacement } else { out.append(c) }
        }
        return out
    }
}
