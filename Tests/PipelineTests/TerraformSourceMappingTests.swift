import Foundation
import Testing
import TestSupport

/// Plan findings point at the `.tf` line through the real binary, which reads the Terraform
/// sources from the disk (the `.terraform` directory included, though discovery skips it).

/// The `sourceLocation` of each finding as `path:line:column`, by resource id.
private func sourceLocations(_ arguments: [String]) throws -> [String: String] {
    let run = try runCipherlint(["scan", "--format", "json"] + arguments, in: Fixtures.packageRoot.path)
    #expect(run.code == 1, "\(run.stderr)")
    let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    var out: [String: String] = [:]
    for case let result as [String: Any] in report["results"] as? [Any] ?? [] where result["finding"] as? Bool == true {
        guard let id = result["resourceId"] as? String, let source = result["sourceLocation"] as? [String: Any] else { continue }
        out[id] = "\(source["path"] ?? ""):\(source["line"] ?? ""):\(source["column"] ?? "")"
    }
    return out
}

@Test(.enabled(if: FileManager.default.isExecutableFile(atPath: Fixtures.packageRoot.appendingPathComponent(".build/debug/cipherlint").path)))
func findingsInRegistryModulesPointAtTheInstalledModule() throws {
    let dir = "Tests/Fixtures/terraform/registry-module"
    let found = try sourceLocations([dir, "--only", "aws-kms-key-rotation-enabled"])
    #expect(
        found == [
            "module.keys.aws_kms_key.this[0]": "\(dir)/.terraform/modules/keys/main.tf:10:3",
            "module.keys.module.alias.aws_kms_key.replica": "\(dir)/.terraform/modules/keys/modules/alias/main.tf:4:3",
        ])
}

@Test(.enabled(if: FileManager.default.isExecutableFile(atPath: Fixtures.packageRoot.appendingPathComponent(".build/debug/cipherlint").path)))
func findingsOnDynamicBlocksPointAtTheDynamicBlockAndItsContent() throws {
    let dir = "Tests/Fixtures/terraform/dynamic-blocks"
    let found = try sourceLocations([
        dir, "--policies", "Tests/Fixtures/terraform/dynamic-blocks-policies",
        "--only", "aws-elb-classic-tls-listener-has-policy,sg-no-admin-port-2",
    ])
    #expect(
        found == [
            // `listener`: the dynamic block
            "aws_elb.web": "\(dir)/main.tf:7:3",
            // `ingress[2].from_port`: made by the dynamic block after a written `ingress`
            "aws_security_group.web": "\(dir)/main.tf:31:7",
        ])
}
