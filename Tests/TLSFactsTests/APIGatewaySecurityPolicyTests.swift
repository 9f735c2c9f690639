import Graph
import TLSFacts
import Testing

@Test(arguments: [
    ("TLS_1_0", TLSVersion.tls1_0), ("TLS_1_2", .tls1_2), ("SecurityPolicy_TLS13_1_3_2025_09", .tls1_3),
    ("SecurityPolicy_TLS13_1_3_FIPS_2025_09", .tls1_3), ("SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09", .tls1_2),
    ("SecurityPolicy_TLS13_1_2_FIPS_PFS_PQ_2025_09", .tls1_2), ("SecurityPolicy_TLS13_1_2_2021_06", .tls1_2),
    ("SecurityPolicy_TLS12_2018_EDGE", .tls1_2), ("SecurityPolicy_TLS12_PFS_2025_EDGE", .tls1_2),
])
func apiGatewayPolicyVersions(_ name: String, _ min: TLSVersion) throws {
    let policy = try #require(APIGatewaySecurityPolicy.lookup(name))
    #expect(policy.minVersion == min)
}

@Test func apiGatewayFlagsFollowTheName() {
    #expect(APIGatewaySecurityPolicy.all.count == 12)
    for policy in APIGatewaySecurityPolicy.all {
        #expect(policy.enhanced == policy.name.hasPrefix("SecurityPolicy_"), "\(policy.name)")
        #expect(policy.edge == policy.name.hasSuffix("_EDGE"), "\(policy.name)")
        #expect(policy.fips == policy.name.contains("_FIPS"), "\(policy.name)")
        #expect(policy.postQuantum == policy.name.contains("_PQ_"), "\(policy.name)")
        #expect(!policy.source.isEmpty)
    }
}

@Test func apiGatewayUnknownAndDefault() {
    #expect(APIGatewaySecurityPolicy.lookup("TLS_1_3") == nil)
    #expect(APIGatewaySecurityPolicy.lookup("tls_1_2") == nil)
    #expect(APIGatewaySecurityPolicy.lookup("TLS-1-2") == nil)
    #expect(APIGatewaySecurityPolicy.lookup(APIGatewaySecurityPolicy.domainDefault)?.minVersion == .tls1_2)
}

@Test func apiGatewayCELValue() {
    let known = APIGatewaySecurityPolicy.celValue(for: "SecurityPolicy_TLS13_1_2_FIPS_PQ_2025_09")
    #expect(known["known"] == true)
    #expect(known["minVersion"] == "1.2")
    #expect(known["fips"] == true)
    #expect(known["pq"] == true)
    #expect(known["enhanced"] == true)
    let unknown = APIGatewaySecurityPolicy.celValue(for: "nope")
    #expect(unknown["known"] == false)
    #expect(unknown["minVersion"] == .null)
}
