import CEL
import Dispatch
import Foundation
import Graph

// Evaluations per second of typical policy expressions over a realistic bound resource.
// Run: swift run -c release CELBench

/// CPU time of this thread: the machine is shared, so wall-clock rates understate one core.
func cpuNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

var attributes: [String: Graph.Value] = [
    "id": "aws_kms_key.main", "kind": "terraform/aws_kms_key",
    "enable_key_rotation": true, "deletion_window_in_days": 30, "description": "main key",
    "kms_key_id": .unknown,
    "Statement": .list([
        .map(["Effect": "Deny", "Action": .list(["kms:Delete*"])]),
        .map(["Effect": "Allow", "Action": .list(["kms:Encrypt", "kms:Decrypt"])]),
        .map(["Effect": "Allow", "Action": .list(["kms:Describe*", "*"])]),
    ]),
    "tags": .map(["env": "prod", "team": "security"]),
]
for i in 0..<2000 { attributes["attr_\(i)"] = .string("value \(i)") }
let resource = Graph.Value.map(attributes)

var env = CELEnvironment()
env.declare(variable: "resource")
env.declare(variable: "params")

let expressions = [
    "resource.enable_key_rotation == true",
    "resource.Statement.exists(s, s.Effect == \"Allow\" && s.Action.exists(a, a == \"*\"))",
    "has(resource.tags.env) && resource.tags.env in [\"prod\", \"staging\"] && resource.deletion_window_in_days >= 7",
    "resource.description.matches(\"^main\")",
    "resource.kms_key_id != \"\"",
]

let only = CommandLine.arguments.dropFirst().first.flatMap { Int($0) }
for (k, source) in expressions.enumerated() where only == nil || only == k {
    do {
        let program = try CELProgram(compiling: source, in: env)
        var bindings = CELBindings()
        bindings["resource"] = CELValue(resource)
        let outcome = program.evaluate(bindings)
        var n = 0
        let iterations = 2_000_000
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = cpuNanos()
        for _ in 0..<iterations {
            if case .value(.bool(true)) = program.evaluate(bindings) { n += 1 }
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let cpu = Double(cpuNanos() - cpuStart) / 1e9
        let rate = Double(iterations) / cpu
        print("\(Int(rate)) evals/s of CPU time (\(Int(Double(iterations) / elapsed)) per wall-clock s)  \(source)  → \(outcome) (\(n) true)")
    } catch {
        print("compile error: \(error) for \(source)")
    }
}
