import Foundation
import Graph
import Testing
import TestSupport

@testable import TerraformPlan

/// A plan with one KMS key in each of these modules (configuration path → call source): a
/// registry module, a local module inside it, a git module, a local module, and a registry
/// module `terraform init` did not record.
private let modulePlan: String = {
    let calls: [(path: [String], source: String)] = [
        (["bucket"], "terraform-aws-modules/s3-bucket/aws"),
        (["bucket", "nested"], "./modules/nested"),
        (["vpc"], "git::https://example.com/vpc.git?ref=v1.2.0"),
        (["local"], "./modules/local"),
        (["unlisted"], "terraform-aws-modules/kms/aws"),
    ]
    func address(_ path: [String]) -> String { path.map { "module.\($0)" }.joined(separator: ".") }
    let resources = calls.map { call in
        #"{"address": "\#(address(call.path)).aws_kms_key.this", "mode": "managed", "type": "aws_kms_key", "name": "this", "values": {"enable_key_rotation": false}}"#
    }
    func module(_ prefix: [String]) -> String {
        let children = calls.filter { Array($0.path.dropLast()) == prefix }
        let members = children.map { call in
            #""\#(call.path.last ?? "")": {"source": "\#(call.source)", "module": \#(module(call.path))}"#
        }
        let key = #"{"address": "aws_kms_key.this", "mode": "managed", "type": "aws_kms_key", "name": "this", "expressions": {}}"#
        return #"{"resources": [\#(prefix.isEmpty ? "" : key)], "module_calls": {\#(members.joined(separator: ", "))}}"#
    }
    return #"""
        {"format_version": "1.2",
         "planned_values": {"root_module": {"child_modules": [{"resources": [\#(resources.joined(separator: ",\n"))]}]}},
         "configuration": {"root_module": \#(module([]))}}
        """#
}()

private let keyTF = """
    resource "aws_kms_key" "this" {
      description         = "module key"
      enable_key_rotation = false
    }
    """

private let manifest = """
    {"Modules":[{"Key":"","Source":"","Dir":"."},
    {"Key":"bucket","Source":"registry.terraform.io/terraform-aws-modules/s3-bucket/aws","Version":"4.1.0","Dir":".terraform/modules/bucket"},
    {"Key":"bucket.nested","Source":"./modules/nested","Dir":".terraform/modules/bucket/modules/nested"},
    {"Key":"vpc","Source":"git::https://example.com/vpc.git?ref=v1.2.0","Dir":".terraform/modules/vpc"},
    {"Key":"local","Source":"./modules/local","Dir":"modules/local-as-installed"}]}
    """

/// Where each module's key resolved to (nil: not mapped), by module name.
private func mapped(_ files: [String: String]) throws -> [String: Graph.SourceLocation?] {
    let sources = InMemorySourceProvider(files.merging(["infra/plan.json": modulePlan]) { a, _ in a })
    let file = try TerraformPlanParser(sources: sources).parse(SourceFile(path: "infra/plan.json", text: modulePlan))
    var out: [String: Graph.SourceLocation?] = [:]
    for resource in file.resources {
        let name = resource.id.dropLast(".aws_kms_key.this".count).replacingOccurrences(of: "module.", with: "")
        out[name] = resource.sourceLocation(of: AttributePath(keys: "enable_key_rotation"))
    }
    return out
}

private func rotation(_ path: String) -> Graph.SourceLocation { SourceLocation(path: path, line: 3, column: 3) }

@Test func followsRegistryGitAndNestedModulesThroughModulesJSON() throws {
    let found = try mapped([
        "infra/main.tf": "# root\n",
        "infra/.terraform/modules/modules.json": manifest,
        "infra/.terraform/modules/bucket/main.tf": keyTF,
        "infra/.terraform/modules/bucket/modules/nested/main.tf": keyTF,
        "infra/.terraform/modules/vpc/main.tf": keyTF,
        "infra/modules/local/main.tf": keyTF,
        "infra/modules/local-as-installed/main.tf": keyTF,
    ])
    #expect(found["bucket"] == rotation("infra/.terraform/modules/bucket/main.tf"))
    #expect(found["bucket.nested"] == rotation("infra/.terraform/modules/bucket/modules/nested/main.tf"))
    #expect(found["vpc"] == rotation("infra/.terraform/modules/vpc/main.tf"))
    // the manifest's Dir wins over the call's local source
    #expect(found["local"] == rotation("infra/modules/local-as-installed/main.tf"))
    // not in the manifest and not local: not mapped, as before
    #expect(found["unlisted"] == .some(nil))
}

@Test func aModuleMissingFromTheManifestFallsBackToItsLocalSource() throws {
    let partial = """
        {"Modules":[{"Key":"bucket","Source":"terraform-aws-modules/s3-bucket/aws","Dir":".terraform/modules/bucket"}]}
        """
    let found = try mapped([
        "infra/main.tf": "",
        "infra/.terraform/modules/modules.json": partial,
        "infra/.terraform/modules/bucket/main.tf": keyTF,
        "infra/.terraform/modules/bucket/modules/nested/main.tf": keyTF,
        "infra/modules/local/main.tf": keyTF,
    ])
    // `bucket.nested` is not listed: its local source is taken from where `bucket` was installed
    #expect(found["bucket.nested"] == rotation("infra/.terraform/modules/bucket/modules/nested/main.tf"))
    #expect(found["local"] == rotation("infra/modules/local/main.tf"))
    #expect(found["vpc"] == .some(nil))
}

@Test func manifestDirectoriesMayBeAbsoluteOrLeaveTheRoot() throws {
    let elsewhere = """
        {"Modules":[{"Key":"bucket","Source":"x","Dir":"/opt/modules/bucket/"},
        {"Key":"vpc","Source":"y","Dir":"../shared/./vpc"}]}
        """
    let found = try mapped([
        "infra/main.tf": "",
        "infra/.terraform/modules/modules.json": elsewhere,
        "/opt/modules/bucket/main.tf": keyTF,
        "shared/vpc/main.tf": keyTF,
    ])
    #expect(found["bucket"] == rotation("/opt/modules/bucket/main.tf"))
    #expect(found["vpc"] == rotation("shared/vpc/main.tf"))
}

@Test(arguments: [
    "", "{", "[]", "null", #"{"Modules": {}}"#, #"{"Modules": "x"}"#, "\u{FEFF}{\"Modules\": 7}",
    // a key twice: Terraform refuses the manifest too
    #"{"Modules":[{"Key":"local","Dir":"a"},{"Key":"local","Dir":"b"}]}"#,
])
func aMalformedManifestIsIgnored(text: String) throws {
    let found = try mapped([
        "infra/main.tf": "",
        "infra/.terraform/modules/modules.json": text,
        "infra/.terraform/modules/bucket/main.tf": keyTF,
        "infra/modules/local/main.tf": keyTF,
    ])
    #expect(found["local"] == rotation("infra/modules/local/main.tf"))
    #expect(found["bucket"] == .some(nil))
}

@Test func badRecordsAreSkipped() throws {
    let text = """
        {"Modules":[{"Key":"bucket","Dir":7},{"Key":"vpc","Dir":""},{"Dir":"x"},"junk",
        {"Key":"local","Source":"./modules/local","Dir":"modules/local-as-installed","Extra":{"a":[1]}}]}
        """
    let manifest = try #require(ModuleManifest(SourceFile(path: "modules.json", text: text)))
    #expect(manifest.directories == ["local": "modules/local-as-installed"])
    #expect(manifest.directory(of: ["local"]) == "modules/local-as-installed")
    #expect(manifest.directory(of: ["bucket"]) == nil)
}

/// A provider that remembers which files were asked for.
private final class RecordingProvider: SourceProvider, @unchecked Sendable {
    let files: InMemorySourceProvider
    private let lock = NSLock()
    private var requested: [String] = []

    init(_ files: [String: String]) { self.files = InMemorySourceProvider(files) }

    var asked: [String] { lock.withLock { requested } }

    func file(at path: String) -> SourceFile? {
        lock.withLock { requested.append(path) }
        return files.file(at: path)
    }
    func glob(_ pattern: String) -> [String] { files.glob(pattern) }
    func directoryEntries(at path: String) -> [String]? { files.directoryEntries(at: path) }
}

@Test func theManifestIsReadOncePerPlanAndOnlyForModuleResources() throws {
    let sources = RecordingProvider([
        "infra/main.tf": "", "infra/.terraform/modules/modules.json": manifest,
        "infra/.terraform/modules/bucket/main.tf": keyTF,
    ])
    let file = try TerraformPlanParser(sources: sources).parse(SourceFile(path: "infra/plan.json", text: modulePlan))
    #expect(sources.asked.filter { $0.hasSuffix("modules.json") } == ["infra/.terraform/modules/modules.json"])
    #expect(file.dependencies.contains("infra/.terraform/modules/modules.json"))

    let rootOnly = #"""
        {"format_version": "1.2", "planned_values": {"root_module": {"resources": [
          {"address": "aws_kms_key.this", "mode": "managed", "type": "aws_kms_key", "name": "this", "values": {}}]}}}
        """#
    let quiet = RecordingProvider(["infra/main.tf": keyTF, "infra/.terraform/modules/modules.json": manifest])
    let root = try TerraformPlanParser(sources: quiet).parse(SourceFile(path: "infra/plan.json", text: rootOnly))
    #expect(root.resources.first?.source == SourceLocation(path: "infra/main.tf", line: 1, column: 1))
    #expect(quiet.asked == ["infra/main.tf"])
    #expect(root.dependencies == ["infra/main.tf"])
}
