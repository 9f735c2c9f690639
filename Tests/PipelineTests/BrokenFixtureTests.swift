import Foundation
import Testing
import TestSupport

/// Broken and hostile inputs through the real binary (`.build/debug/cipherlint`), each in a
/// directory beside a good file: the broken one gives its diagnostic, the exit code is 2, and
/// the good file's finding is still reported.
private let binary = Fixtures.packageRoot.appendingPathComponent(".build/debug/cipherlint").path
private let haveBinary = FileManager.default.isExecutableFile(atPath: binary)
private let brokenDir = Fixtures.packageRoot.appendingPathComponent("Tests/Fixtures/broken").path

/// An Ingress without TLS: one finding of k8s-ingress-tls-configured.
private let goodYAML = """
    apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata: {name: web, namespace: shop}
    spec:
      rules: [{host: shop.example.com}]

    """

struct RunOutput {
    var code: Int32
    var stdout: String
    var stderr: String
}

func runCipherlint(
    _ arguments: [String], in directory: String, environment: [String: String] = [:], prefix: [String] = []
) throws -> RunOutput {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: prefix.first ?? binary)
    process.arguments = prefix.isEmpty ? arguments : Array(prefix.dropFirst()) + [binary] + arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    process.environment = env
    // Output goes to files, so a large report can never block the child on a full pipe.
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("cipherlint-run-\(UUID().uuidString)")
    let outURL = base.appendingPathExtension("out")
    let errURL = base.appendingPathExtension("err")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    defer {
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
    }
    process.standardOutput = try FileHandle(forWritingTo: outURL)
    process.standardError = try FileHandle(forWritingTo: errURL)
    try process.run()
    process.waitUntilExit()
    let outData = (try? Data(contentsOf: outURL)) ?? Data()
    let errData = (try? Data(contentsOf: errURL)) ?? Data()
    return RunOutput(code: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
}

/// A fresh temporary directory holding `good.yaml`.
func scratchDirectory() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cipherlint-broken-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try goodYAML.write(toFile: dir + "/good.yaml", atomically: true, encoding: .utf8)
    return dir
}

private func copyFixture(_ name: String, to dir: String) throws {
    let source = brokenDir + "/" + name
    #expect(FileManager.default.fileExists(atPath: source), "no fixture \(name)")
    try FileManager.default.copyItem(atPath: source, toPath: dir + "/" + name)
}

/// Scans `dir` as JSON and checks the exit code, the expected diagnostic prefixes on standard
/// error, and that good.yaml's finding is there.
private func expectScan(_ dir: String, arguments: [String] = [], code: Int32 = 2, diagnostics: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let run = try runCipherlint(["scan", ".", "--format", "json"] + arguments, in: dir)
    #expect(run.code == code, "exit \(run.code); stderr: \(run.stderr)", sourceLocation: sourceLocation)
    let lines = run.stderr.split(separator: "\n").map(String.init)
    for expected in diagnostics {
        #expect(lines.contains { $0.hasPrefix(expected) }, "missing \(expected)\nstderr: \(run.stderr)", sourceLocation: sourceLocation)
    }
    #expect(run.stdout.contains("\"path\": \"good.yaml\""), "good.yaml not reported", sourceLocation: sourceLocation)
    #expect(run.stdout.contains("\"ruleId\": \"k8s-ingress-tls-configured\""), "good.yaml's finding missing", sourceLocation: sourceLocation)
}

/// Fixture (file or directory under Tests/Fixtures/broken) → the diagnostic prefixes expected.
private let fixtureTable: [(fixture: String, diagnostics: [String])] = [
    ("truncated-plan.json", ["truncated-plan.json:1:4030: error: unexpected end of file: the JSON is truncated"]),
    ("truncated.yaml", ["truncated.yaml:8:1: error: did not find expected ',' or '}' (while parsing a flow mapping at line 7)"]),
    ("invalid-utf8.yaml", ["invalid-utf8.yaml:6:13: error: invalid trailing UTF-8 octet"]),
    ("utf16-nobom.yaml", ["utf16-nobom.yaml:1:2: error: file looks like UTF-16 without a byte order mark; save it as UTF-8"]),
    ("binary.yaml", ["binary.yaml:1:8: error: binary file (NUL byte at offset 7) is not YAML"]),
    ("plan.tfplan", ["plan.tfplan:1:1: error: this is a binary Terraform plan (a zip archive), not JSON"]),
    ("alias-bomb.yaml", ["alias-bomb.yaml:10:60: error: aliases expand to more than 2000000 nodes (an alias bomb?)"]),
    ("duplicate-keys.yaml", ["duplicate-keys.yaml:5:3: error: duplicate key \"name\" (first defined at line 4)"]),
    ("tabs.yaml", ["tabs.yaml:4:1: error: found character that cannot start any token"]),
    ("nginx-cycle", ["nginx-cycle/a.conf:3:5: error: include cycle: nginx-cycle/a.conf → nginx-cycle/a.conf"]),
    ("nginx-missing", ["nginx-missing/nginx.conf:3:5: error: included file \"missing.conf\" not found"]),
    ("nginx-braces", ["nginx-braces/nginx.conf:8:1: error: unexpected end of file, expecting \"}\" to close the block opened at line 2"]),
]

@Test(.enabled(if: haveBinary, "needs .build/debug/cipherlint"), arguments: fixtureTable.indices)
func aBrokenFixtureGivesItsDiagnosticAndTheGoodFileIsStillReported(_ i: Int) throws {
    let dir = try scratchDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try copyFixture(fixtureTable[i].fixture, to: dir)
    try expectScan(dir, diagnostics: fixtureTable[i].diagnostics)
}

/// Generated inputs too large or too odd to commit: name → bytes, expected diagnostic prefixes.
private func generatedCases() -> [(name: String, bytes: [UInt8], diagnostics: [String])] {
    let deepJSON = Array(("{\"format_version\":\"1.2\",\"planned_values\":" + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}").utf8)
    let deepYAML = Array(("apiVersion: v1\nkind: List\nitems: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n").utf8)
    var longLine = Array("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: long}\ndata: {k: \"".utf8)
    longLine += [UInt8](repeating: UInt8(ascii: "a"), count: 10 * 1024 * 1024)
    longLine += Array("\"}\n".utf8)
    var longPlan = Array("{\"format_version\":\"1.2\",\"terraform_version\":\"1.9.0\",\"planned_values\":{\"root_module\":{\"resources\":[{\"x\":\"".utf8)
    longPlan += [UInt8](repeating: UInt8(ascii: "a"), count: 10 * 1024 * 1024)
    return [
        ("deep-plan.json", deepJSON, ["deep-plan.json:1:"]),
        ("deep.yaml", deepYAML, ["deep.yaml:3:"]),
        ("long-line.yaml", longLine, []),
        ("long-line-plan.json", longPlan, ["long-line-plan.json:1:"]),
    ]
}

@Test(.enabled(if: haveBinary, "needs .build/debug/cipherlint"), arguments: 0..<4)
func aGeneratedBrokenInputGivesItsDiagnostic(_ i: Int) throws {
    let dir = try scratchDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let c = generatedCases()[i]
    try Data(c.bytes).write(to: URL(fileURLWithPath: dir + "/" + c.name))
    // A 10 MB line of valid YAML is not an error: it is scanned (exit 1 for good.yaml's finding).
    try expectScan(dir, code: c.diagnostics.isEmpty ? 1 : 2, diagnostics: c.diagnostics)
}

@Test(.enabled(if: haveBinary, "needs .build/debug/cipherlint"))
func aSymbolicLinkLoopIsNotFollowed() throws {
    let dir = try scratchDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: dir + "/sub/loop", withDestinationPath: "..")
    try FileManager.default.createSymbolicLink(atPath: dir + "/self.yaml", withDestinationPath: "self.yaml")
    try FileManager.default.createSymbolicLink(atPath: dir + "/a.yaml", withDestinationPath: "b.yaml")
    try FileManager.default.createSymbolicLink(atPath: dir + "/b.yaml", withDestinationPath: "a.yaml")
    try expectScan(dir, code: 1, diagnostics: [])
}

/// Root reads mode-000 files; as root (CI), the scan runs as `nobody` through setpriv.
private let canDropToNobody = getuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")

@Test(.enabled(if: haveBinary && canDropToNobody, "needs .build/debug/cipherlint, and setpriv when run as root"))
func anUnreadableFileIsAnError() throws {
    let dir = try scratchDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try goodYAML.write(toFile: dir + "/secret.yaml", atomically: true, encoding: .utf8)
    chmod(dir + "/secret.yaml", 0)
    if getuid() != 0 {
        try expectScan(dir, diagnostics: ["secret.yaml:1:1: error: cannot read file"])
        return
    }
    chmod(dir, 0o755)
    let run = try runCipherlint(
        ["scan", ".", "--format", "json"], in: dir,
        prefix: ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"])
    #expect(run.code == 2, "exit \(run.code); stderr: \(run.stderr)")
    #expect(run.stderr.contains("secret.yaml:1:1: error: cannot read file"), "\(run.stderr)")
    #expect(run.stdout.contains("\"ruleId\": \"k8s-ingress-tls-configured\""), "good.yaml's finding missing")
}

@Test(.enabled(if: haveBinary, "needs .build/debug/cipherlint"))
func aDirectoryNamedLikeAYAMLFileIsWalked() throws {
    let dir = try scratchDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileManager.default.createDirectory(atPath: dir + "/x.yaml", withIntermediateDirectories: true)
    try goodYAML.write(toFile: dir + "/x.yaml/inner.yaml", atomically: true, encoding: .utf8)
    try expectScan(dir, code: 1, diagnostics: [])
    let named = try runCipherlint(["scan", "x.yaml", "--format", "json"], in: dir)
    #expect(named.code == 1, "\(named.stderr)")
    #expect(named.stdout.contains("\"path\": \"x.yaml/inner.yaml\""))
}

@Test(.enabled(if: haveBinary, "needs .build/debug/cipherlint"))
func aFileNameThatIsNotUTF8IsScanned() throws {
    let dir = try scratchDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    // "caf\xE9.yaml": Latin-1, not UTF-8; created through POSIX (FileManager would re-encode).
    let name: [CChar] = Array("\(dir)/caf".utf8CString.dropLast()) + [CChar(bitPattern: 0xE9)] + Array(".yaml".utf8CString)
    let fd = open(name, O_WRONLY | O_CREAT, 0o644)
    try #require(fd >= 0)
    let bytes = Array(goodYAML.utf8)
    _ = bytes.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count) }
    close(fd)
    let run = try runCipherlint(["scan", ".", "--format", "json"], in: dir)
    #expect(run.code == 1 || run.code == 2, "\(run.stderr)")
    #expect(run.stdout.contains("\"path\": \"good.yaml\""))
}

@Test(.enabled(if: haveBinary, "needs .build/debug/cipherlint"))
func emptyFilesAreNotErrors() throws {
    let dir = try scratchDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try copyFixture("empty.yaml", to: dir)
    try copyFixture("empty-plan.json", to: dir)
    try expectScan(dir, code: 1, diagnostics: [])
    // Named on the command line, an empty plan is an error (a plan was expected); empty YAML is an empty stream.
    let named = try runCipherlint(["scan", "empty-plan.json", "empty.yaml", "good.yaml", "--format", "json"], in: dir)
    #expect(named.code == 2)
    #expect(named.stderr.contains("empty-plan.json:1:1: error: unexpected end of file: the JSON is truncated (the file is empty)"), "\(named.stderr)")
    #expect(named.stdout.contains("\"ruleId\": \"k8s-ingress-tls-configured\""))
}

@Test(.enabled(if: haveBinary, "needs .build/debug/cipherlint"))
func aUTF16PlanWithoutAByteOrderMarkIsFoundAndRead() throws {
    let dir = try scratchDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try copyFixture("utf16-nobom-plan.json", to: dir)
    let run = try runCipherlint(["scan", ".", "--format", "json"], in: dir)
    #expect(run.code == 1, "\(run.stderr)")
    #expect(run.stdout.contains("\"path\": \"utf16-nobom-plan.json\",\n      \"format\": \"terraform-plan\""), "\(run.stdout.prefix(2000))")
}

@Test(.enabled(if: haveBinary, "needs .build/debug/cipherlint"))
func yamlLimitsCanBeSetAndAreReportedWhenHit() throws {
    let dir = try scratchDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try copyFixture("alias-bomb.yaml", to: dir)
    try expectScan(dir, arguments: ["--max-aliases", "50"], diagnostics: ["alias-bomb.yaml:6:17: error: aliases expand to more than 50 nodes"])
}

@Test(.enabled(if: haveBinary, "needs .build/debug/cipherlint"))
func theCELCostLimitCanBeSetAndAnExpensivePolicyIsAnErrorResultNotAHang() throws {
    let dir = try scratchDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    // A policy a pull request could bring: 10 × 10 × 10 comprehension steps per Ingress.
    let policies = dir + "/../cipherlint-policies-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: policies, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: policies) }
    let ten = "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]"
    try """
        id: expensive-ingress
        title: Ingresses are judged slowly
        severity: low
        description: A deliberately expensive policy.
        remediation: None.
        applies-to: kubernetes/Ingress
        assert: '\(ten).all(a, \(ten).all(b, \(ten).all(c, a + b + c > 0)))'
        message: "{{resource.id}}"
        """.write(toFile: policies + "/expensive-ingress.yaml", atomically: true, encoding: .utf8)
    let limited = try runCipherlint(
        ["scan", ".", "--format", "json", "--policies", policies, "--only", "expensive-ingress,k8s-ingress-tls-configured",
         "--max-cel-cost", "100"], in: dir)
    #expect(limited.code == 1, "\(limited.stderr)")
    #expect(limited.stdout.contains("evaluation cost limit exceeded (100 steps)"), "\(limited.stdout.prefix(3000))")
    #expect(limited.stdout.contains("\"ruleId\": \"k8s-ingress-tls-configured\""))
    let unlimited = try runCipherlint(
        ["scan", ".", "--format", "json", "--policies", policies, "--only", "expensive-ingress"], in: dir)
    #expect(!unlimited.stdout.contains("evaluation cost limit exceeded"), "\(unlimited.stdout.prefix(3000))")
    let bad = try runCipherlint(["scan", ".", "--max-cel-cost", "0"], in: dir)
    #expect(bad.code == 2)
}

@Test(.enabled(if: haveBinary, "needs .build/debug/cipherlint"))
func nginxIncludesFollowSymbolicLinksAsInDebiansSitesEnabled() throws {
    let dir = try scratchDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let nginx = dir + "/nginx"
    for sub in ["sites-available", "sites-enabled", "conf.d"] {
        try FileManager.default.createDirectory(atPath: nginx + "/" + sub, withIntermediateDirectories: true)
    }
    try "events {}\nhttp {\n    include conf.d/*.conf;\n    include sites-enabled/*;\n}\n"
        .write(toFile: nginx + "/nginx.conf", atomically: true, encoding: .utf8)
    try """
        server {
            listen 443 ssl;
            server_name old.example.com;
            ssl_certificate /etc/ssl/old.pem;
            ssl_certificate_key /etc/ssl/old.key;
            ssl_protocols TLSv1 TLSv1.2;
        }

        """.write(toFile: nginx + "/sites-available/old", atomically: true, encoding: .utf8)
    try "# nothing\n".write(toFile: nginx + "/sites-available/real.conf", atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(atPath: nginx + "/sites-enabled/old", withDestinationPath: "../sites-available/old")
    try FileManager.default.createSymbolicLink(atPath: nginx + "/conf.d/real.conf", withDestinationPath: "../sites-available/real.conf")
    let run = try runCipherlint(["scan", "nginx", "--format", "json", "--only", "nginx-tls-protocols-secure"], in: dir)
    #expect(run.stdout.contains("\"ruleId\": \"nginx-tls-protocols-secure\""), "\(run.stdout.prefix(3000))\n\(run.stderr)")
    #expect(run.stdout.contains("sites-enabled/old"), "\(run.stdout.prefix(3000))")
    #expect(!run.stderr.contains("cannot be read"), "\(run.stderr)")
}
