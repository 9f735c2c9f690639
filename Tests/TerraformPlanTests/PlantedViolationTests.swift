import Findings
import Foundation
import Graph
import PolicyEngine
import TestSupport
import Testing

@testable import TerraformPlan

/// gen_plan.py's violation categories and the policies that decide each.
private let policiesByCategory: [String: Set<String>] = [
    "kms_rotation_disabled": ["aws-kms-key-rotation-enabled"],
    "iam_wildcard_action": ["aws-iam-policy-no-full-admin", "aws-iam-policy-no-wildcard-action"],
    "iam_service_wildcard_action": ["aws-iam-policy-no-service-wildcard-on-all-resources"],
    "alb_weak_tls_policy": ["aws-lb-listener-tls-min-version"],
    "alb_http_no_https_redirect": ["aws-lb-listener-http-redirects-to-https"],
    "cloudtrail_log_validation_disabled": ["aws-cloudtrail-log-file-validation-enabled"],
    "cloudtrail_not_kms_encrypted": ["aws-cloudtrail-kms-encrypted"],
    "s3_not_kms_encrypted": ["aws-s3-bucket-kms-encrypted"],
]

private func awsPolicies() throws -> [Policy] {
    let dir = Fixtures.packageRoot.appendingPathComponent("policies/aws")
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }.sorted()
    return try names.map { name in
        let bytes = Array(try Data(contentsOf: dir.appendingPathComponent(name)))
        return try PolicyLoader().load(SourceFile(path: "policies/aws/" + name, bytes: bytes), builtin: false)
    }
}

@Test(arguments: [(1500, 2, "mixed"), (400, 1, "mixed"), (300, 5, "flat"), (300, 9, "modules")])
func scanFindsExactlyThePlantedViolations(n: Int, seed: Int, layout: String) throws {
    guard let (bytes, expected) = try generatedPlan(n, seed: seed, layout: layout) else { return }
    let file = try TerraformPlanParser().parse(SourceFile(path: "plan.json", bytes: bytes))
    let results = Evaluator(policies: try awsPolicies()).evaluate(ResourceGraph(files: [file]))
    #expect(results.filter { $0.status == .error }.map { "\($0.ruleID) \($0.resourceID): \($0.message)" } == [])
    let violations = expected["violations"] as? [String: [[String: Any]]] ?? [:]
    #expect(violations.values.map(\.count).reduce(0, +) > 10)
    for (category, policies) in policiesByCategory.sorted(by: { $0.key < $1.key }) {
        let planted = Set((violations[category] ?? []).compactMap { $0["address"] as? String })
        let found = Set(results.filter { $0.status == .fail && policies.contains($0.ruleID) }.map(\.resourceID))
        #expect(found.subtracting(planted).sorted() == [], "\(category): reported but not planted")
        #expect(planted.subtracting(found).sorted() == [], "\(category): planted but not reported")
    }
    // a policy document known only after apply gives unknown, naming the attribute
    let indeterminate = (expected["indeterminate"] as? [[String: Any]] ?? []).compactMap { $0["address"] as? String }
    for address in indeterminate {
        let verdicts = results.filter { $0.resourceID == address && $0.ruleID.hasPrefix("aws-iam-policy-") }
        #expect(!verdicts.isEmpty && verdicts.allSatisfy { $0.status == .unknown }, "\(address)")
        #expect(verdicts.allSatisfy { !$0.unknownAttributes.isEmpty }, "\(address)")
    }
}
