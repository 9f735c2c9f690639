import Foundation
import Graph
import TestSupport
import Testing

@testable import Nginx

/// A planted violation as `gen_nginx.py` writes it, reduced to what we compare.
struct Planted: Hashable, Comparable, CustomStringConvertible {
    var category: String
    var file: String
    var line: Int
    var sourceFile: String
    var sourceLine: Int

    var description: String { "\(category) \(file):\(line) ← \(sourceFile):\(sourceLine)" }
    static func < (a: Planted, b: Planted) -> Bool { a.description < b.description }
}

private let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
private let generator = Fixtures.shared.appendingPathComponent("bench/gen_nginx.py").path
/// Whether the generator can run here (python3 and ../shared/bench/gen_nginx.py present).
let generatorAvailable = python != nil && FileManager.default.fileExists(atPath: generator)

/// Generates a tree with gen_nginx.py into a temporary directory; nil when that fails.
func generateTree(servers: Int, seed: Int) throws -> (root: String, expected: [Planted])? {
    guard let python else { return nil }
    let script = generator
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("cipherlint-nginx-\(seed)-\(servers)-\(UUID().uuidString)").path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [script, String(servers), "--seed", String(seed), "-o", root]
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    let data = try Data(contentsOf: URL(fileURLWithPath: root + ".expected.json"))
    guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
        let violations = json["violations"] as? [String: [[String: Any]]]
    else { return nil }
    var expected: [Planted] = []
    for (category, list) in violations {
        for v in list {
            expected.append(
                Planted(
                    category: category, file: v["file"] as? String ?? "", line: v["line"] as? Int ?? 0,
                    sourceFile: v["source_file"] as? String ?? "", sourceLine: v["source_line"] as? Int ?? 0))
        }
    }
    return (root, expected.sorted())
}

/// What the effective attributes say, category by category, as the policies judge them.
func findings(_ resources: [Resource], root: String) -> [Planted] {
    func rel(_ path: String) -> String { path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path }
    func planted(_ category: String, _ r: Resource, _ path: String?) -> Planted {
        let source = path.map { r.location(of: AttributePath($0.split(separator: ".").map { .key(String($0)) })) } ?? r.location
        return Planted(category: category, file: rel(r.location.path), line: r.location.line, sourceFile: rel(source.path), sourceLine: source.line)
    }
    var out: [Planted] = []
    for r in resources {
        let a = Value.map(r.attributes)
        let tls = a["tls"]?.boolValue == true
        let rejects = a["ssl"]?["reject_handshake"]?.boolValue == true
        if r.kind == "nginx/server" {
            if tls && !rejects {
                if let weak = a["ssl"]?["weak_protocols"] {
                    if weak == .unknown {
                        out.append(planted("missing_ssl_protocols", r, nil))
                    } else if weak.listValue?.isEmpty == false {
                        out.append(planted("weak_ssl_protocols", r, "ssl.protocols"))
                    }
                }
                if a["ssl"]?["only_tls13"]?.boolValue == false, a["ssl"]?["cipher_set"]?["has_weak"]?.boolValue == true {
                    out.append(planted("weak_ssl_ciphers", r, "ssl.ciphers"))
                }
                if let hsts = a["hsts"] {
                    if let age = hsts["max_age"]?.intValue, age < 31_536_000 {
                        out.append(planted("hsts_short_max_age", r, "hsts"))
                    }
                } else {
                    out.append(planted("missing_hsts", r, a["hsts_shadowed_by"] == nil ? nil : "hsts_shadowed_by"))
                }
            }
            if a["plain_http"]?.boolValue == true, a["serves_content"]?.boolValue == true, a["catch_all"]?.boolValue == false {
                out.append(planted("http_serves_content", r, nil))
            }
        }
        if r.kind == "nginx/location", tls, a["hsts_shadowed_by"] != nil {
            out.append(planted("hsts_dropped_in_location", r, "hsts_shadowed_by"))
        }
    }
    return out.sorted()
}

@Test(
    .enabled(if: generatorAvailable, "skipped: python3 or ../shared/bench/gen_nginx.py not available"),
    arguments: [(50, 1), (60, 2), (80, 5), (60, 6), (120, 8), (200, 10), (300, 23)])
func generatedTreeViolationsAreIdentified(servers: Int, seed: Int) throws {
    let (root, expected) = try #require(try generateTree(servers: servers, seed: seed))
    defer {
        try? FileManager.default.removeItem(atPath: root)
        try? FileManager.default.removeItem(atPath: root + ".expected.json")
    }
    let provider = DiskProvider()
    let main = try #require(provider.file(at: root + "/nginx.conf"))
    let parsed = try NginxParser(provider: provider).parse(main)
    #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
    #expect(parsed.resources.filter { $0.kind == "nginx/server" }.count == servers)
    #expect(!expected.isEmpty)
    let found = findings(parsed.resources, root: root)
    let missed = Set(expected).subtracting(found).sorted()
    let extra = Set(found).subtracting(expected).sorted()
    #expect(missed.isEmpty, "missed: \(missed.map(\.description).joined(separator: "\n"))")
    #expect(extra.isEmpty, "extra: \(extra.map(\.description).joined(separator: "\n"))")
}
