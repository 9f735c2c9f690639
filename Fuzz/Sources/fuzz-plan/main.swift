import FuzzDriver
import Glibc
import Graph
import TerraformPlan

/// libFuzzer entry: any bytes through the plan loader must give resources or a ParseError.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlan(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    _ = try? TerraformPlanParser(sources: InMemorySourceProvider([:])).parse(SourceFile(path: "plan.json", bytes: bytes))
    return 0
}

var arguments = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argv, { data, count in fuzzPlan(data, count) }))
