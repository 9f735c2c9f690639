/// An nginx release number (`1.25.3`), which decides defaults such as `ssl_protocols`.
public struct NginxVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The first number (`1`).
    public var major: Int
    /// The second number (`25`); odd for mainline, even for stable releases.
    public var minor: Int
    /// The third number (`3`).
    public var patch: Int

    /// A version from its parts.
    public init(_ major: Int, _ minor: Int, _ patch: Int = 0) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// Parses `1.25.3`, `1.25` or `nginx/1.25.3`; nil when it is not a version.
    public init?(_ text: String) {
        var text = Substring(text)
        if let slash = text.lastIndex(of: "/") { text = text[text.index(after: slash)...] }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count) else { return nil }
        var numbers: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.allSatisfy(\.isASCII), let n = Int(part), n >= 0 else { return nil }
            numbers.append(n)
        }
        self.init(numbers[0], numbers[1], numbers.count > 2 ? numbers[2] : 0)
    }

    /// `1.25.3`.
    public var description: String { "\(major).\(minor).\(patch)" }

    /// Orders versions by release.
    public static func < (a: NginxVersion, b: NginxVersion) -> Bool {
        (a.major, a.minor, a.patch) < (b.major, b.minor, b.patch)
    }

    /// The version assumed when none is given: the oldest one we still judge (conservative).
    public static let oldestSupported = NginxVersion(1, 18, 0)

    /// TLSv1.3 enabled by default (1.23.4).
    static let tls13ByDefault = NginxVersion(1, 23, 4)
    /// TLSv1 and TLSv1.1 disabled by default (1.27.3).
    static let legacyProtocolsOff = NginxVersion(1, 27, 3)
    /// `ssl_protocols` honoured per virtual server (1.29.2).
    static let perServerProtocols = NginxVersion(1, 29, 2)
    /// `add_header_inherit` (1.29.3).
    static let addHeaderInherit = NginxVersion(1, 29, 3)
    /// Automatic rotation of session ticket keys with a shared session cache (1.23.2).
    static let ticketKeyRotation = NginxVersion(1, 23, 2)

    /// The protocols enabled when `ssl_protocols` is absent (tls-facts.md §3).
    var defaultProtocols: [String] {
        if self < NginxVersion.tls13ByDefault { return ["TLSv1", "TLSv1.1", "TLSv1.2"] }
        if self < NginxVersion.legacyProtocolsOff { return ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"] }
        return ["TLSv1.2", "TLSv1.3"]
    }
}
