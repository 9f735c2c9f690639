import Graph
import TLSFacts
import Testing

private func names(_ s: String, builds: Set<CipherSuite.Build> = CipherString.anyBuild) -> [String] {
    CipherString.evaluate(s, builds: builds).map(\.name)
}

@Test func tableIsConsistent() {
    let table = CipherSuite.openSSLTable
    #expect(Set(table.map(\.id)).count == table.count)
    #expect(Set(table.map(\.name)).count == table.count)
    #expect(table.map(\.id) == table.map(\.id).sorted())
    #expect(table.filter { $0.build == .standard }.count == 155)
    // Every suite OpenSSL 3.0 defines is reachable by ALL:COMPLEMENTOFALL.
    #expect(Set(names("ALL:COMPLEMENTOFALL")) == Set(table.map(\.name)))
    #expect(CipherSuite.named("TLS_RSA_WITH_3DES_EDE_CBC_SHA")?.name == "DES-CBC3-SHA")
    #expect(CipherSuite.named("TLS_AES_128_GCM_SHA256")?.isTLS13 == true)
}

@Test func nginxDefaultKeepsCBCAndRSAButNoAnonymousOrMD5() {
    let suites = CipherString.evaluate(CipherString.nginxDefault, builds: [.standard])
    #expect(suites.count == 125)
    #expect(suites.first?.name == "ECDHE-ECDSA-AES256-GCM-SHA384")
    #expect(suites.contains { $0.name == "AES128-SHA" })
    #expect(!suites.contains { $0.authentication == .anonymous || $0.mac == .md5 })
}

@Test func singleDESAliasDoesNotRemoveTripleDES() {
    #expect(names("ALL:!DES").contains("DES-CBC3-SHA"))
    #expect(!names("ALL:!3DES").contains("DES-CBC3-SHA"))
    #expect(CipherString.analyze("ALL:!DES").obsoleteTokens == ["DES"])
    // A default build cannot offer 3DES at all.
    #expect(!names("ALL", builds: [.standard]).contains("DES-CBC3-SHA"))
}

@Test func defaultMeansAllWithoutComplementOfDefault() {
    #expect(names("DEFAULT") == names(CipherString.defaultRules))
    #expect(names("HIGH:DEFAULT") == names("HIGH"))  // DEFAULT counts only at the start
    #expect(!names("DEFAULT").contains("ADH-AES128-SHA"))
}

@Test func operatorsBehaveLikeOpenSSL() {
    #expect(names("ALL:!aNULL:aNULL").allSatisfy { !$0.hasPrefix("ADH") && !$0.hasPrefix("AECDH") })
    #expect(names("ALL:-aNULL:aNULL").suffix(3).allSatisfy { $0.hasPrefix("ADH") || $0.hasPrefix("AECDH") })
    #expect(names("AES128-SHA:AES256-SHA:@STRENGTH") == ["AES256-SHA", "AES128-SHA"])
    #expect(names("ECDHE-RSA-AES256-SHA:DHE-RSA-AES256-SHA:+ECDHE") == ["DHE-RSA-AES256-SHA", "ECDHE-RSA-AES256-SHA"])
    #expect(names("kEECDH+aECDSA+AES128", builds: [.standard]) == [
        "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES128-CCM8", "ECDHE-ECDSA-AES128-CCM",
        "ECDHE-ECDSA-AES128-SHA256", "ECDHE-ECDSA-AES128-SHA",
    ])
}

@Test func unknownWordsAreReportedAndIgnored() {
    let e = CipherString.analyze("HIGH:foo:!MD5:ECDHE+BAR:TLSv1.1")
    #expect(e.unknownTokens == ["foo", "BAR", "TLSv1.1"])
    #expect(e.isValid)
    #expect(CipherString.analyze("high").failure == .noCipherMatch)
    #expect(CipherString.analyze("TLS_RSA_WITH_AES_128_CBC_SHA").unknownTokens == ["TLS_RSA_WITH_AES_128_CBC_SHA"])
}

@Test func failuresAndCommands() {
    #expect(CipherString.analyze("HIGH:$").failure == .invalidCommand("$"))
    #expect(CipherString.analyze("HIGH:@FOO").failure == .invalidCommand("@FOO"))
    #expect(CipherString.analyze("HIGH+").failure != nil)
    #expect(CipherString.analyze("").failure == .noCipherMatch)
    #expect(CipherString.analyze("!HIGH").failure == .noCipherMatch)
    #expect(CipherString.analyze("MEDIUM", builds: [.standard]).failure == .noCipherMatch)
    #expect(CipherString.analyze("MEDIUM").isValid)  // 3DES/RC4/IDEA/SEED builds
    #expect(CipherString.analyze("DEFAULT:@SECLEVEL=2").securityLevel == 2)
    #expect(CipherString.evaluate("HIGH:$").isEmpty)
}

@Test func suiteClassification() throws {
    let des3 = try #require(CipherSuite.named("DES-CBC3-SHA"))
    #expect(des3.weaknesses == [.tripleDES] && des3.isWeak && !des3.forwardSecret)
    #expect(try #require(CipherSuite.named("NULL-MD5")).weaknesses == [.nullEncryption, .md5])
    #expect(try #require(CipherSuite.named("ADH-AES128-SHA")).weaknesses == [.anonymous])
    #expect(try #require(CipherSuite.named("RC4-SHA")).weaknesses == [.rc4])
    let gcm = try #require(CipherSuite.named("ECDHE-RSA-AES128-GCM-SHA256"))
    #expect(gcm.isAEAD && gcm.forwardSecret && !gcm.isWeak)
    let cbc = try #require(CipherSuite.named("AES128-SHA"))
    #expect(!cbc.isAEAD && !cbc.forwardSecret && !cbc.isWeak && cbc.keyExchange == .rsa)
    #expect(CipherSuite.tls13Default.map(\.name) == ["TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256"])
}

@Test func mozillaProfiles() throws {
    for profile in MozillaProfile.all {
        for name in profile.ciphers { #expect(CipherSuite.named(name) != nil, "\(profile.id): \(name)") }
        for name in profile.ciphersuites { #expect(CipherSuite.named(name)?.isTLS13 == true) }
    }
    #expect(MozillaProfile.lookup("mozilla-6.0-intermediate") == MozillaProfile.intermediate6_0)
    #expect(MozillaProfile.lookup("mozilla-6.0-old") == nil)
    #expect(MozillaProfile.intermediate5_7.ciphers.count == 9 && MozillaProfile.intermediate6_0.ciphers.count == 6)
    #expect(MozillaProfile.old5_7.minVersion == .tls1_0 && MozillaProfile.modern6_0.minVersion == .tls1_3)
    let mozilla = CipherString.evaluate(MozillaProfile.intermediate6_0.ciphers.joined(separator: ":"))
    #expect(MozillaProfile.intermediate6_0.disallowed(mozilla).isEmpty)
    #expect(MozillaProfile.modern6_0.disallowed(mozilla).count == 6)
}

@Test func summaryValue() {
    let s = CipherString.summary("HIGH:!aNULL:!MD5:RC4-SHA:bogus")
    #expect(s["valid"] == true)
    #expect(s["unknownTokens"] == ["bogus"])
    #expect(s["weakReasons"] == ["RC4"] && s["hasWeak"] == true)
    #expect(s["weak"]?[0]?["name"] == "RC4-SHA")
    #expect(s["allowedByProfile"]?["mozilla-6.0-intermediate"] == false)
    #expect(s["allowedByProfile"]?["mozilla-5.7-old"] == false)
    #expect(s["allAEAD"] == false)
    let good = CipherString.summary(MozillaProfile.intermediate5_7.ciphers.joined(separator: ":"))
    #expect(good["allowedByProfile"]?["mozilla-5.7-intermediate"] == true)
    #expect(good["allowedByProfile"]?["mozilla-6.0-intermediate"] == false)
    #expect(good["outsideProfile"]?["mozilla-6.0-intermediate"]?.listValue?.count == 3)
    #expect(good["allAEAD"] == true && good["allForwardSecret"] == true && good["weak"] == [])
    let bad = CipherString.summary("nonsense")
    #expect(bad["valid"] == false && bad["count"] == 0 && bad["failure"] != .null)
}
