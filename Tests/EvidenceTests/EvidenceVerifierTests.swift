import Evidence
import Findings
import Testing

private let names = ["evidence.json", "report.md", "report.html", "results.csv", "MANIFEST.sha256"]

@Test func anIntactBundleVerifies() throws {
    let outcome = EvidenceVerifier.verify(EvidenceSample.files(try EvidenceSample.bundle()), publicKey: nil)
    #expect(outcome.problems.isEmpty)
    #expect(outcome.checkedFiles == 4)
    #expect(outcome.signature == "absent")
}

@Test(arguments: names)
func changingOneByteNamesTheFile(_ name: String) throws {
    var files = EvidenceSample.files(try EvidenceSample.bundle())
    var bytes = try #require(files[name])
    for offset in [0, bytes.count / 2, bytes.count - 1] {
        var changed = bytes
        changed[offset] ^= 0x01
        files[name] = changed
        let problems = EvidenceVerifier.verify(files, publicKey: nil).problems
        #expect(!problems.isEmpty, "a changed byte at \(offset) of \(name) goes unnoticed")
        if name != "MANIFEST.sha256" {
            #expect(problems.map(\.file) == [name])
            #expect(problems.first?.message.hasPrefix("changed") == true)
        } else {
            #expect(problems.contains { $0.file == "MANIFEST.sha256" || names.contains($0.file) })
        }
    }
    bytes.append(0x0a)
    files[name] = bytes
    #expect(!EvidenceVerifier.verify(files, publicKey: nil).problems.isEmpty, "an appended byte of \(name) goes unnoticed")
}

@Test func missingAndExtraFilesAreNamed() throws {
    var files = EvidenceSample.files(try EvidenceSample.bundle())
    files["report.md"] = nil
    files["notes.txt"] = Array("hi".utf8)
    let problems = EvidenceVerifier.verify(files, publicKey: nil).problems
    #expect(problems.map(\.file) == ["report.md", "notes.txt"])
    #expect(problems[0].message.hasPrefix("missing") && problems[1].message.hasPrefix("extra"))
    files["MANIFEST.sha256"] = nil
    #expect(EvidenceVerifier.verify(files, publicKey: nil).problems.map(\.file) == ["MANIFEST.sha256"])
}

@Test func aSignedBundleVerifiesWithItsKeyOnly() throws {
    let key = EvidenceSigningKey.generate()
    let bundle = try EvidenceSample.bundle(key: key)
    #expect(bundle.files.last?.name == "MANIFEST.sha256.sig")
    #expect(bundle["MANIFEST.sha256.sig"]?.count == 64)
    var files = EvidenceSample.files(bundle)
    let good = EvidenceVerifier.verify(files, publicKey: key.publicKey)
    #expect(good.problems.isEmpty)
    #expect(good.signature == "valid")
    #expect(EvidenceVerifier.verify(files, publicKey: nil).signature == "not checked")

    let other = EvidenceSigningKey.generate()
    let wrong = EvidenceVerifier.verify(files, publicKey: other.publicKey)
    #expect(wrong.problems.map(\.file) == ["MANIFEST.sha256.sig"])
    #expect(wrong.signature == "invalid")

    // A manifest rewritten to match a tampered file no longer matches the signature.
    files["report.md"] = Array("forged\n".utf8)
    var listing: [String: [UInt8]] = files
    listing["MANIFEST.sha256"] = nil
    listing["MANIFEST.sha256.sig"] = nil
    files["MANIFEST.sha256"] = Array(EvidenceManifest.render(listing).utf8)
    #expect(EvidenceVerifier.verify(files, publicKey: key.publicKey).problems.map(\.file) == ["MANIFEST.sha256.sig"])

    files["MANIFEST.sha256.sig"] = nil
    #expect(EvidenceVerifier.verify(files, publicKey: key.publicKey).problems.map(\.file) == ["MANIFEST.sha256.sig"])
}

// A key pair and signature of "hello" made with OpenSSL 3 (`openssl genpkey -algorithm ed25519`,
// `openssl pkey -pubout`, `openssl pkeyutl -sign -rawin`): the PEM files interoperate.
private let opensslPrivate = """
    -----BEGIN PRIVATE KEY-----
    MC4CAQAwBQYDK2VwBCIEICACT3O/5XOgYMMwS3lVifOEd4H4kuA7gjAr6/A++2WD
    -----END PRIVATE KEY-----

    """
private let opensslPublic = """
    -----BEGIN PUBLIC KEY-----
    MCowBQYDK2VwAyEAWLZEX2McrYsUBImMWGx8wqIyP0STt55lextGgG/SUe4=
    -----END PUBLIC KEY-----

    """
private let opensslSignature =
    "fe1462c539d30849109625f24a478e03bf2d2fdb09576d6186558007395334428397f1d730eb7df7273a010b430db220b0032598e2eab2e04541cc809afd8606"

private func bytes(hex: String) -> [UInt8] {
    var out: [UInt8] = []
    var chars = Array(hex)[...]
    while chars.count >= 2 {
        out.append(UInt8(String(chars.prefix(2)), radix: 16) ?? 0)
        chars = chars.dropFirst(2)
    }
    return out
}

@Test func keysAreTheFilesOpenSSLWrites() throws {
    let key = try EvidenceSigningKey(pem: opensslPrivate)
    #expect(key.pem == opensslPrivate)
    #expect(key.publicKey.pem == opensslPublic)
    let publicKey = try EvidenceVerifyingKey(pem: opensslPublic)
    let signature = bytes(hex: opensslSignature)
    #expect(publicKey.isValidSignature(signature, of: Array("hello".utf8)))
    #expect(!publicKey.isValidSignature(signature, of: Array("hellO".utf8)))
    #expect(try key.sign(Array("hello".utf8)) == signature || publicKey.isValidSignature(try key.sign(Array("hello".utf8)), of: Array("hello".utf8)))
    let generated = EvidenceSigningKey.generate()
    #expect(try EvidenceSigningKey(pem: generated.pem).publicKey.pem == generated.publicKey.pem)
}

@Test(arguments: [
    "", "-----BEGIN PRIVATE KEY-----\n!!!\n-----END PRIVATE KEY-----\n",
    "-----BEGIN PRIVATE KEY-----\nMCowBQYDK2VwAyEAWLZEX2McrYsUBImMWGx8wqIyP0STt55lextGgG/SUe4=\n-----END PRIVATE KEY-----\n",
    opensslPublic,
])
func badPrivateKeysAreErrorsNotCrashes(_ pem: String) {
    #expect(throws: EvidenceError.self) { try EvidenceSigningKey(pem: pem) }
}

@Test func badManifestLinesAreNamed() {
    guard case .failure(let e) = EvidenceManifest.parse("\(String(repeating: "a", count: 64))  a.txt\nnonsense\n") else {
        Issue.record("accepted a malformed manifest")
        return
    }
    #expect(e.message.hasPrefix("MANIFEST.sha256:2:"))
}
