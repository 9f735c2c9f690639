import Graph

/// A predefined AWS Elastic Load Balancing security policy and the TLS versions it accepts.
///
/// The table (`ELBSecurityPolicy.all`) covers the ALB/NLB policies (`aws elbv2
/// describe-ssl-policies`) and the Classic Load Balancer predefined policies. Names are matched
/// exactly, as the AWS API does; an unknown name is not guessed at (callers report it as
/// "unrecognised"). Facts and sources: `shared/reference/tls-facts.md` §1, cited per row.
public struct ELBSecurityPolicy: Sendable, Hashable {
    /// Which load balancers offer a policy.
    public enum Availability: String, Sendable, Hashable {
        /// Application and Network Load Balancers only (`elbv2`).
        case elbv2
        /// Classic Load Balancers only (`elb`).
        case classic
        /// Both families.
        case both
    }

    /// The policy name, e.g. `ELBSecurityPolicy-TLS13-1-2-2021-06`.
    public var name: String
    /// The oldest protocol version the policy accepts.
    public var minVersion: TLSVersion
    /// Whether the policy accepts TLS 1.3.
    public var supportsTLS13: Bool
    /// Whether the policy restricts itself to FIPS-validated cryptography.
    public var fips: Bool
    /// Whether the policy offers hybrid post-quantum key exchange (ML-KEM).
    public var postQuantum: Bool
    /// Which load balancer families offer it.
    public var availability: Availability
    /// Where the row's facts come from (kept short; the table's comments say more).
    public var source: String

    /// Creates a table row.
    public init(
        name: String, minVersion: TLSVersion, supportsTLS13: Bool, fips: Bool = false, postQuantum: Bool = false,
        availability: Availability = .elbv2, source: String
    ) {
        self.name = name
        self.minVersion = minVersion
        self.supportsTLS13 = supportsTLS13
        self.fips = fips
        self.postQuantum = postQuantum
        self.availability = availability
        self.source = source
    }

    /// The policy a listener gets when it is created through the API, CLI, CloudFormation, CDK or
    /// Terraform without one (tls-facts.md §1.1): TLS 1.0–1.2.
    public static let apiDefault = "ELBSecurityPolicy-2016-08"

    /// The policy the ALB console picks by default, and AWS's current recommendation.
    public static let consoleDefault = "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09"

    /// The table row for an exact policy name, or nil when the name is not a known predefined policy.
    public static func lookup(_ name: String) -> ELBSecurityPolicy? { byName[name] }

    /// A CEL-facing view of a policy name: `{known, name, minVersion, minVersionName, tls13, fips,
    /// pq, availability}`.
    ///
    /// `minVersion` is `"1.0"`…`"1.3"` (SSL 3.0 is `"0.3"`), so string comparison orders it;
    /// for an unknown name `known` is false and the other facts are `null`.
    public static func celValue(for name: String) -> Value {
        guard let policy = lookup(name) else {
            return [
                "known": false, "name": .string(name), "minVersion": nil, "minVersionName": nil, "tls13": nil,
                "fips": nil, "pq": nil, "availability": nil,
            ]
        }
        return [
            "known": true, "name": .string(policy.name), "minVersion": .string(policy.minVersion.shortVersion),
            "minVersionName": .string(policy.minVersion.description), "tls13": .bool(policy.supportsTLS13),
            "fips": .bool(policy.fips), "pq": .bool(policy.postQuantum),
            "availability": .string(policy.availability.rawValue),
        ]
    }

    private static let byName: [String: ELBSecurityPolicy] = {
        var table: [String: ELBSecurityPolicy] = [:]
        for policy in all {
            precondition(table[policy.name] == nil, "duplicate ELB policy \(policy.name)")
            table[policy.name] = policy
        }
        return table
    }()
}
