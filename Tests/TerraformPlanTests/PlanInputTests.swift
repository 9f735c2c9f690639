import Foundation
import Graph
import Testing

@testable import TerraformPlan

private let tiny = #"{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"aws_sqs_queue.q","mode":"managed","type":"aws_sqs_queue","name":"q","values":{"name":"é"}}]}}}"#

private func utf16(_ text: String, littleEndian: Bool, bom: Bool = true) -> [UInt8] {
    var out: [UInt8] = bom ? (littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]) : []
    for unit in text.utf16 {
        let lo = UInt8(unit & 0xFF)
        let hi = UInt8(unit >> 8)
        out += littleEndian ? [lo, hi] : [hi, lo]
    }
    return out
}

@Test(arguments: [
    ("utf8", Array(tiny.utf8)),
    ("utf8-bom", [0xEF, 0xBB, 0xBF] + Array(tiny.utf8)),
    ("utf16le", utf16(tiny, littleEndian: true)),
    ("utf16be", utf16(tiny, littleEndian: false)),
    ("utf16le-no-bom", utf16(tiny, littleEndian: true, bom: false)),
])
func readsEveryEncoding(name: String, bytes: [UInt8]) throws {
    #expect(TerraformPlanParser.looksLikePlan(bytes), "\(name)")
    let file = try TerraformPlanParser().parse(SourceFile(path: "plan.json", bytes: bytes))
    #expect(file.resources.first?.attributes["name"] == "é", "\(name)")
    #expect(file.resources.first?.location == SourceLocation(path: "plan.json", line: 1, column: 72), "\(name)")
}

@Test func binaryPlanGetsAClearError() {
    let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x08, 0x00]
    #expect(!TerraformPlanParser.looksLikePlan(zip))
    #expect {
        try TerraformPlanParser().parse(SourceFile(path: "tfplan", bytes: zip))
    } throws: { error in
        let e = error as? ParseError
        return e?.location == SourceLocation(path: "tfplan", line: 1)
            && e?.message.contains("terraform show -json plan.out > plan.json") == true
    }
}

@Test(arguments: [
    ("{\n  \"format_version\": \"1.2\",\n  \"planned_values\": {\"root_module\": {", 3, 38, "truncated"),
    ("{\n  \"format_version\": \"1.2\",\n  \"planned_values\": {,}\n}", 3, 22, "invalid JSON"),
    ("{\"format_version\": \"1.2\", \"planned_values\": {}} trailing", 1, 49, "invalid JSON"),
    ("{\"values\": {}}", 1, 1, "not a Terraform plan"),
    ("[1, 2]", 1, 1, "not a Terraform plan"),
    ("", 1, 1, "truncated"),
])
func badJSONIsAnErrorWithAPlace(text: String, line: Int, column: Int, message: String) {
    do {
        _ = try TerraformPlanParser().parse(SourceFile(path: "plan.json", text: text))
        Issue.record("no error for \(text)")
    } catch {
        #expect(error.location.line == line, "\(error)")
        #expect(error.location.column == column, "\(error)")
        #expect(error.message.contains(message), "\(error)")
    }
}

@Test func deepNestingIsRejectedNotACrash() {
    let text = "{\"format_version\":\"1.2\",\"planned_values\":" + String(repeating: "[", count: 5000)
        + String(repeating: "]", count: 5000) + "}"
    #expect(throws: ParseError.self) { try TerraformPlanParser().parse(SourceFile(path: "p.json", text: text)) }
}

@Test func sniffingLooksOnlyAtTheStart() {
    #expect(TerraformPlanParser.looksLikePlan(Array(#"  {"format_version":"1.2","resource_changes":[]}"#.utf8)))
    #expect(!TerraformPlanParser.looksLikePlan(Array(#"{"format_version":"1.0","values":{}}"#.utf8)))
    #expect(!TerraformPlanParser.looksLikePlan(Array("apiVersion: v1\nkind: Pod\n".utf8)))
    #expect(!TerraformPlanParser.looksLikePlan(Array(#"{"version":4,"terraform_version":"1.9.8"}"#.utf8)))
}

@Test func formatVersionsOldAndNew() throws {
    let old = try TerraformPlanParser().parse(
        SourceFile(path: "p.json", text: #"{"format_version":"0.1","planned_values":{"root_module":{}}}"#))
    #expect(old.diagnostics.isEmpty)
    let new = try TerraformPlanParser().parse(
        SourceFile(path: "p.json", text: #"{"format_version":"2.0","planned_values":{"root_module":{}}}"#))
    #expect(new.diagnostics.first?.severity == .warning)
}

/// `terraform show -json` of a state (no plan file): the resources as they stand, under
/// `values`, are read like planned values, with no changes.
@Test func stateOutputIsReadAsResourcesWithoutChanges() throws {
    let state = #"""
        {"format_version":"1.0","terraform_version":"1.9.8","values":{"root_module":{
          "resources":[{"address":"aws_kms_key.logs","mode":"managed","type":"aws_kms_key","name":"logs",
            "provider_name":"registry.terraform.io/hashicorp/aws","schema_version":0,
            "values":{"enable_key_rotation":false,"deletion_window_in_days":30},"sensitive_values":{}}],
          "child_modules":[{"address":"module.db","resources":[{"address":"module.db.aws_db_instance.main","mode":"managed",
            "type":"aws_db_instance","name":"main","values":{"storage_encrypted":false},"sensitive_values":{}}]}]}}}
        """#
    #expect(TerraformPlanParser.looksLikePlan(Array(state.utf8)))
    let file = try TerraformPlanParser().parse(SourceFile(path: "state.json", text: state))
    #expect(file.resources.map(\.id) == ["aws_kms_key.logs", "module.db.aws_db_instance.main"])
    #expect(file.resources[0].attributes["enable_key_rotation"] == .bool(false))
    #expect(file.resources[0].location == SourceLocation(path: "state.json", line: 2, column: 17))
    #expect(file.resources[1].attributes["storage_encrypted"] == .bool(false))
    // Other JSON with a `values` member is not taken for a state.
    #expect(!TerraformPlanParser.looksLikePlan(Array(#"{"format_version":"1","values":{"a":1}}"#.utf8)))
}
