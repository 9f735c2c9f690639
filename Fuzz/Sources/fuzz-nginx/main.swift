import FuzzDriver
import Glibc
import Graph
import Nginx

/// libFuzzer entry: the input is `nginx.conf`, and `include` of `a.conf`/`nginx.conf` finds the
/// input again (cycles, repeated includes).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNginx(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    var provider = InMemorySourceProvider([:])
    provider.files = ["nginx.conf": bytes, "a.conf": bytes, "conf.d/b.conf": Array("server { listen 443 ssl; }".utf8)]
    _ = try? NginxParser(provider: provider).parse(SourceFile(path: "nginx.conf", bytes: bytes))
    return 0
}

var arguments = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argv, { data, count in fuzzNginx(data, count) }))
