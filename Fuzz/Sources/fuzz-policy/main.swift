import FuzzDriver
import Glibc
import Graph
import PolicyEngine

/// libFuzzer entry: the input is a policy file; loading gives a policy or a PolicyError.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPolicy(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    _ = try? PolicyLoader().load(SourceFile(path: "policies/fuzz/fuzz.yaml", bytes: bytes), builtin: false)
    return 0
}

var arguments = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argv, { data, count in fuzzPolicy(data, count) }))
