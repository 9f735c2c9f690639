import Foundation
import Graph
import TestSupport
import Testing

@testable import TerraformPlan

/// Runs `gen_plan.py` (when python3 is there) into a temporary directory.
func generatedPlan(_ n: Int, seed: Int = 1, layout: String = "mixed") throws -> (plan: [UInt8], expected: [String: Any])? {
    let script = Fixtures.shared.appendingPathComponent("bench/gen_plan.py")
    guard FileManager.default.fileExists(atPath: script.path),
        FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")
    else { return nil }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cipherlint-tf-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("plan.json")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    process.arguments = [script.path, String(n), "--seed", String(seed), "--layout", layout, "-o", out.path]
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    let plan = Array(try Data(contentsOf: out))
    let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("plan.expected.json")))
    return (plan, expected as? [String: Any] ?? [:])
}

@Test(arguments: ["mixed", "flat", "modules"])
func generatedPlanHasEveryResource(layout: String) throws {
    guard let (bytes, expected) = try generatedPlan(300, seed: 7, layout: layout) else { return }
    let file = try TerraformPlanParser().parse(SourceFile(path: "plan.json", bytes: bytes))
    let managed = file.resources.filter { !$0.kind.hasPrefix("terraform/data.") }
    #expect(managed.count == expected["n_managed_in_planned_values"] as? Int)
    #expect(file.resources.count - managed.count == expected["n_data_sources"] as? Int)
    #expect(managed.filter { $0.id.hasPrefix("module.") }.count == expected["n_in_child_modules"] as? Int)
    var byType: [String: Int] = [:]
    for r in managed { byType[r.type, default: 0] += 1 }
    #expect(byType == expected["resources_by_type"] as? [String: Int])
    // every resource has a real location in the plan and every attribute key is located
    for r in file.resources {
        #expect(r.location.line >= 1 && r.location.column > 1, "\(r.id)")
        for key in r.attributes.keys where r.attributes[key] != .unknown && r.value(at: AttributePath(keys: key)) != nil {
            if ["address", "mode", "module_address", "provider_name", "index", "change_actions", "configured_attributes"]
                .contains(key) || key.hasSuffix("_document")
            {
                continue
            }
            #expect(r.locations[AttributePath(keys: key)] != nil, "\(r.id) \(key)")
        }
    }
    // deleted resources are not scanned
    let deleted = (expected["decoys"] as? [String: Any])?["deleted_resource_with_violation"] as? [[String: Any]] ?? []
    for d in deleted { #expect(!file.resources.contains { $0.id == d["address"] as? String }) }
}

@Test func committedFixturePlan() throws {
    let file = try TerraformPlanParser().parse(try Fixtures.sourceFile("terraform/gen-plan-60.json"))
    let expected = try JSONSerialization.jsonObject(
        with: Data(try Fixtures.text("terraform/gen-plan-60.expected.json").utf8)) as? [String: Any] ?? [:]
    #expect(file.resources.filter { !$0.kind.hasPrefix("terraform/data.") }.count == expected["n_managed_in_planned_values"] as? Int)
    #expect(file.resources.count == (expected["n_managed_in_planned_values"] as? Int ?? 0) + (expected["n_data_sources"] as? Int ?? 0))
    #expect(!file.edges.isEmpty)
}

/// Set CIPHERLINT_TF_BENCH=N to time a gen_plan.py plan of N resources (use a release build).
@Test func loadTime() throws {
    guard let n = ProcessInfo.processInfo.environment["CIPHERLINT_TF_BENCH"].flatMap(Int.init),
        let (bytes, _) = try generatedPlan(n)
    else { return }
    var best = Double.infinity
    var count = 0
    for _ in 0..<3 {
        let start = DispatchTime.now().uptimeNanoseconds
        let file = try TerraformPlanParser().parse(SourceFile(path: "plan.json", bytes: bytes))
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        count = file.resources.count
    }
    print("terraform plan: \(bytes.count) bytes, \(count) resources, best of 3: \(best) s")
}
