import Graph
import Testing

@testable import Nginx

@Test func expandsGlobIncludesSortedAgainstThePrefix() throws {
    let parsed = try parseTree([
        "etc/nginx.conf": "events {}\nhttp {\n  include conf.d/*.conf;\n}\n",
        "etc/conf.d/b.conf": "server { server_name b; }\n",
        "etc/conf.d/a.conf": "server { server_name a; }\n",
        "etc/conf.d/.hidden.conf": "server { server_name hidden; }\n",
        "etc/conf.d/c.txt": "server { server_name c; }\n",
    ], entry: "etc/nginx.conf")
    #expect(parsed.all("server").map(\.id) == ["conf.d/a.conf:1 server a", "conf.d/b.conf:1 server b"])
    #expect(parsed.dependencies == ["etc/conf.d/a.conf", "etc/conf.d/b.conf"])
    #expect(parsed.diagnostics.isEmpty)
    let http = try #require(parsed.all("http").first)
    #expect(parsed.edges.contains(LocalEdge(from: http.id, to: "conf.d/a.conf:1 server a", kind: .includes)))
    #expect(parsed.edges.contains(LocalEdge(from: http.id, to: "conf.d/a.conf:1 server a", kind: .contains)))
}

@Test func mapsAbsoluteIncludesOntoThePrefix() throws {
    let parsed = try parseTree([
        "tree/nginx.conf": "http {\n  include /etc/nginx/conf.d/*.conf;\n  include /etc/nginx/snippets/tls.conf;\n}\n",
        "tree/conf.d/a.conf": "server { listen 443 ssl; server_name a; }\n",
        "tree/snippets/tls.conf": "ssl_protocols TLSv1.2;\n",
    ], entry: "tree/nginx.conf")
    #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
    let a = try #require(parsed.server("a"))
    #expect(a["ssl.protocols"] == ["TLSv1.2"])
    #expect(a.at("ssl.protocols") == "tree/snippets/tls.conf:1")
}

@Test func explicitPrefixWins() throws {
    let parsed = try parseTree([
        "x/nginx.conf": "http { include sites/*; }",
        "root/sites/one": "server { server_name one; }",
    ], entry: "x/nginx.conf", prefix: "root")
    #expect(parsed.server("one") != nil)
}

@Test func reportsIncludeCyclesWithoutHanging() throws {
    let parsed = try parseTree([
        "nginx.conf": "http {\n  include a.conf;\n}\n",
        "a.conf": "include b.conf;\nserver { server_name a; }\n",
        "b.conf": "include a.conf;\n",
    ])
    #expect(parsed.server("a") != nil)
    #expect(parsed.diagnostics.count == 1)
    #expect(parsed.diagnostics.first?.message.contains("include cycle") == true)
    #expect(parsed.diagnostics.first?.location.path == "b.conf")
}

@Test func selfIncludingGlobIsACycle() throws {
    let parsed = try parseTree(["nginx.conf": "http { include *.conf; server { server_name x; } }"])
    #expect(parsed.all("server").count == 1)
    #expect(parsed.diagnostics.contains { $0.message.contains("cycle") })
}

@Test func missingIncludeIsAnErrorOnItsLineAndTheRestIsChecked() throws {
    let parsed = try parseTree([
        "nginx.conf": "http {\n  include missing.conf;\n  include none/*.conf;\n  server { listen 443 ssl; server_name s; }\n}\n"
    ])
    #expect(parsed.diagnostics.count == 1)
    let d = try #require(parsed.diagnostics.first)
    #expect(d.severity == .error)
    #expect(d.location.line == 2)
    #expect(parsed.server("s") != nil)
}

@Test func brokenIncludedFileBecomesADiagnostic() throws {
    let parsed = try parseTree([
        "nginx.conf": "http {\n  include bad.conf;\n  server { server_name ok; }\n}\n",
        "bad.conf": "server {\n",
    ])
    #expect(parsed.server("ok") != nil)
    #expect(parsed.diagnostics.first?.location.path == "bad.conf")
}

@Test func standAloneSnippetsAreFragmentsOfHTTP() throws {
    let parsed = try parseTree([
        "etc/sites-enabled/shop": "server {\n  listen 443 ssl;\n  server_name shop;\n  include snippets/tls.conf;\n}\n",
        "etc/snippets/tls.conf": "ssl_protocols TLSv1 TLSv1.2;\n",
    ], entry: "etc/sites-enabled/shop")
    #expect(parsed.all("http").isEmpty)
    let shop = try #require(parsed.server("shop"))
    #expect(shop.id == "sites-enabled/shop:1 server shop")
    #expect(shop["ssl.weak_protocols"] == ["TLSv1"])
    #expect(shop.at("ssl.protocols") == "etc/snippets/tls.conf:1")
    #expect(parsed.dependencies == ["etc/snippets/tls.conf"])
}

@Test func serverOutsideHTTPInMainFileIsWarned() throws {
    let parsed = try parseTree(["nginx.conf": "events {}\nserver { listen 80; }\n"])
    #expect(parsed.all("server").isEmpty)
    #expect(parsed.diagnostics.first?.severity == .warning)
}

@Test func locationsFromASharedSnippetGetDistinctIDs() throws {
    let parsed = try parseTree([
        "nginx.conf": """
        http {
            server { listen 80; server_name a; include acme.conf; }
            server { listen 80; server_name b; include acme.conf; }
        }
        """,
        "acme.conf": "location /.well-known/acme-challenge/ { root /acme; }\n",
    ])
    let ids = parsed.all("location").map(\.id)
    #expect(ids == [
        "acme.conf:1 location /.well-known/acme-challenge/",
        "acme.conf:1 location /.well-known/acme-challenge/ in nginx.conf:3 server b",
    ])
    #expect(Set(parsed.resources.map(\.id)).count == parsed.resources.count)
    let b = try #require(parsed.server("b"))
    #expect(parsed.edges.contains(LocalEdge(from: b.id, to: ids[1], kind: .contains)))
    #expect(parsed.all("location")[1]["server"] == .string(b.id))
}

@Test func valuesAMissingIncludeMightSetAreUnknown() throws {
    let parsed = try parseTree([
        "nginx.conf": """
        http {
            server {
                listen 443 ssl;
                server_name le.example;
                ssl_certificate /etc/letsencrypt/live/le.example/fullchain.pem;
                include /etc/letsencrypt/options-ssl-nginx.conf;
            }
            server { listen 443 ssl; server_name plain.example; }
        }
        """
    ], version: NginxVersion("1.22.1"))
    #expect(parsed.diagnostics.count == 1)
    #expect(parsed.diagnostics.first?.location.line == 6)
    // Certbot's file lives outside the nginx tree a repository keeps: not an error (exit 2).
    #expect(parsed.diagnostics.first?.severity == .warning)
    let le = try #require(parsed.server("le.example"))
    #expect(le["ssl.protocols"] == .unknown)
    #expect(le["ssl.cipher_set"] == .unknown)
    #expect(le["ssl.session_tickets"] == .unknown)
    #expect(le["hsts"] == .unknown)
    #expect(le["ssl.certificates"] == ["/etc/letsencrypt/live/le.example/fullchain.pem"])
    let other = try #require(parsed.server("plain.example"))
    #expect(other["ssl.weak_protocols"] == ["TLSv1", "TLSv1.1"])
    #expect(other["hsts"] == nil)
}

// Debian's nginx.conf (nginx-common 1.22.1) includes /etc/nginx/modules-enabled/*.conf and
// /etc/nginx/sites-enabled/*, both empty until modules or sites are enabled.
@Test func absoluteGlobOfAnEmptyOrMissingDirectoryMatchesNothing() throws {
    let parsed = try parseTree([
        "debian/nginx.conf": "include /etc/nginx/modules-enabled/*.conf;\nevents {}\nhttp {\n  include /etc/nginx/conf.d/*.conf;\n  include /etc/nginx/sites-enabled/*;\n}\n",
        "debian/mime.types": "types { text/html html; }\n",
        "debian/sites-available/default": "server { listen 80 default_server; server_name _; }\n",
    ], entry: "debian/nginx.conf")
    #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
    #expect(parsed.dependencies.isEmpty)
}

@Test func absoluteGlobMapsOntoAPrefixOfTheSameName() throws {
    let parsed = try parseTree([
        "x/nginx/nginx.conf": "http {\n  include /etc/nginx/*.types;\n}\n",
        "x/nginx/mime.types": "types { text/html html; }\n",
    ], entry: "x/nginx/nginx.conf")
    #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
    #expect(parsed.dependencies == ["x/nginx/mime.types"])
}

// Debian's snippets/fastcgi-php.conf includes fastcgi.conf, which lives beside nginx.conf.
@Test func fragmentInASubdirectoryResolvesAgainstTheMainFilesDirectory() throws {
    let parsed = try parseTree([
        "etc/nginx.conf": "events {}\nhttp {}\n",
        "etc/fastcgi.conf": "fastcgi_param QUERY_STRING $query_string;\n",
        "etc/snippets/fastcgi-php.conf": "fastcgi_index index.php;\ninclude fastcgi.conf;\n",
    ], entry: "etc/snippets/fastcgi-php.conf")
    #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
    #expect(parsed.dependencies == ["etc/fastcgi.conf"])
}

@Test func fragmentOutsideATreeResolvesAgainstItsOwnDirectory() throws {
    let parsed = try parseTree([
        "a/b/site.conf": "include tls.conf;\nserver { listen 443 ssl; server_name s; }\n",
        "a/b/tls.conf": "ssl_protocols TLSv1.2;\n",
        "a/tls.conf": "ssl_protocols TLSv1;\n",
    ], entry: "a/b/site.conf")
    #expect(parsed.dependencies == ["a/b/tls.conf"])
}
