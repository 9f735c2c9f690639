import Foundation
import Graph
import TestSupport
import Testing

@testable import Nginx

/// Loads every file under `Tests/Fixtures/nginx/<name>` into memory under `<name>/…`, so that
/// absolute includes never reach the host's own /etc/nginx.
func fixtureTree(_ name: String) throws -> InMemorySourceProvider {
    let root = Fixtures.packageRoot.appendingPathComponent("Tests/Fixtures/nginx").appendingPathComponent(name)
    var files: [String: String] = [:]
    let enumerator = FileManager.default.enumerator(atPath: root.path)
    while let relative = enumerator?.nextObject() as? String {
        let url = root.appendingPathComponent(relative)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            files["\(name)/\(relative)"] = try String(contentsOf: url, encoding: .utf8)
        }
    }
    return InMemorySourceProvider(files)
}

@Test func debianTreeCopiedFromEtcNginx() throws {
    let provider = try fixtureTree("debian")
    let main = try #require(provider.file(at: "debian/nginx.conf"))
    let parsed = try NginxParser(provider: provider).parse(main)
    #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
    #expect(parsed.dependencies.contains("debian/sites-enabled/example.com"))
    #expect(parsed.dependencies.contains("debian/snippets/ssl-params.conf"))
    #expect(parsed.dependencies.contains("debian/modules-enabled/50-mod-http-echo.conf"))
    #expect(parsed.all("upstream").map(\.id) == ["conf.d/upstreams.conf:1 upstream app"])

    let example = try #require(parsed.server("example.com"))
    #expect(example.id == "sites-enabled/example.com:1 server example.com")
    #expect(example["ssl.weak_protocols"] == [])
    #expect(example.at("ssl.protocols") == "debian/snippets/ssl-params.conf:1")
    #expect(example["hsts.max_age"] == 63_072_000)
    #expect(example["ssl.session_tickets"] == false)

    let legacy = try #require(parsed.server("legacy.example.com"))
    #expect(legacy["ssl.weak_protocols"] == ["TLSv1", "TLSv1.1"])
    #expect(legacy.at("ssl.protocols") == "debian/nginx.conf:30")
    #expect(legacy["hsts"] == nil)
    #expect(legacy["ssl.prefer_server_ciphers"] == true)

    let fallback = try #require(parsed.server("_"))
    #expect(fallback["catch_all"] == true)
    #expect(fallback["serves_content"] == true)
    #expect(parsed.all("server").count == 4)
    let redirect = parsed.all("server").first { $0.id == "sites-enabled/example.com:13 server example.com" }
    #expect(redirect?["serves_content"] == false)
    #expect(redirect?["https_peer"] == true)
}

@Test func sitesEnabledFileAloneIsAFragmentWithTheTreePrefix() throws {
    let provider = try fixtureTree("debian")
    let site = try #require(provider.file(at: "debian/sites-enabled/example.com"))
    let parsed = try NginxParser(provider: provider).parse(site)
    #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
    #expect(parsed.server("example.com")?.at("ssl.protocols") == "debian/snippets/ssl-params.conf:1")
}
