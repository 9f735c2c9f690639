import FuzzDriver
import Glibc
import Graph
import YAML

/// libFuzzer entry: any bytes through the YAML loader must give documents or a ParseError.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    var limits = YAMLLimits()
    limits.maxNodes = 200_000
    _ = try? YAMLLoader(limits: limits).load(SourceFile(path: "fuzz.yaml", bytes: bytes))
    return 0
}

var arguments = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argv, { data, count in fuzzYAML(data, count) }))
