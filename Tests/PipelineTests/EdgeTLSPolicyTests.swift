import Findings
import Graph
import Pipeline
import PolicyEngine
import Testing

// What the pass/fail examples cannot show: values known only after apply give `unknown`, never
// a pass or a fail, for the CloudFront and API Gateway policies.

private let policies = BuiltinPolicies.load(examples: false).policies

/// The results of one built-in policy on a plan with one resource of `type`, whose `values`
/// and `after_unknown` are given as JSON object bodies.
private func results(_ policyID: String, _ type: String, values: String, afterUnknown: String) throws -> [Result] {
    let policy = try #require(policies.first { $0.id == policyID })
    let plan = """
        {
          "format_version": "1.2",
          "terraform_version": "1.9.8",
          "planned_values": {"root_module": {"resources": [
            {"address": "\(type).x", "mode": "managed", "type": "\(type)", "name": "x",
             "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0,
             "values": {\(values)}, "sensitive_values": {}}
          ]}},
          "resource_changes": [
            {"address": "\(type).x", "mode": "managed", "type": "\(type)", "name": "x",
             "provider_name": "registry.terraform.io/hashicorp/aws",
             "change": {"actions": ["create"], "before": null, "after": {\(values)}, "after_unknown": {\(afterUnknown)}}}
          ]
        }
        """
    let file = SourceFile(path: "plan.json", text: plan)
    let scanner = Scanner(policies: [policy], provider: InMemorySourceProvider([file.path: plan]), options: ScanOptions(today: "2026-12-01"))
    let evaluation = scanner.scan([ScanInput(file: file, explicit: true, format: .terraformPlan)])
    #expect(evaluation.diagnostics.filter { $0.severity == .error }.isEmpty, "\(evaluation.diagnostics)")
    return evaluation.results.filter { $0.ruleID == policyID }
}

private let behaviour = #"{"target_origin_id": "app", "viewer_protocol_policy": "redirect-to-https"}"#

@Test func cloudfrontMinimumVersionKnownAfterApplyIsUnknown() throws {
    let got = try results(
        "aws-cloudfront-viewer-tls-min-version", "aws_cloudfront_distribution",
        values: #""viewer_certificate": [{"acm_certificate_arn": "arn:aws:acm:us-east-1:111122223333:certificate/x", "cloudfront_default_certificate": false, "ssl_support_method": "sni-only"}]"#,
        afterUnknown: #""viewer_certificate": [{"minimum_protocol_version": true}]"#)
    #expect(got.map(\.status) == [.unknown], "\(got)")
    #expect(got.first?.unknownAttributes.contains { $0.contains("minimum_protocol_version") } == true, "\(got)")
}

@Test func cloudfrontDefaultCertificateFailsEvenWhenTheMinimumIsUnknown() throws {
    // CloudFront applies TLSv1 with its own certificate, whatever minimum_protocol_version becomes.
    let got = try results(
        "aws-cloudfront-viewer-tls-min-version", "aws_cloudfront_distribution",
        values: #""viewer_certificate": [{"cloudfront_default_certificate": true}]"#,
        afterUnknown: #""viewer_certificate": [{"minimum_protocol_version": true}]"#)
    #expect(got.map(\.status) == [.fail], "\(got)")
}

@Test func cloudfrontViewerProtocolKnownAfterApplyIsUnknown() throws {
    let got = try results(
        "aws-cloudfront-viewer-protocol-https", "aws_cloudfront_distribution",
        values: #""default_cache_behavior": [\#(behaviour)], "ordered_cache_behavior": [{"path_pattern": "/api/*", "target_origin_id": "app"}]"#,
        afterUnknown: #""ordered_cache_behavior": [{"viewer_protocol_policy": true}]"#)
    #expect(got.map(\.status) == [.unknown], "\(got)")
}

@Test func cloudfrontOriginProtocolsKnownAfterApplyAreUnknown() throws {
    let got = try results(
        "aws-cloudfront-origin-tls", "aws_cloudfront_distribution",
        values: #""origin": [{"origin_id": "app", "domain_name": "app.example.com", "custom_origin_config": [{"origin_protocol_policy": "https-only"}]}]"#,
        afterUnknown: #""origin": [{"custom_origin_config": [{"origin_ssl_protocols": true}]}]"#)
    #expect(got.map(\.status) == [.unknown], "\(got)")
}

@Test func apiGatewayUpdatedPolicyKnownAfterApplyIsUnknown() throws {
    // Set from something computed (not left out): the default does not apply, the value is unknown.
    let got = try results(
        "aws-api-gateway-domain-name-tls-min-version", "aws_apigatewayv2_domain_name",
        values: #""domain_name": "ws.example.com", "domain_name_configuration": [{"endpoint_type": "REGIONAL"}]"#,
        afterUnknown: #""domain_name_configuration": [{"security_policy": true}]"#)
    #expect(got.map(\.status) == [.unknown], "\(got)")
}
