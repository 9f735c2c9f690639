import Foundation
import Graph
import Testing

@testable import TerraformPlan

@Test func smokeGeneratedPlan() throws {
    guard let path = ProcessInfo.processInfo.environment["CIPHERLINT_PLAN"] else { return }
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    let start = Date()
    let parsed = try TerraformPlanParser().parse(SourceFile(path: "plan.json", bytes: bytes))
    print("parse \(Date().timeIntervalSince(start))s resources \(parsed.resources.count) edges \(parsed.edges.count)")
    for r in parsed.resources.prefix(3) { print(r.id, r.kind, r.location, r.locations.count) }
}
