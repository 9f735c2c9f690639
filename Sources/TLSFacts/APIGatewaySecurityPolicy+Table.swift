extension APIGatewaySecurityPolicy {
    // Sources (abbreviated in `source`):
    //   "AWS APIGW list"    API Gateway Developer Guide, "Supported security policies"
    //                       (docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-security-policies-list.html):
    //                       the regional/private table gives each policy's TLS versions.
    //   "AWS APIGW legacy"  same guide, "Choose a security policy for your custom domain": TLS_1_0
    //                       accepts TLS 1.0–1.3, TLS_1_2 accepts TLS 1.2 and 1.3.
    //   "AWS Config"        the apigateway-domain-name-tls-check rule, whose valid values list the
    //                       same eleven names as the API's SecurityPolicy enum (plus
    //                       SecurityPolicy_TLS13_1_2_FIPS_PFS_PQ_2025_09 in the SDK enum).
    //   "name pattern"      versions read from the name where the table was not readable: the
    //                       `TLS13_1_X` segment is TLS 1.3 with minimum 1.X, `TLS12_` minimum 1.2,
    //                       `TLS13_2025_EDGE` TLS 1.3 only (verify). Such rows say so.

    /// Every security policy API Gateway offers for custom domain names.
    public static let all: [APIGatewaySecurityPolicy] = [
        // Legacy policies: REST, HTTP and WebSocket domains (HTTP and WebSocket: TLS_1_2 only).
        .init(name: "TLS_1_0", minVersion: .tls1_0, enhanced: false, source: "AWS APIGW legacy"),
        .init(name: "TLS_1_2", minVersion: .tls1_2, enhanced: false, source: "AWS APIGW legacy"),

        // Enhanced policies for regional and private endpoints (2025).
        .init(name: "SecurityPolicy_TLS13_1_3_2025_09", minVersion: .tls1_3, source: "AWS APIGW list"),
        .init(name: "SecurityPolicy_TLS13_1_3_FIPS_2025_09", minVersion: .tls1_3, fips: true, source: "AWS APIGW list"),
        .init(name: "SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09", minVersion: .tls1_2, postQuantum: true, source: "AWS APIGW list"),
        .init(
            name: "SecurityPolicy_TLS13_1_2_FIPS_PQ_2025_09", minVersion: .tls1_2, fips: true, postQuantum: true,
            source: "AWS Config; name pattern"),
        .init(
            name: "SecurityPolicy_TLS13_1_2_FIPS_PFS_PQ_2025_09", minVersion: .tls1_2, fips: true, postQuantum: true,
            source: "AWS APIGW list"),
        .init(name: "SecurityPolicy_TLS13_1_2_PQ_2025_09", minVersion: .tls1_2, postQuantum: true, source: "AWS Config; name pattern"),
        .init(name: "SecurityPolicy_TLS13_1_2_2021_06", minVersion: .tls1_2, source: "AWS Config; name pattern"),

        // Enhanced policies for edge-optimized endpoints (2025).
        .init(name: "SecurityPolicy_TLS13_2025_EDGE", minVersion: .tls1_3, edge: true, source: "AWS Config; name pattern (verify)"),
        .init(name: "SecurityPolicy_TLS12_PFS_2025_EDGE", minVersion: .tls1_2, edge: true, source: "AWS Config; name pattern"),
        .init(name: "SecurityPolicy_TLS12_2018_EDGE", minVersion: .tls1_2, edge: true, source: "AWS Config; name pattern"),
    ]
}
