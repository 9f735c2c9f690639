import Findings
import Graph
import Reporting

/// A hand-built evaluation with a fixed set of rules, so goldens do not churn when policies
/// change: a failure with a `.tf` location, one without, an unknown, an error, a suppressed
/// failure, passes, diagnostics, and unicode and quotes in messages.
enum Sample {
    static let run = RunInfo(
        toolVersion: "0.3.0", startTime: "2026-12-01T18:30:00Z", endTime: "2026-12-01T18:30:02Z",
        workingDirectory: "/home/ci/repo", commandLine: ["cipherlint", "scan", "."], category: "iac")

    static let rules: [Rule] = [
        Rule(
            id: "aws-kms-key-rotation-enabled", title: "KMS keys rotate automatically", severity: .high,
            description: "A customer managed KMS key without `enable_key_rotation` keeps the same key material **forever**.",
            remediation: "Set `enable_key_rotation = true`.\n\n```hcl\nresource \"aws_kms_key\" \"main\" {\n  enable_key_rotation = true\n}\n```",
            controls: ["soc2": ["CC6.1"], "cis-aws-3.0": ["3.6"], "nist-800-53": ["SC-12"]],
            appliesTo: ["terraform/aws_kms_key"], definedIn: "policies/aws/aws-kms-key-rotation-enabled.yaml", builtin: true,
            tags: ["encryption-at-rest"], helpURI: "https://example.com/rules/aws-kms-key-rotation-enabled"),
        Rule(
            id: "aws-s3-bucket-kms-encrypted", title: "S3 buckets are encrypted with a customer managed KMS key",
            severity: .critical, description: "Buckets should use SSE-KMS with a [customer managed key](https://docs.aws.amazon.com/kms/).",
            remediation: "Set `kms_master_key_id` in the bucket's encryption configuration.",
            controls: ["soc2": ["CC6.1"], "pci-dss-4.0": ["3.5.1"], "hipaa": ["164.312(a)(2)(iv)"]],
            appliesTo: ["terraform/aws_s3_bucket_server_side_encryption_configuration"],
            definedIn: "policies/aws/aws-s3-bucket-kms-encrypted.yaml", builtin: true),
        Rule(
            id: "k8s-ingress-tls-configured", title: "Ingresses terminate TLS", severity: .high,
            description: "An Ingress without `tls` serves its hosts over plain HTTP.",
            remediation: "Add a `tls` entry naming the hosts and a certificate Secret.",
            controls: ["soc2": ["CC6.7"]], appliesTo: ["kubernetes/Ingress"],
            definedIn: "policies/kubernetes/k8s-ingress-tls-configured.yaml", builtin: true),
        Rule(
            id: "nginx-ocsp-stapling-enabled", title: "nginx staples OCSP responses", severity: .info,
            description: "Stapling saves clients a round trip to the CA.", remediation: "Add `ssl_stapling on;`.",
            appliesTo: ["nginx/server"], definedIn: "policies/nginx/nginx-ocsp-stapling-enabled.yaml", builtin: true),
        Rule(
            id: "nginx-ssl-protocols-modern", title: "nginx accepts only TLS 1.2 and 1.3", severity: .medium,
            description: "TLS 1.0 and 1.1 are deprecated (RFC 8996).", remediation: "Write `ssl_protocols TLSv1.2 TLSv1.3;`.",
            controls: ["pci-dss-4.0": ["4.2.1"]], appliesTo: ["nginx/server"],
            definedIn: "policies/nginx/nginx-ssl-protocols-modern.yaml", builtin: true, tags: ["heuristic"]),
    ]

    static let tfSource = """
        terraform {
          required_version = ">= 1.5"
        }

        resource "aws_kms_key" "main" {
          description         = "main key"
          enable_key_rotation = false
        }

        """

    static let webYAML = """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
        spec:
          rules:
            - host: "shop.example.com"
        """

    static let nginxConf = "http {\n\tserver {\n\t\tlisten 443 ssl;\n\t\tssl_protocols TLSv1 TLSv1.2;\n\t}\n}\n"

    static let sources: [String: SourceFile] = [
        "infra/kms.tf": SourceFile(path: "infra/kms.tf", text: tfSource),
        "k8s/my app/web.yaml": SourceFile(path: "k8s/my app/web.yaml", text: webYAML),
        "/home/ci/repo/nginx/nginx.conf": SourceFile(path: "/home/ci/repo/nginx/nginx.conf", text: nginxConf),
    ]

    static func kmsFailure(line: Int = 7, resourceID: String = "aws_kms_key.main") -> Result {
        Result(
            ruleID: "aws-kms-key-rotation-enabled", severity: .high, status: .fail,
            message: "KMS key \(resourceID) does not rotate its key material", resourceID: resourceID,
            resourceKind: "terraform/aws_kms_key",
            location: Graph.SourceLocation(path: "plan.json", line: 40, column: 11),
            sourceLocation: Graph.SourceLocation(path: "infra/kms.tf", line: line, column: 3, endLine: line, endColumn: 30),
            attribute: AttributePath(keys: "enable_key_rotation"))
    }

    static var results: [Result] {
        [
            kmsFailure(),
            Result(
                ruleID: "aws-kms-key-rotation-enabled", severity: .high, status: .pass, message: "KMS key rotates",
                resourceID: "aws_kms_key.logs", resourceKind: "terraform/aws_kms_key",
                location: Graph.SourceLocation(path: "plan.json", line: 60, column: 11)),
            Result(
                ruleID: "aws-s3-bucket-kms-encrypted", severity: .critical, status: .unknown,
                message: "Bucket aws_s3_bucket.data's encryption key", resourceID: "aws_s3_bucket_server_side_encryption_configuration.data",
                resourceKind: "terraform/aws_s3_bucket_server_side_encryption_configuration",
                location: Graph.SourceLocation(path: "plan.json", line: 88, column: 15),
                attribute: AttributePath(keys: "rule", "apply_server_side_encryption_by_default", "kms_master_key_id"),
                unknownAttributes: ["resource.kms_master_key_id"]),
            Result(
                ruleID: "k8s-ingress-tls-configured", severity: .high, status: .fail,
                message: "Ingress \"web\" serves shop.example.com over plain HTTP — «ohne TLS» 🔓 <b>&</b>",
                resourceID: "kubernetes/Ingress/default/web", resourceKind: "kubernetes/Ingress",
                location: Graph.SourceLocation(path: "k8s/my app/web.yaml", line: 5, column: 1)),
            Result(
                ruleID: "nginx-ssl-protocols-modern", severity: .medium, status: .fail,
                message: "server accepts TLSv1", resourceID: "nginx/nginx.conf:2/server", resourceKind: "nginx/server",
                location: Graph.SourceLocation(path: "/home/ci/repo/nginx/nginx.conf", line: 4, column: 17, endLine: 4, endColumn: 22),
                attribute: AttributePath(keys: "ssl_protocols"),
                suppression: Suppression(
                    kind: .inline, reason: "Legacy POS terminals; replaced in Q1", owner: "payments", until: "2027-03-31",
                    location: Graph.SourceLocation(path: "/home/ci/repo/nginx/nginx.conf", line: 3, column: 3))),
            Result(
                ruleID: "nginx-ocsp-stapling-enabled", severity: .info, status: .error,
                message: "no such key: 'ssl_stapling'", resourceID: "nginx/nginx.conf:2/server", resourceKind: "nginx/server",
                location: Graph.SourceLocation(path: "/home/ci/repo/nginx/nginx.conf", line: 2, column: 2)),
            Result(
                ruleID: "nginx-ocsp-stapling-enabled", severity: .info, status: .fail,
                message: "server does not staple OCSP responses", resourceID: "nginx/nginx.conf:9/server",
                resourceKind: "nginx/server", location: Graph.SourceLocation(path: "/home/ci/repo/nginx/nginx.conf", line: 3, column: 3)),
        ]
    }

    static let diagnostics: [Diagnostic] = [
        Diagnostic(.error, "mapping values are not allowed in this context", at: Graph.SourceLocation(path: "k8s/broken.yaml", line: 3, column: 7)),
        Diagnostic(.warning, "policy param \"minVersion\" overrides the default", at: Graph.SourceLocation(path: "/etc/cipherlint/policies/x.yaml", line: 1, column: 1)),
    ]

    static let inputs: [InputSummary] = [
        InputSummary(path: "plan.json", format: "terraform-plan", sha256: String(repeating: "a", count: 64), byteCount: 2048,
                     resourceCounts: ["terraform/aws_kms_key": 2, "terraform/aws_s3_bucket_server_side_encryption_configuration": 1]),
        InputSummary(path: "k8s/my app/web.yaml", format: "kubernetes", sha256: String(repeating: "b", count: 64), byteCount: 120,
                     resourceCounts: ["kubernetes/Ingress": 1]),
        InputSummary(path: "k8s/broken.yaml", format: "kubernetes", sha256: String(repeating: "c", count: 64), byteCount: 30,
                     resourceCounts: [:], failed: true),
        InputSummary(path: "/home/ci/repo/nginx/nginx.conf", format: "nginx", sha256: String(repeating: "d", count: 64),
                     byteCount: 64, resourceCounts: ["nginx/server": 2]),
    ]

    static var evaluation: Evaluation {
        Evaluation(results: results, diagnostics: diagnostics, rules: rules, inputs: inputs)
    }

    static var options: ReportOptions { ReportOptions(sources: sources) }
}
