import Findings
import Graph
import Pipeline
import PolicyEngine
import Testing

/// Files in memory where some paths are symbolic links to others, as in a copy of Debian's
/// /etc/nginx (`sites-enabled/shop` → `../sites-available/shop`).
private struct LinkedProvider: SourceProvider {
    var files: InMemorySourceProvider
    /// Link path → target path.
    var links: [String: String]

    func file(at path: String) -> SourceFile? {
        files.file(at: links[path] ?? path).map { SourceFile(path: path, bytes: $0.bytes) }
    }
    func glob(_ pattern: String) -> [String] {
        (files.glob(pattern) + links.keys.filter { Glob.matches(pattern, $0) }).sorted()
    }
    func directoryEntries(at path: String) -> [String]? { files.directoryEntries(at: path) }
    func canonicalPath(_ path: String) -> String { links[path] ?? path }
}

@Test func aSiteEnabledThroughALinkIsReportedOnce() throws {
    let policies = BuiltinPolicies.load().policies.filter { $0.id == "nginx-tls-protocols-secure" }
    try #require(policies.count == 1)
    func site(_ name: String) -> String {
        "server {\n    listen 443 ssl;\n    server_name \(name);\n    ssl_certificate /c.pem;\n    ssl_protocols TLSv1 TLSv1.2;\n}\n"
    }
    let files = InMemorySourceProvider([
        "etc/nginx.conf": "events {}\nhttp {\n    include sites-enabled/*;\n}\n",
        "etc/sites-available/shop": site("shop"),
        "etc/sites-available/old": site("old"),
    ])
    let provider = LinkedProvider(files: files, links: ["etc/sites-enabled/shop": "etc/sites-available/shop"])
    let paths = ["etc/nginx.conf", "etc/sites-available/old", "etc/sites-available/shop", "etc/sites-enabled/shop"]
    let inputs = paths.compactMap { provider.file(at: $0) }.map { ScanInput(file: $0) }
    try #require(inputs.count == paths.count)
    let evaluation = Scanner(policies: policies, provider: provider, options: ScanOptions(today: "2026-12-01")).scan(inputs)
    let findings = evaluation.findings.map { "\($0.location.path):\($0.location.line)" }.sorted()
    // The enabled site once, under the name nginx reads it by; the disabled one on its own.
    #expect(findings == ["etc/sites-available/old:5", "etc/sites-enabled/shop:5"])
    // Both names stay in the scope the reports list.
    #expect(evaluation.inputs.map(\.path) == paths.sorted())
}
