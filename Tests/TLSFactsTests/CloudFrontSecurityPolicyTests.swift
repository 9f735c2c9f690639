import Graph
import TLSFacts
import Testing

@Test(arguments: [
    ("SSLv3", TLSVersion.sslv3, true), ("TLSv1", .tls1_0, true), ("TLSv1_2016", .tls1_0, true),
    ("TLSv1.1_2016", .tls1_1, true), ("TLSv1.2_2018", .tls1_2, true), ("TLSv1.2_2019", .tls1_2, true),
    ("TLSv1.2_2021", .tls1_2, false), ("TLSv1.2_2025", .tls1_2, false), ("TLSv1.3_2025", .tls1_3, false),
])
func cloudfrontPolicyVersions(_ name: String, _ min: TLSVersion, _ weak: Bool) throws {
    let policy = try #require(CloudFrontSecurityPolicy.lookup(name))
    #expect(policy.minVersion == min)
    #expect(policy.weakCiphers == weak)
}

@Test func cloudfrontTableIsTheDeveloperGuideColumns() {
    #expect(CloudFrontSecurityPolicy.all.map(\.name) == [
        "SSLv3", "TLSv1", "TLSv1_2016", "TLSv1.1_2016", "TLSv1.2_2018", "TLSv1.2_2019", "TLSv1.2_2021", "TLSv1.2_2025",
        "TLSv1.3_2025",
    ])
    // Each column offers a subset of the one before it: nothing weak comes back in a newer policy.
    for (older, newer) in zip(CloudFrontSecurityPolicy.all, CloudFrontSecurityPolicy.all.dropFirst()) {
        #expect(older.minVersion <= newer.minVersion, "\(newer.name)")
        #expect(older.cbc || !newer.cbc, "\(newer.name)")
        #expect(older.sha1 || !newer.sha1, "\(newer.name)")
        #expect(older.staticRSA || !newer.staticRSA, "\(newer.name)")
        #expect(older.legacyCiphers || !newer.legacyCiphers, "\(newer.name)")
        #expect(!newer.source.isEmpty)
    }
}

@Test func cloudfrontUnknownAndDefaults() {
    #expect(CloudFrontSecurityPolicy.lookup("TLSv1.2_2099") == nil)
    #expect(CloudFrontSecurityPolicy.lookup("tlsv1.2_2021") == nil)
    #expect(CloudFrontSecurityPolicy.lookup("TLSv1.2") == nil)
    #expect(CloudFrontSecurityPolicy.lookup(CloudFrontSecurityPolicy.terraformDefault)?.minVersion == .tls1_0)
    #expect(CloudFrontSecurityPolicy.lookup(CloudFrontSecurityPolicy.defaultCertificatePolicy)?.minVersion == .tls1_0)
}

@Test func cloudfrontCELValue() {
    let known = CloudFrontSecurityPolicy.celValue(for: "TLSv1.2_2019")
    #expect(known["known"] == true)
    #expect(known["minVersion"] == "1.2")
    #expect(known["weakCiphers"] == true)
    #expect(known["cbc"] == true)
    #expect(known["staticRSA"] == false)
    let unknown = CloudFrontSecurityPolicy.celValue(for: "nope")
    #expect(unknown["known"] == false)
    #expect(unknown["name"] == "nope")
    #expect(unknown["minVersion"] == .null)
    #expect(CloudFrontSecurityPolicy.celValue(for: "SSLv3")["minVersion"] == "0.3")
}

@Test(arguments: [("SSLv3", "0.3"), ("TLSv1", "1.0"), ("TLSv1.1", "1.1"), ("TLSv1.2", "1.2")])
func cloudfrontOriginProtocols(_ name: String, _ version: String) {
    let value = CloudFrontSecurityPolicy.originProtocolCELValue(for: name)
    #expect(value["known"] == true)
    #expect(value["version"] == .string(version))
}

@Test func cloudfrontOriginProtocolUnknown() {
    #expect(CloudFrontSecurityPolicy.originProtocols.count == 4)
    #expect(CloudFrontSecurityPolicy.originProtocolCELValue(for: "TLSv1.3")["known"] == false)
    #expect(CloudFrontSecurityPolicy.originProtocolCELValue(for: "tlsv1.2")["version"] == .null)
}
