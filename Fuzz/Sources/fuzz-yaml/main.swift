import FuzzDriver
import Glibc
import Graph
import Kubernetes
import YAML

/// libFuzzer entry: any bytes through the YAML loader (the node tree) and through the
/// Kubernetes parser (which reads values and locations straight from libyaml's events, the node
/// tree only for anchors, merge keys and Lists) must give documents or a ParseError.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    var limits = YAMLLimits()
    limits.maxNodes = 200_000
    let file = SourceFile(path: "fuzz.yaml", bytes: bytes)
    _ = try? YAMLLoader(limits: limits).load(file)
    var parser = KubernetesParser()
    parser.loader = YAMLLoader(limits: limits)
    _ = try? parser.parse(file)
    return 0
}

var arguments = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argv, { data, count in fuzzYAML(data, count) }))
