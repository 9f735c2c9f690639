import Findings
import Graph
import Pipeline
import PolicyEngine
import Testing

private let goodIngress = """
    apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata: {name: web, namespace: shop}
    spec:
      rules: [{host: shop.example.com}]
    """

private func aliasBomb() -> String {
    var text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for i in 1...9 {
        text += "  a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n"
    }
    return text
}

private let broken: [(name: String, bytes: [UInt8], line: Int, message: String)] = [
    ("syntax.yaml", Array("apiVersion: v1\nkind: Pod\nmetadata: {name: x\nspec: {}\n".utf8), 4, "did not find expected"),
    ("x.yaml", [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x3E, 0x00], 1, "binary"),
    ("bomb.yaml", Array(aliasBomb().utf8), 0, "alias bomb"),
    (
        "deep.yaml",
        Array(("apiVersion: v1\nkind: List\nitems: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n").utf8),
        3, "nesting deeper"
    ),
]

@Test(arguments: broken.indices)
func aBrokenFileIsOneErrorAndTheOthersAreStillReported(_ i: Int) throws {
    let policies = BuiltinPolicies.load().policies.filter { $0.id == "k8s-ingress-tls-configured" }
    try #require(policies.count == 1)
    let bad = broken[i]
    let inputs = [
        ScanInput(file: SourceFile(path: "a/good.yaml", text: goodIngress)),
        ScanInput(file: SourceFile(path: "b/\(bad.name)", bytes: bad.bytes)),
        ScanInput(file: SourceFile(path: "c/good.yaml", text: goodIngress)),
    ]
    let scanner = Scanner(policies: policies, provider: InMemorySourceProvider([:]), options: ScanOptions(today: "2026-12-01"))
    let evaluation = scanner.scan(inputs)
    let errors = evaluation.diagnostics.filter { $0.severity == .error }
    #expect(errors.count == 1, "\(errors)")
    let error = try #require(errors.first)
    #expect(error.location.path == "b/\(bad.name)")
    if bad.line > 0 { #expect(error.location.line == bad.line, "\(error)") }
    #expect(error.message.contains(bad.message), "\(error)")
    #expect(error.description.hasPrefix("b/\(bad.name):\(error.location.line):\(error.location.column): error: "))
    #expect(evaluation.hasErrors)
    let findings = evaluation.findings.map(\.location.path)
    #expect(findings == ["a/good.yaml", "c/good.yaml"])
}
