/// A Mozilla server-side TLS configuration (ssl-config.mozilla.org), pinned to a guideline version.
///
/// Values from mozilla/ssl-config-generator `src/static/guidelines/<version>.json` as restated in
/// `shared/reference/tls-facts.md` §2 (the 5.7 `old` cipher list is identical in the stored 5.6 and
/// 5.8 files). Policies should record `id` (e.g. `mozilla-6.0-intermediate`) so that results stay
/// reproducible when Mozilla publishes a new guideline.
public struct MozillaProfile: Sendable, Hashable, CustomStringConvertible {
    /// The three configuration levels (6.0 has no `old`).
    public enum Level: String, Sendable, Hashable, CaseIterable {
        /// TLS 1.3 only; TLS 1.2 with AEAD and forward secrecy plus 1.3; legacy clients back to TLS 1.0.
        case modern, intermediate, old
    }

    /// The guideline version, e.g. `"6.0"`.
    public var guideline: String
    /// The configuration level.
    public var level: Level
    /// Accepted protocol versions.
    public var protocols: [TLSVersion]
    /// TLS 1.0–1.2 suites, OpenSSL names, in Mozilla's order (empty for modern).
    public var ciphers: [String]
    /// TLS 1.3 suites.
    public var ciphersuites: [String]
    /// Key-exchange groups, in order.
    public var curves: [String]
    /// Whether the server should prefer its own cipher order.
    public var serverPreferredOrder: Bool
    /// The minimum HSTS `max-age` in seconds.
    public var hstsMinAge: Int

    /// `mozilla-<guideline>-<level>`, e.g. `mozilla-6.0-intermediate`.
    public var id: String { "mozilla-\(guideline)-\(level.rawValue)" }

    /// The same as `id`.
    public var description: String { id }

    /// The oldest protocol the profile accepts.
    public var minVersion: TLSVersion { protocols.min() ?? .tls1_3 }

    /// Whether the profile allows a suite: TLS 1.3 suites by `ciphersuites`, others by `ciphers`.
    public func allows(_ suite: CipherSuite) -> Bool {
        suite.isTLS13 ? ciphersuites.contains(suite.name) : ciphers.contains(suite.name)
    }

    /// The suites of a list that the profile does not allow, in the list's order.
    public func disallowed(_ suites: [CipherSuite]) -> [CipherSuite] { suites.filter { !allows($0) } }

    /// The profile with an id like `mozilla-5.7-old`, or nil.
    public static func lookup(_ id: String) -> MozillaProfile? { all.first { $0.id == id } }

    /// Every pinned profile.
    public static let all: [MozillaProfile] = [modern6_0, intermediate6_0, modern5_7, intermediate5_7, old5_7]

    private static let tls13Suites = ["TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"]
    private static let ecdheAEAD = [
        "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384",
        "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
    ]
    private static let dheAEAD = ["DHE-RSA-AES128-GCM-SHA256", "DHE-RSA-AES256-GCM-SHA384", "DHE-RSA-CHACHA20-POLY1305"]
    private static let curves6_0 = ["X25519MLKEM768", "X25519", "prime256v1", "secp384r1"]
    private static let curves5_7 = ["X25519", "prime256v1", "secp384r1"]

    /// Mozilla 6.0 modern: TLS 1.3 only.
    public static let modern6_0 = MozillaProfile(
        guideline: "6.0", level: .modern, protocols: [.tls1_3], ciphers: [], ciphersuites: tls13Suites, curves: curves6_0,
        serverPreferredOrder: false, hstsMinAge: 63_072_000)

    /// Mozilla 6.0 intermediate: TLS 1.2 with the six ECDHE AEAD suites, and TLS 1.3.
    public static let intermediate6_0 = MozillaProfile(
        guideline: "6.0", level: .intermediate, protocols: [.tls1_2, .tls1_3], ciphers: ecdheAEAD,
        ciphersuites: tls13Suites, curves: curves6_0, serverPreferredOrder: false, hstsMinAge: 63_072_000)

    /// Mozilla 5.7 modern: TLS 1.3 only.
    public static let modern5_7 = MozillaProfile(
        guideline: "5.7", level: .modern, protocols: [.tls1_3], ciphers: [], ciphersuites: tls13Suites, curves: curves5_7,
        serverPreferredOrder: false, hstsMinAge: 63_072_000)

    /// Mozilla 5.7 intermediate: TLS 1.2 with ECDHE and DHE AEAD suites, and TLS 1.3.
    public static let intermediate5_7 = MozillaProfile(
        guideline: "5.7", level: .intermediate, protocols: [.tls1_2, .tls1_3], ciphers: ecdheAEAD + dheAEAD,
        ciphersuites: tls13Suites, curves: curves5_7, serverPreferredOrder: false, hstsMinAge: 63_072_000)

    /// Mozilla 5.7 old: TLS 1.0–1.3 with CBC, SHA-1, RSA key exchange and DES-CBC3-SHA.
    public static let old5_7 = MozillaProfile(
        guideline: "5.7", level: .old, protocols: [.tls1_0, .tls1_1, .tls1_2, .tls1_3],
        ciphers: ecdheAEAD + dheAEAD + [
            "ECDHE-ECDSA-AES128-SHA256", "ECDHE-RSA-AES128-SHA256", "ECDHE-ECDSA-AES128-SHA", "ECDHE-RSA-AES128-SHA",
            "ECDHE-ECDSA-AES256-SHA384", "ECDHE-RSA-AES256-SHA384", "ECDHE-ECDSA-AES256-SHA", "ECDHE-RSA-AES256-SHA",
            "DHE-RSA-AES128-SHA256", "DHE-RSA-AES256-SHA256", "AES128-GCM-SHA256", "AES256-GCM-SHA384", "AES128-SHA256",
            "AES256-SHA256", "AES128-SHA", "AES256-SHA", "DES-CBC3-SHA",
        ], ciphersuites: tls13Suites, curves: curves5_7, serverPreferredOrder: true, hstsMinAge: 63_072_000)
}
