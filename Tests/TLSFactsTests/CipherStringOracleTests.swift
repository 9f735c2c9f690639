import Foundation
import TLSFacts
import TestSupport
import Testing

/// One recorded `openssl ciphers -v -- STRING` run (Tests/Fixtures/tls/openssl-ciphers.json,
/// written by scripts/record-openssl-ciphers.py with Debian's OpenSSL 3.0).
struct OracleCase: Decodable, Sendable, CustomTestStringConvertible {
    /// The outcome with the legacy provider loaded, where it differs.
    struct Outcome: Decodable, Sendable {
        var ok: Bool
        var error: String?
        var suites: [String]
    }

    var string: String
    var ok: Bool
    var error: String?
    var suites: [String]
    var legacyProvider: Outcome?
    var testDescription: String { "\"\(string)\"" }
}

struct OracleRecording: Decodable {
    var openssl: String
    var command: String
    var cases: [OracleCase]

    static let recorded: OracleRecording? = {
        guard let text = try? Fixtures.text("tls/openssl-ciphers.json") else { return nil }
        return try? JSONDecoder().decode(OracleRecording.self, from: Data(text.utf8))
    }()
}

/// Cases whose order we do not reproduce; compared as sets. Empty: every case matches exactly.
let setOnlyCases: Set<String> = []

/// The suites Debian's `openssl ciphers` would list: a default build (no 3DES, RC4, GOST; IDEA
/// compiled out by Debian), with SEED only when the legacy provider is loaded.
func ourNames(_ string: String, legacy: Bool = false) -> (names: [String], failure: CipherString.Failure?) {
    var evaluation = CipherString.analyze(string, builds: legacy ? [.standard, .legacyProvider] : [.standard])
    evaluation.suites.removeAll { $0.name == "IDEA-CBC-SHA" }
    if evaluation.failure == nil && evaluation.suites.isEmpty { evaluation.failure = .noCipherMatch }
    return (evaluation.suites.map(\.name), evaluation.failure)
}

func expectAgreement(_ string: String, ok: Bool, error: String?, suites: [String], legacy: Bool = false) {
    let ours = ourNames(string, legacy: legacy)
    if !ok {
        #expect(ours.failure != nil, "openssl rejects \"\(string)\" (\(error ?? "?")) but we accept it: \(ours.names)")
        if let failure = ours.failure, let error {
            switch failure {
            case .invalidCommand: #expect(error == "invalid command")
            case .noCipherMatch: #expect(error == "no cipher match")
            }
        }
        return
    }
    #expect(ours.failure == nil, "openssl accepts \"\(string)\" but we report \(ours.failure.map { "\($0)" } ?? "")")
    if setOnlyCases.contains(string) {
        #expect(Set(ours.names) == Set(suites))
    } else {
        #expect(ours.names == suites, "order or set differs for \"\(string)\"")
    }
}

@Test func oracleRecordingIsPresentAndLarge() throws {
    let recording = try #require(OracleRecording.recorded)
    #expect(recording.cases.count >= 200)
    #expect(recording.openssl.hasPrefix("OpenSSL 3.0"))
}

@Test(arguments: OracleRecording.recorded?.cases ?? [])
func cipherStringMatchesRecordedOpenSSL(_ oracle: OracleCase) {
    expectAgreement(oracle.string, ok: oracle.ok, error: oracle.error, suites: oracle.suites)
    let legacy = oracle.legacyProvider ?? .init(ok: oracle.ok, error: oracle.error, suites: oracle.suites)
    expectAgreement(oracle.string, ok: legacy.ok, error: legacy.error, suites: legacy.suites, legacy: true)
}

/// Where is `openssl`? Nil when it is not on PATH (the live comparison is then skipped).
let opensslPath: String? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    for dir in path.split(separator: ":") {
        let candidate = "\(dir)/openssl"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}()

/// Runs `openssl ciphers -v -- string`; nil on a non-zero exit.
func liveOpenSSL(_ executable: String, _ string: String) throws -> [String]? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = ["ciphers", "-v", "--", string]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = Pipe()
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
    return lines.compactMap { line -> String? in
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count > 1, fields[1] != "TLSv1.3" else { return nil }
        return String(fields[0])
    }
}

/// Re-checks every recorded string against the `openssl` on PATH, when there is one and it is 3.0.
@Test(.enabled(if: opensslPath != nil)) func cipherStringMatchesLiveOpenSSL() throws {
    let executable = try #require(opensslPath)
    guard let version = try liveVersion(executable), version.hasPrefix("OpenSSL 3.0") else { return }
    for oracle in OracleRecording.recorded?.cases ?? [] {
        let live = try liveOpenSSL(executable, oracle.string)
        expectAgreement(oracle.string, ok: live != nil, error: nil, suites: live ?? [])
    }
}

func liveVersion(_ executable: String) throws -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = ["version"]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}
