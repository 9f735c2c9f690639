import Graph
import Testing

@testable import Nginx

/// The resources and edges of `files["nginx.conf"]`, with servers built on every core once an
/// http block has `concurrentServers` of them.
private func build(_ files: [String: String], concurrentServers: Int) throws -> (resources: [Resource], edges: [LocalEdge]) {
    let provider = InMemorySourceProvider(files)
    let main = try #require(provider.file(at: "nginx.conf"))
    var expander = IncludeExpander(provider: provider, prefix: "")
    let expanded = expander.expand(try ConfigReader.read(main), path: main.path)
    var builder = ModelBuilder(version: NginxVersion("1.24.0"), idPrefix: "", unresolved: expander.unresolved)
    builder.concurrentServers = concurrentServers
    let resources = builder.build(expanded, fragment: false)
    return (resources, builder.edges)
}

/// A tree whose ids collide: a snippet holding an upstream and a server is included three
/// times, and every server includes the same location snippet.
private let collidingTree: [String: String] = {
    var http = ""
    for i in 0..<90 {
        if i % 30 == 5 { http += "    include dup.conf;\n" }
        if i % 7 == 0 { http += "    upstream up\(i) { server 10.0.0.\(i):80; }\n" }
        let listen = i % 3 == 0 ? "listen 443 ssl\(i == 3 ? " default_server" : "");" : "listen 80;"
        let protocols = i % 4 == 0 ? "ssl_protocols TLSv1 TLSv1.2;" : ""
        let ciphers = i % 5 == 0 ? "ssl_ciphers HIGH:!aNULL:RC4;" : ""
        http += """
                server {
                    \(listen) server_name s\(i % 40).example; \(protocols) \(ciphers)
                    include acme.conf;
                    location / { proxy_pass http://up\(i - i % 7); }
                }

            """
    }
    return [
        "nginx.conf": "http {\n    ssl_session_cache shared:SSL:10m;\n\(http)}\n",
        "dup.conf": "upstream dup { server 10.9.9.9:80; }\nserver { listen 443 ssl; server_name dup.example; include acme.conf; }\n",
        "acme.conf": "location /.well-known/acme-challenge/ { root /acme; }\n",
    ]
}()

@Test(arguments: [1, 2, 64])
func serversBuiltOnEveryCoreMatchOneThread(concurrentServers: Int) throws {
    let sequential = try build(collidingTree, concurrentServers: .max)
    let concurrent = try build(collidingTree, concurrentServers: concurrentServers)
    #expect(sequential.resources.count > 200)
    #expect(Set(sequential.resources.map(\.id)).count == sequential.resources.count)
    #expect(sequential.resources.contains { $0.id.hasPrefix("dup.conf:1 server dup.example in") || $0.id.contains("#2") })
    #expect(concurrent.resources == sequential.resources)
    #expect(concurrent.edges == sequential.edges)
}

/// A glob of many files, some broken, missing, cyclic or sharing snippets.
private let globTree: [String: String] = {
    var files: [String: String] = [
        "nginx.conf": "http {\n    include conf.d/*.conf;\n    include late.conf;\n}\n",
        "snippets/a.conf": "add_header X-A a;\n",
        "snippets/b.conf": "include snippets/a.conf;\nadd_header X-B b;\n",
        "late.conf": "server { listen 80; server_name late; include snippets/b.conf; }\n",
    ]
    for i in 0..<40 {
        let number = i < 10 ? "00\(i)" : "0\(i)"
        let name = "conf.d/\(number).conf"
        switch i % 8 {
        case 1: files[name] = "server { listen 80; server_name s\(i); include snippets/missing.conf; }\n"
        case 2: files[name] = "server { listen 80; server_name s\(i);\n"  // unbalanced
        case 3: files[name] = "include conf.d/\(number).conf;\nserver { server_name s\(i); }\n"  // cycle
        case 4: files[name] = "server { listen 80; server_name s\(i); include snippets/extra/*.conf; }\n"
        default: files[name] = "server { listen 80; server_name s\(i); include snippets/b.conf; location / { include snippets/a.conf; } }\n"
        }
    }
    return files
}()

@Test(arguments: [1, 2, 8])
func globsExpandedOnEveryCoreMatchOneThread(concurrentFiles: Int) throws {
    let provider = InMemorySourceProvider(globTree)
    let main = try #require(provider.file(at: "nginx.conf"))
    let top = try ConfigReader.read(main)
    var sequential = IncludeExpander(provider: provider, prefix: "")
    sequential.concurrentFiles = .max
    var concurrent = IncludeExpander(provider: provider, prefix: "")
    concurrent.concurrentFiles = concurrentFiles
    let one = sequential.expand(top, path: main.path)
    let many = concurrent.expand(top, path: main.path)
    #expect(sequential.diagnostics.count >= 15)
    #expect(many == one)
    #expect(concurrent.diagnostics == sequential.diagnostics)
    #expect(concurrent.dependencies == sequential.dependencies)
    #expect(concurrent.unresolved == sequential.unresolved)
}
