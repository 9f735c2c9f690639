import Foundation
import Graph
import TLSFacts
import Testing

@Test(arguments: [
    ("ELBSecurityPolicy-2016-08", TLSVersion.tls1_0, false),
    ("ELBSecurityPolicy-TLS13-1-0-2021-06", .tls1_0, true),
    ("ELBSecurityPolicy-TLS13-1-1-2021-06", .tls1_1, true),
    ("ELBSecurityPolicy-TLS13-1-2-2021-06", .tls1_2, true),
    ("ELBSecurityPolicy-TLS13-1-3-2021-06", .tls1_3, true),
    ("ELBSecurityPolicy-TLS-1-1-2017-01", .tls1_1, false),
    ("ELBSecurityPolicy-TLS-1-2-2017-01", .tls1_2, false),
    ("ELBSecurityPolicy-FS-2018-06", .tls1_0, false),
    ("ELBSecurityPolicy-TLS-1-0-2015-04", .tls1_0, false),
    ("ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09", .tls1_2, true),
    ("ELBSecurityPolicy-2011-08", .sslv3, false),
])
func elbPolicyVersions(_ name: String, _ min: TLSVersion, _ tls13: Bool) throws {
    let policy = try #require(ELBSecurityPolicy.lookup(name))
    #expect(policy.minVersion == min)
    #expect(policy.supportsTLS13 == tls13)
}

@Test func elbPolicyFlagsFollowTheName() {
    for policy in ELBSecurityPolicy.all {
        #expect(policy.fips == policy.name.contains("FIPS"), "\(policy.name)")
        #expect(policy.postQuantum == policy.name.contains("-PQ-"), "\(policy.name)")
        #expect(policy.supportsTLS13 == policy.name.contains("TLS13"), "\(policy.name)")
        #expect(!policy.source.isEmpty)
    }
}

/// The `1-X` segment of `…TLS13-1-X-…`, `…TLS-1-X-…`, `…FS-1-X-…` is the minimum version (tls-facts.md §1.2).
@Test func elbPolicyMinimumMatchesNamePattern() {
    for policy in ELBSecurityPolicy.all {
        for prefix in ["TLS13-1-", "TLS-1-", "FS-1-"] {
            guard let range = policy.name.range(of: prefix), let digit = policy.name[range.upperBound...].first,
                let minor = digit.wholeNumberValue
            else { continue }
            #expect(policy.minVersion == TLSVersion(parsing: "1.\(minor)"), "\(policy.name)")
        }
    }
}

@Test func elbUnknownAndDefault() {
    #expect(ELBSecurityPolicy.lookup("ELBSecurityPolicy-TLS13-1-2-2099-01") == nil)
    #expect(ELBSecurityPolicy.lookup("elbsecuritypolicy-2016-08") == nil)
    #expect(ELBSecurityPolicy.apiDefault == "ELBSecurityPolicy-2016-08")
    #expect(ELBSecurityPolicy.lookup(ELBSecurityPolicy.apiDefault)?.minVersion == .tls1_0)
    #expect(ELBSecurityPolicy.lookup(ELBSecurityPolicy.consoleDefault)?.postQuantum == true)
}

@Test func elbCELValue() {
    let known = ELBSecurityPolicy.celValue(for: "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04")
    #expect(known["known"] == true)
    #expect(known["minVersion"] == "1.2")
    #expect(known["tls13"] == true)
    #expect(known["fips"] == true)
    #expect(known["pq"] == false)
    let unknown = ELBSecurityPolicy.celValue(for: "nope")
    #expect(unknown["known"] == false)
    #expect(unknown["name"] == "nope")
    #expect(unknown["minVersion"] == .null)
    #expect(ELBSecurityPolicy.celValue(for: "ELBSecurityPolicy-2014-01")["minVersion"] == "0.3")
}

@Test(arguments: [
    ("TLSv1", TLSVersion.tls1_0), ("TLSv1.1", .tls1_1), ("TLSv1.2", .tls1_2), ("TLSv1.3", .tls1_3),
    ("TLSV1_0", .tls1_0), ("TLSV1_2", .tls1_2), ("TLSV1_3", .tls1_3), ("1.2", .tls1_2), ("1.0", .tls1_0),
    ("SSLv3", .sslv3), ("SSLv2", .sslv2), ("Protocol-TLSv1.1", .tls1_1), ("tls1_2", .tls1_2),
    (" TLS 1.3 ", .tls1_3), ("TLS1.2", .tls1_2),
])
func tlsVersionParses(_ text: String, _ version: TLSVersion) {
    #expect(TLSVersion(parsing: text) == version)
}

@Test(arguments: ["TLS_AUTO", "", "TLSv2", "1.4", "SSLv4", "v1.2x"])
func tlsVersionRejects(_ text: String) {
    #expect(TLSVersion(parsing: text) == nil)
}

@Test func tlsVersionOrdersAndSpells() {
    #expect(TLSVersion.sslv3 < .tls1_0 && TLSVersion.tls1_2 < .tls1_3)
    #expect(TLSVersion.tls1_0.nginxName == "TLSv1")
    #expect(TLSVersion.tls1_2.istioName == "TLSV1_2")
    #expect(TLSVersion.allCases.map(\.shortVersion) == TLSVersion.allCases.map(\.shortVersion).sorted())
}
