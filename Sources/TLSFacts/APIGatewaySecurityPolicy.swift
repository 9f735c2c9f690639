import Graph

/// An Amazon API Gateway security policy of a custom domain name (`security_policy`) and the
/// TLS versions it accepts.
///
/// The table (`APIGatewaySecurityPolicy.all`) holds the legacy policies `TLS_1_0` and `TLS_1_2`
/// and the enhanced `SecurityPolicy_…` policies added in 2025. Names are matched exactly, as the
/// API Gateway API does; an unknown name is not guessed at (callers report it as "unrecognised").
public struct APIGatewaySecurityPolicy: Sendable, Hashable {
    /// The policy name, e.g. `SecurityPolicy_TLS13_1_2_2021_06`.
    public var name: String
    /// The oldest protocol version the policy accepts.
    public var minVersion: TLSVersion
    /// Whether the policy is one of the enhanced ones (`SecurityPolicy_…`), which need an
    /// endpoint access mode and cannot be used with mutual TLS or HTTP APIs.
    public var enhanced: Bool
    /// Whether the policy is for edge-optimized endpoints only (`…_EDGE`).
    public var edge: Bool
    /// Whether the policy restricts itself to FIPS-validated cryptography.
    public var fips: Bool
    /// Whether the policy offers hybrid post-quantum key exchange.
    public var postQuantum: Bool
    /// Where the row's facts come from.
    public var source: String

    /// Creates a table row.
    public init(
        name: String, minVersion: TLSVersion, enhanced: Bool = true, edge: Bool = false, fips: Bool = false,
        postQuantum: Bool = false, source: String
    ) {
        self.name = name
        self.minVersion = minVersion
        self.enhanced = enhanced
        self.edge = edge
        self.fips = fips
        self.postQuantum = postQuantum
        self.source = source
    }

    /// The policy API Gateway gives a new custom domain name (regional, edge-optimized or
    /// private) created without one ("Default security policies" in the API Gateway Developer
    /// Guide, "Supported security policies"). Default API endpoints are another matter: regional
    /// and edge-optimized REST APIs default to `TLS_1_0`.
    public static let domainDefault = "TLS_1_2"

    /// The table row for an exact policy name, or nil when the name is not an API Gateway policy.
    public static func lookup(_ name: String) -> APIGatewaySecurityPolicy? { byName[name] }

    /// A CEL-facing view of a policy name: `{known, name, minVersion, minVersionName, enhanced,
    /// edge, fips, pq}`.
    ///
    /// `minVersion` is `"1.0"`…`"1.3"`, so string comparison orders it; for an unknown name
    /// `known` is false and the other facts are `null`.
    public static func celValue(for name: String) -> Value {
        guard let policy = lookup(name) else {
            return [
                "known": false, "name": .string(name), "minVersion": nil, "minVersionName": nil, "enhanced": nil,
                "edge": nil, "fips": nil, "pq": nil,
            ]
        }
        return [
            "known": true, "name": .string(policy.name), "minVersion": .string(policy.minVersion.shortVersion),
            "minVersionName": .string(policy.minVersion.description), "enhanced": .bool(policy.enhanced),
            "edge": .bool(policy.edge), "fips": .bool(policy.fips), "pq": .bool(policy.postQuantum),
        ]
    }

    private static let byName: [String: APIGatewaySecurityPolicy] = {
        var table: [String: APIGatewaySecurityPolicy] = [:]
        for policy in all {
            precondition(table[policy.name] == nil, "duplicate API Gateway policy \(policy.name)")
            table[policy.name] = policy
        }
        return table
    }()
}
