import FuzzDriver
import Glibc
import CEL
import Graph
import PolicyEngine

private let resource: Graph.Value = .map([
    "id": .string("aws_kms_key.a"), "kind": .string("terraform/aws_kms_key"), "enable_key_rotation": .bool(false),
    "tags": .map(["env": .string("prod")]), "ports": .list([.int(443), .int(80)]), "ratio": .double(0.5),
    "kms_key_id": .unknown, "name": .string("ελληνικά"), "nothing": .null,
])

/// libFuzzer entry: the input is a CEL expression, compiled in the policy environment and,
/// when it compiles, evaluated against a small resource; errors are values, never crashes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCEL(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    let source = String(decoding: bytes, as: UTF8.self)
    var limits = CELLimits()
    limits.maxCost = 100_000
    guard let program = try? CELProgram(compiling: source, in: PolicyEnvironment.standard, limits: limits) else { return 0 }
    var bindings = CELBindings()
    bindings["resource"] = CELValue(resource)
    bindings["params"] = CELValue(Graph.Value.map(["min": .string("1.2")]))
    _ = program.evaluate(bindings)
    return 0
}

var arguments = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argv, { data, count in fuzzCEL(data, count) }))
