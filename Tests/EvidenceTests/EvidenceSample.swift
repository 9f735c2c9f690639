import Evidence
import Findings
import Graph

/// A small evaluation with every kind of result, for the bundle tests.
enum EvidenceSample {
    static let wd = "/home/ci/repo"

    static let rules = [
        Rule(
            id: "aws-kms-key-rotation-enabled", title: "KMS keys rotate automatically", severity: .high, description: "", remediation: "",
            controls: ["soc2": ["CC6.1"], "cis-aws-3.0": ["3.6"], "nist-800-53": ["SC-12"]], appliesTo: ["terraform/aws_kms_key"],
            definedIn: "policies/aws/aws-kms-key-rotation-enabled.yaml", builtin: true),
        Rule(
            id: "k8s-ingress-tls-configured", title: "Ingresses terminate TLS", severity: .high, description: "", remediation: "",
            controls: ["soc2": ["CC6.7"], "nist-800-53": ["SC-8"]], appliesTo: ["kubernetes/Ingress"],
            definedIn: "policies/kubernetes/k8s-ingress-tls-configured.yaml", builtin: true),
        Rule(
            id: "aws-s3-bucket-encrypted", title: "Buckets are encrypted", severity: .medium, description: "", remediation: "",
            controls: ["soc2": ["CC6.1", "CC9.9"]], appliesTo: ["terraform/aws_s3_bucket"], definedIn: "/home/ci/repo/my-policies/s3.yaml",
            builtin: false),
        Rule(
            id: "nginx-hsts-enabled", title: "HSTS is sent", severity: .low, description: "", remediation: "", controls: ["pci-dss-4.0": ["4.2.1"]],
            appliesTo: ["nginx/server"], definedIn: "policies/nginx/nginx-hsts-enabled.yaml", builtin: true),
    ]

    static func result(
        _ rule: String, _ status: Result.Status, _ resource: String, path: String = "plan.json", line: Int = 1, message: String = "",
        suppression: Suppression? = nil
    ) -> Result {
        let r = rules.first { $0.id == rule }
        return Result(
            ruleID: rule, severity: r?.severity ?? .low, status: status, message: message.isEmpty ? "\(resource) \(status.rawValue)" : message,
            resourceID: resource, resourceKind: r?.appliesTo.first ?? "x", location: SourceLocation(path: path, line: line, column: 3),
            suppression: suppression)
    }

    static let evaluation = Evaluation(
        results: [
            result("aws-kms-key-rotation-enabled", .pass, "aws_kms_key.main", line: 10),
            result(
                "aws-kms-key-rotation-enabled", .fail, "aws_kms_key.legacy", line: 20,
                suppression: Suppression(kind: .configuration, reason: "replaced by INFRA-123, see \"plan\"", owner: "platform@example.com", until: "2027-03-31", location: SourceLocation(path: "/home/ci/repo/.cipherlint.yaml", line: 4))),
            result("aws-s3-bucket-encrypted", .unknown, "aws_s3_bucket.logs", line: 30),
            result("k8s-ingress-tls-configured", .fail, "Ingress/shop/web", path: "/home/ci/repo/k8s/web.yaml", line: 7, message: "Ingress <web> serves, \"plainly\"\nover HTTP"),
            result("k8s-ingress-tls-configured", .pass, "Ingress/shop/api", path: "k8s/web.yaml", line: 30),
            result("nginx-hsts-enabled", .pass, "nginx.conf:3 server", path: "nginx/nginx.conf", line: 3),
        ],
        diagnostics: [Diagnostic(.warning, "nginx version assumed", at: SourceLocation(path: "nginx/nginx.conf", line: 1))],
        rules: rules,
        inputs: [
            InputSummary(path: "plan.json", format: "terraform-plan", sha256: String(repeating: "a", count: 64), byteCount: 1200, resourceCounts: ["terraform/aws_kms_key": 2, "terraform/aws_s3_bucket": 1]),
            InputSummary(path: "/home/ci/repo/k8s/web.yaml", format: "kubernetes", sha256: String(repeating: "b", count: 64), byteCount: 300, resourceCounts: ["kubernetes/Ingress": 2]),
            InputSummary(path: "nginx/nginx.conf", format: "nginx", sha256: String(repeating: "c", count: 64), byteCount: 80, resourceCounts: ["nginx/server": 1]),
        ])

    static func run(start: String = "2026-12-01T18:30:00Z", end: String = "2026-12-01T18:30:02Z") -> RunInfo {
        RunInfo(toolVersion: "0.1.0", startTime: start, endTime: end, workingDirectory: wd, commandLine: ["cipherlint", "evidence"])
    }

    static func context(_ framework: String = "soc2") -> EvidenceContext {
        EvidenceContext(
            framework: ControlCatalogue.builtin.framework(framework) ?? ControlCatalogue.builtin.frameworks[0],
            policyPack: PolicyPack(
                version: "0.1.0",
                files: [
                    PolicyPack.File(path: "policies/kubernetes/k8s-ingress-tls-configured.yaml", text: "id: k8s-ingress-tls-configured\n", builtin: true),
                    PolicyPack.File(path: "policies/aws/aws-kms-key-rotation-enabled.yaml", text: "id: aws-kms-key-rotation-enabled\n", builtin: true),
                ]),
            paths: ["/home/ci/repo/k8s", "plan.json", "nginx"], configuration: ["framework": framework, "nginx-version": "1.26.2"],
            repository: RepositoryInfo(commit: String(repeating: "f", count: 40), remote: "https://bot:ghp_secret@github.com/acme/infra.git", dirty: false))
    }

    static func bundle(_ framework: String = "soc2", run: RunInfo = run(), key: EvidenceSigningKey? = nil) throws -> EvidenceBundle {
        try EvidenceBundle.render(evaluation, run: run, context: context(framework), signingKey: key)
    }

    static func files(_ bundle: EvidenceBundle) -> [String: [UInt8]] {
        Dictionary(bundle.files.map { ($0.name, $0.bytes) }, uniquingKeysWith: { a, _ in a })
    }

    static func text(_ bundle: EvidenceBundle, _ name: String) -> String {
        String(decoding: bundle[name] ?? [], as: UTF8.self)
    }
}
