import Graph

/// A CloudFront viewer security policy (`minimum_protocol_version`) and what it lets viewers
/// negotiate.
///
/// The table (`CloudFrontSecurityPolicy.all`) is the one in the CloudFront Developer Guide,
/// "Supported protocols and ciphers between viewers and CloudFront". Names are matched exactly,
/// as the CloudFront API does; an unknown name is not guessed at (callers report it as
/// "unrecognised"). The origin side, `origin_ssl_protocols`, is `originProtocols`.
public struct CloudFrontSecurityPolicy: Sendable, Hashable {
    /// The policy name, e.g. `TLSv1.2_2021`.
    public var name: String
    /// The oldest protocol version the policy accepts.
    public var minVersion: TLSVersion
    /// Whether the policy offers a CBC-mode suite (`…-SHA`, `…-SHA256`, `…-SHA384` without GCM).
    public var cbc: Bool
    /// Whether the policy offers a suite with a SHA-1 MAC (`ECDHE-RSA-AES128-SHA`, `AES128-SHA`, …).
    public var sha1: Bool
    /// Whether the policy offers a suite without forward secrecy (RSA key exchange: `AES128-GCM-SHA256`, …).
    public var staticRSA: Bool
    /// Whether the policy offers RC4 or 3DES (`RC4-MD5`, `DES-CBC3-SHA`).
    public var legacyCiphers: Bool
    /// Where the row's facts come from.
    public var source: String

    /// Creates a table row.
    public init(
        name: String, minVersion: TLSVersion, cbc: Bool, sha1: Bool, staticRSA: Bool, legacyCiphers: Bool = false,
        source: String
    ) {
        self.name = name
        self.minVersion = minVersion
        self.cbc = cbc
        self.sha1 = sha1
        self.staticRSA = staticRSA
        self.legacyCiphers = legacyCiphers
        self.source = source
    }

    /// Whether any offered suite is one of the weak kinds: CBC, SHA-1, RSA key exchange, RC4 or 3DES.
    public var weakCiphers: Bool { cbc || sha1 || staticRSA || legacyCiphers }

    /// What the Terraform AWS provider sends when `viewer_certificate` has no
    /// `minimum_protocol_version` (its schema default, `awstypes.MinimumProtocolVersionTLSv1`).
    public static let terraformDefault = "TLSv1"

    /// The policy CloudFront applies whatever `minimum_protocol_version` says when the
    /// distribution uses its `*.cloudfront.net` certificate (`cloudfront_default_certificate =
    /// true`): "CloudFront automatically sets the security policy to TLSv1 regardless of the
    /// value that you set here" (CloudFront API reference, `ViewerCertificate`).
    public static let defaultCertificatePolicy = "TLSv1"

    /// The table row for an exact policy name, or nil when CloudFront has no such policy.
    public static func lookup(_ name: String) -> CloudFrontSecurityPolicy? { byName[name] }

    /// A CEL-facing view of a policy name: `{known, name, minVersion, minVersionName,
    /// weakCiphers, cbc, sha1, staticRSA, legacyCiphers}`.
    ///
    /// `minVersion` is `"1.0"`…`"1.3"` (SSL 3.0 is `"0.3"`), so string comparison orders it;
    /// for an unknown name `known` is false and the other facts are `null`.
    public static func celValue(for name: String) -> Value {
        guard let policy = lookup(name) else {
            return [
                "known": false, "name": .string(name), "minVersion": nil, "minVersionName": nil, "weakCiphers": nil,
                "cbc": nil, "sha1": nil, "staticRSA": nil, "legacyCiphers": nil,
            ]
        }
        return [
            "known": true, "name": .string(policy.name), "minVersion": .string(policy.minVersion.shortVersion),
            "minVersionName": .string(policy.minVersion.description), "weakCiphers": .bool(policy.weakCiphers),
            "cbc": .bool(policy.cbc), "sha1": .bool(policy.sha1), "staticRSA": .bool(policy.staticRSA),
            "legacyCiphers": .bool(policy.legacyCiphers),
        ]
    }

    /// The values of a custom origin's `origin_ssl_protocols` and the protocol each one is
    /// (CloudFront API reference, `OriginSslProtocols`: `SSLv3 | TLSv1 | TLSv1.1 | TLSv1.2`).
    public static let originProtocols: [String: TLSVersion] = [
        "SSLv3": .sslv3, "TLSv1": .tls1_0, "TLSv1.1": .tls1_1, "TLSv1.2": .tls1_2,
    ]

    /// A CEL-facing view of one `origin_ssl_protocols` value: `{known, name, version, versionName}`,
    /// `version` as in `celValue(for:)`, `null` with `known` false for a value CloudFront does not take.
    public static func originProtocolCELValue(for name: String) -> Value {
        guard let version = originProtocols[name] else {
            return ["known": false, "name": .string(name), "version": nil, "versionName": nil]
        }
        return [
            "known": true, "name": .string(name), "version": .string(version.shortVersion),
            "versionName": .string(version.description),
        ]
    }

    private static let byName: [String: CloudFrontSecurityPolicy] = {
        var table: [String: CloudFrontSecurityPolicy] = [:]
        for policy in all {
            precondition(table[policy.name] == nil, "duplicate CloudFront policy \(policy.name)")
            table[policy.name] = policy
        }
        return table
    }()
}
