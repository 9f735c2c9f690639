import Findings
import Graph
import Pipeline
import PolicyEngine
import Testing

// nginx has no apply: an unknown there comes from a version not given or an unreadable include.
@Test func nginxUnknownsSayWhyWithoutMentioningApply() throws {
    let policies = BuiltinPolicies.load().policies.filter { $0.id == "nginx-tls-protocols-secure" }
    try #require(policies.count == 1)
    let input = ScanInput(file: SourceFile(path: "nginx.conf", text: "events {}\nhttp {\n    server { listen 443 ssl; ssl_certificate /c.pem; }\n}\n"))
    let evaluation = Scanner(policies: policies, provider: InMemorySourceProvider([:]), options: ScanOptions(today: "2026-12-01"))
        .scan([input])
    let unknown = try #require(evaluation.results.first { $0.status == .unknown })
    #expect(unknown.message.contains("nginx version"), "\(unknown.message)")
    #expect(!unknown.message.contains("apply"), "\(unknown.message)")
}
