import Graph
import Testing

@testable import Nginx

private let hstsHTTP = """
    http {
        add_header Strict-Transport-Security "max-age=63072000; includeSubDomains" always;
        server {
            listen 443 ssl;
            server_name inherits;
            location / { }
            location /static/ {
                add_header Cache-Control "public";
            }
        }
        server {
            listen 443 ssl;
            server_name hides;
            add_header X-Frame-Options DENY;
        }
    }
    """

@Test func addHeaderIsInheritedOnlyByLevelsWithoutTheirOwn() throws {
    let parsed = try parseTree(["nginx.conf": hstsHTTP])
    let inherits = try #require(parsed.server("inherits"))
    #expect(inherits["hsts.max_age"] == 63_072_000)
    #expect(inherits["hsts.include_subdomains"] == true)
    #expect(inherits["hsts.always"] == true)
    #expect(inherits.at("hsts") == "nginx.conf:2")
    let hides = try #require(parsed.server("hides"))
    #expect(hides["hsts"] == nil)
    #expect(hides.at("hsts_shadowed_by") == "nginx.conf:14")
    let locations = parsed.all("location")
    #expect(locations.map(\.id) == ["nginx.conf:6 location /", "nginx.conf:7 location /static/"])
    #expect(locations[0]["hsts.max_age"] == 63_072_000)
    #expect(locations[0]["hsts_shadowed_by"] == nil)
    #expect(locations[1]["hsts"] == nil)
    #expect(locations[1].at("hsts_shadowed_by") == "nginx.conf:8")
    #expect(parsed.edges.contains(LocalEdge(from: inherits.id, to: locations[1].id, kind: .contains)))
}

@Test func addHeaderInheritMergeKeepsOuterHeaders() throws {
    let parsed = try parseTree([
        "nginx.conf": """
        http {
            add_header_inherit merge;
            add_header Strict-Transport-Security "max-age=31536000";
            server { listen 443 ssl; server_name m; add_header X-A b; }
            server { listen 443 ssl; server_name o; add_header_inherit off; }
        }
        """
    ])
    #expect(parsed.server("m")?["hsts.max_age"] == 31_536_000)
    #expect(parsed.server("m")?["hsts.always"] == false)
    #expect(parsed.server("o")?["hsts"] == nil)
    #expect(parsed.server("o")?.at("hsts_shadowed_by") == "nginx.conf:5")
}

@Test func versionDecidesDefaultProtocols() throws {
    let text = "http { server { listen 443 ssl; server_name a; } }"
    let unknown = try #require(try parseTree(["nginx.conf": text]).server("a"))
    #expect(unknown["ssl.protocols"] == .unknown)
    #expect(unknown["ssl.weak_protocols"] == .unknown)
    #expect(unknown["ssl.only_tls13"] == false)
    #expect(unknown["assumed_version"] == "1.18.0")
    #expect(unknown["nginx_version"] == .null)
    let old = try #require(try parseTree(["nginx.conf": text], version: NginxVersion("1.22.1")).server("a"))
    #expect(old["ssl.weak_protocols"] == ["TLSv1", "TLSv1.1"])
    #expect(old["assumed_version"] == nil)
    let mid = try #require(try parseTree(["nginx.conf": text], version: NginxVersion("1.25.0")).server("a"))
    #expect(mid["ssl.protocols"] == ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"])
    let new = try #require(try parseTree(["nginx.conf": text], version: NginxVersion("1.27.3")).server("a"))
    #expect(new["ssl.protocols"] == ["TLSv1.2", "TLSv1.3"])
    #expect(new["ssl.weak_protocols"] == [])
    #expect(new["ssl.ciphers"] == "HIGH:!aNULL:!MD5")
    #expect(new["ssl.ciphers_from"] == "default")
}

private let sharedSocket = """
    http {
        server {
            listen 443 ssl default_server;
            server_name first;
            ssl_protocols TLSv1 TLSv1.2;
        }
        server {
            listen 443 ssl;
            server_name second;
            ssl_protocols TLSv1.2 TLSv1.3;
        }
        server {
            listen 8443 ssl;
            server_name other;
            ssl_protocols TLSv1.3;
        }
    }
    """

@Test func beforeNginx1292TheDefaultServerDecidesTheProtocols() throws {
    let old = try parseTree(["nginx.conf": sharedSocket], version: NginxVersion("1.28.0"))
    let second = try #require(old.server("second"))
    #expect(second["ssl.weak_protocols"] == [])
    #expect(second["ssl.socket_protocols"] == ["TLSv1", "TLSv1.2"])
    #expect(second["ssl.socket_weak_protocols"] == ["TLSv1"])
    #expect(second.at("ssl.socket_protocols") == "nginx.conf:5")
    #expect(second["ssl.socket_default_server"] == "nginx.conf:2 server first")
    #expect(old.server("first")?["default_server"] == true)
    #expect(second["default_server"] == false)
    #expect(old.server("other")?["default_server"] == true)
    #expect(old.server("other")?["ssl.socket_protocols"] == ["TLSv1.3"])

    let new = try parseTree(["nginx.conf": sharedSocket], version: NginxVersion("1.29.2"))
    #expect(new.server("second")?["ssl.socket_protocols"] == ["TLSv1.2", "TLSv1.3"])

    let unknown = try parseTree(["nginx.conf": sharedSocket])
    #expect(unknown.server("second")?["ssl.socket_protocols"] == .unknown)
    #expect(unknown.server("first")?["ssl.socket_protocols"] == ["TLSv1", "TLSv1.2"])
}

@Test func firstServerOnASocketIsItsDefault() throws {
    let parsed = try parseTree([
        "nginx.conf": """
        http {
            server { listen [::]:443 ssl; server_name a; ssl_protocols TLSv1.2; }
            server { listen [::]:443 ssl; server_name b; ssl_protocols TLSv1.2; }
        }
        """
    ])
    #expect(parsed.server("a")?["default_server"] == true)
    #expect(parsed.server("b")?["default_server"] == false)
    // Same value on both: the verdict does not depend on the version.
    #expect(parsed.server("b")?["ssl.socket_protocols"] == ["TLSv1.2"])
}

@Test func serverLevelOverridesHTTPLevelAndLocationsPointAtTheDirective() throws {
    let parsed = try parseTree([
        "nginx.conf": """
        http {
            ssl_protocols TLSv1 TLSv1.1 TLSv1.2;
            ssl_ciphers RC4-SHA:AES128-SHA;
            ssl_certificate /tls/a.crt;
            server { listen 443 ssl; server_name a; }
            server { listen 443 ssl; server_name b; ssl_protocols TLSv1.3; ssl_certificate /tls/b.crt; ssl_certificate /tls/b-ec.crt; }
        }
        """
    ])
    let a = try #require(parsed.server("a"))
    #expect(a.at("ssl.protocols") == "nginx.conf:2")
    #expect(a.at("ssl.ciphers") == "nginx.conf:3")
    #expect(a["ssl.cipher_set.has_weak"] == true)
    #expect(a["ssl.certificates"] == ["/tls/a.crt"])
    let b = try #require(parsed.server("b"))
    #expect(b["ssl.only_tls13"] == true)
    #expect(b.at("ssl.protocols") == "nginx.conf:6")
    #expect(b["ssl.certificates"] == ["/tls/b.crt", "/tls/b-ec.crt"])
}

@Test func parsesListen() throws {
    let parsed = try parseTree([
        "nginx.conf": """
        http {
            server {
                listen 127.0.0.1:8443 ssl proxy_protocol;
                listen [::]:443 quic reuseport;
                listen 443 http2 default_server;
                listen unix:/run/a.sock;
                listen 80;
                server_name l;
            }
            server { server_name implicit; }
            server { listen 443; ssl on; server_name old; }
        }
        """
    ])
    let l = try #require(parsed.server("l"))
    #expect(l["listen[0].address"] == "127.0.0.1")
    #expect(l["listen[0].port"] == 8443)
    #expect(l["listen[0].proxy_protocol"] == true)
    #expect(l["listen[1].quic"] == true)
    #expect(l["listen[1].socket"] == "[::]:443/udp")
    #expect(l["listen[2].tls"] == true)
    #expect(l["listen[2].default_server"] == true)
    #expect(l["listen[3].address"] == "unix:/run/a.sock")
    #expect(l["listen[4].tls"] == false)
    #expect(l["tls"] == true)
    #expect(l["plain_http"] == true)
    #expect(l.at("plain_http") == "nginx.conf:6")
    #expect(parsed.server("implicit")?["listen[0].port"] == 80)
    #expect(parsed.server("implicit")?["tls"] == false)
    let old = try #require(parsed.server("old"))
    #expect(old["tls"] == true)
    #expect(old["ssl_on"] == true)
    #expect(old.at("ssl_on") == "nginx.conf:11")
}

@Test func detectsRedirectsAndContent() throws {
    let parsed = try parseTree([
        "nginx.conf": """
        http {
            server { listen 443 ssl; server_name a.example; }
            server { listen 80; server_name a.example; return 301 https://$host$request_uri; }
            server { listen 80; server_name b.example; rewrite ^ https://$host$request_uri? permanent; }
            server { listen 80; server_name c.example; location /.well-known/acme-challenge/ { root /acme; } location / { return 301 https://$host$request_uri; } }
            server { listen 80; server_name d.example; location / { proxy_pass http://app; } }
            server { listen 80 default_server; server_name _; return 444; }
            server { listen 80; listen 443 ssl; server_name e.example; if ($scheme = http) { return 301 https://$host$request_uri; } }
            server { listen 80; listen 443 ssl; server_name f.example; location / { root /srv; } }
        }
        """
    ])
    #expect(parsed.server("a.example")?["https_peer"] == true)
    #expect(parsed.all("server")[1]["serves_content"] == false)
    #expect(parsed.all("server")[1]["redirects_to_https"] == true)
    #expect(parsed.server("b.example")?["serves_content"] == false)
    #expect(parsed.server("c.example")?["serves_content"] == false)
    #expect(parsed.server("d.example")?["serves_content"] == true)
    #expect(parsed.server("d.example")?["https_peer"] == false)
    #expect(parsed.server("_")?["serves_content"] == false)
    #expect(parsed.server("_")?["catch_all"] == true)
    #expect(parsed.server("e.example")?["serves_content"] == false)
    #expect(parsed.server("f.example")?["serves_content"] == true)
    #expect(parsed.server("f.example")?["https_peer"] == true)
}

@Test func resolvesUpstreamTLSThroughVariablesAndMaps() throws {
    let parsed = try parseTree([
        "nginx.conf": """
        http {
            map $host $backend { default https://b.internal; api.example http://api; }
            proxy_ssl_trusted_certificate /tls/ca.pem;
            server {
                listen 443 ssl;
                server_name u;
                location /direct { proxy_pass https://app; }
                location /verified { proxy_pass https://app; proxy_ssl_verify on; }
                location /set { set $up https://x.internal; proxy_pass $up; }
                location /map { proxy_pass $backend; }
                location /grpc { grpc_pass grpcs://g:443; grpc_ssl_verify on; }
                location /plain { proxy_pass http://app; }
                location /unknown { proxy_pass $whatever; }
            }
        }
        """
    ])
    let byPath = Dictionary(uniqueKeysWithValues: parsed.all("location").map { ($0["path"]?.stringValue ?? "", $0) })
    #expect(byPath["/direct"]?["upstream.tls"] == true)
    #expect(byPath["/direct"]?["upstream.verify"] == false)
    #expect(byPath["/direct"]?["upstream.trusted_certificate"] == "/tls/ca.pem")
    #expect(byPath["/direct"]?.at("upstream.target") == "nginx.conf:7")
    #expect(byPath["/verified"]?["upstream.verify"] == true)
    #expect(byPath["/set"]?["upstream.tls"] == true)
    #expect(byPath["/map"]?["upstream.tls"] == true)
    #expect(byPath["/grpc"]?["upstream.tls"] == true)
    #expect(byPath["/grpc"]?["upstream.verify"] == true)
    #expect(byPath["/grpc"]?["upstream.trusted_certificate"] == .null)
    #expect(byPath["/plain"]?["upstream.tls"] == false)
    #expect(byPath["/unknown"]?["upstream.tls"] == .unknown)
}

@Test func sessionTicketRotation() throws {
    func rotation(_ http: String, _ version: String? = nil) throws -> Value? {
        let parsed = try parseTree(["nginx.conf": "http { \(http) server { listen 443 ssl; server_name t; } }"],
                                   version: version.flatMap(NginxVersion.init))
        return parsed.server("t")?["ssl.session_ticket_rotation"]
    }
    #expect(try rotation("ssl_session_tickets off;") == true)
    #expect(try rotation("ssl_session_ticket_key a.key; ssl_session_ticket_key b.key;") == true)
    #expect(try rotation("ssl_session_ticket_key a.key;") == false)
    #expect(try rotation("") == false)
    #expect(try rotation("ssl_session_cache shared:SSL:10m;") == .unknown)
    #expect(try rotation("ssl_session_cache shared:SSL:10m;", "1.23.2") == true)
    #expect(try rotation("ssl_session_cache shared:SSL:10m;", "1.22.0") == false)
}

@Test func streamAndMailServers() throws {
    let parsed = try parseTree([
        "nginx.conf": """
        stream {
            ssl_protocols TLSv1 TLSv1.2;
            server { listen 5432 ssl; ssl_certificate /tls/db.crt; proxy_pass db:5432; proxy_ssl on; }
        }
        mail {
            server { listen 143; protocol imap; starttls on; ssl_ciphers RC4-MD5; }
        }
        """
    ])
    let stream = try #require(parsed.all("stream-server").first)
    #expect(stream["tls"] == true)
    #expect(stream["ssl.weak_protocols"] == ["TLSv1"])
    #expect(stream.at("ssl.protocols") == "nginx.conf:2")
    #expect(stream["upstream.tls"] == true)
    #expect(stream["upstream.verify"] == false)
    #expect(stream.at("upstream.verify") == "nginx.conf:3")
    let mail = try #require(parsed.all("mail-server").first)
    #expect(mail["tls"] == true)
    #expect(mail["ssl.cipher_set.has_weak"] == true)
}

@Test func versionParsing() {
    #expect(NginxVersion("1.25.3") == NginxVersion(1, 25, 3))
    #expect(NginxVersion("nginx/1.29") == NginxVersion(1, 29, 0))
    #expect(NginxVersion("1") == nil)
    #expect(NginxVersion("1.x.2") == nil)
    #expect(NginxVersion(1, 29, 1) < NginxVersion(1, 29, 2))
}

@Test func fileCanDeclareItsNginxVersion() throws {
    let text = "# cipherlint:nginx-version 1.27.3\nserver { listen 443 ssl; server_name a; }"
    let parsed = try parseTree(["site.conf": text], entry: "site.conf")
    #expect(parsed.server("a")?["ssl.protocols"] == ["TLSv1.2", "TLSv1.3"])
    #expect(parsed.server("a")?["nginx_version"] == "1.27.3")
    let overridden = try parseTree(["site.conf": text], entry: "site.conf", version: NginxVersion("1.20.0"))
    #expect(overridden.server("a")?["ssl.weak_protocols"] == ["TLSv1", "TLSv1.1"])
}

@Test func hstsOwnTellsInheritedFromOwn() throws {
    let parsed = try parseTree([
        "nginx.conf": """
        http {
            add_header Strict-Transport-Security "max-age=300";
            server {
                listen 443 ssl;
                server_name a;
                location / { }
                location /own { add_header Strict-Transport-Security "max-age=600" always; }
            }
        }
        """
    ])
    #expect(parsed.server("a")?["hsts_own"] == false)
    let locations = parsed.all("location")
    #expect(locations[0]["hsts_own"] == false)
    #expect(locations[1]["hsts_own"] == true)
    #expect(locations[1]["hsts.max_age"] == 600)
}

@Test func hstsFromHeadersMore() throws {
    let parsed = try parseTree([
        "nginx.conf": """
        http {
            server {
                listen 443 ssl;
                server_name a;
                more_set_headers "Strict-Transport-Security: max-age=31536000; includeSubDomains";
            }
        }
        """
    ])
    let a = try #require(parsed.server("a"))
    #expect(a["hsts.max_age"] == 31_536_000)
    #expect(a["hsts.always"] == true)
    #expect(a.at("hsts") == "nginx.conf:5")
}

@Test func serversWithoutTLSDirectivesInheritTheHTTPBlocks() throws {
    let parsed = try parseTree([
        "nginx.conf": """
        http {
            ssl_protocols TLSv1 TLSv1.2;
            ssl_session_cache shared:SSL:10m;
            server { listen 443 ssl; server_name a; }
            server { listen 443 ssl; server_name b; ssl_protocols TLSv1.3; }
            server { listen 80; server_name c; }
        }
        """
    ], version: NginxVersion("1.24.0"))
    let a = try #require(parsed.server("a"))
    let b = try #require(parsed.server("b"))
    let c = try #require(parsed.server("c"))
    #expect(a["ssl.protocols"] == ["TLSv1", "TLSv1.2"])
    #expect(a.at("ssl.protocols") == "nginx.conf:2")
    #expect(b["ssl.protocols"] == ["TLSv1.3"])
    #expect(b.at("ssl.protocols") == "nginx.conf:5")
    #expect(c["ssl.protocols"] == ["TLSv1", "TLSv1.2"])
    #expect(c.at("ssl.session_cache") == "nginx.conf:3")
    #expect(c["ssl.weak_protocols"] == ["TLSv1"])
}

@Test func siblingLocationsWithoutHeadersShareTheInheritedOnes() throws {
    let parsed = try parseTree([
        "nginx.conf": """
        http {
            server {
                listen 443 ssl; server_name a;
                add_header Strict-Transport-Security "max-age=600" always;
                location /a { root /a; }
                location /b { root /b; location /b/c { root /c; } }
                location /d { add_header X-Foo bar; }
                location /e { root /e; }
            }
            server {
                listen 443 ssl; server_name off;
                add_header_inherit off;
                add_header Strict-Transport-Security "max-age=600";
                location /f { root /f; }
            }
        }
        """
    ], version: NginxVersion("1.29.3"))
    let byPath = Dictionary(parsed.all("location").map { ($0["path"]?.stringValue ?? "", $0) }, uniquingKeysWith: { a, _ in a })
    for path in ["/a", "/b", "/b/c", "/e"] {
        let l = try #require(byPath[path])
        #expect(l["hsts.max_age"] == 600)
        #expect(l["hsts_own"] == false)
        #expect(l.at("hsts.max_age") == "nginx.conf:4")
        #expect(l["headers"]?.listValue?.count == 1)
    }
    let d = try #require(byPath["/d"])
    #expect(d["hsts"] == nil)
    #expect(d["hsts_shadowed_by"] == "add_header X-Foo")
    let f = try #require(byPath["/f"])
    #expect(f["headers"] == [])
    #expect(f["hsts"] == nil)
}

// Fedora's and RHEL's stock nginx.conf: the suites come from the host's crypto policy.
@Test func systemCryptoPolicyCiphersAreUnknown() throws {
    let parsed = try parseTree([
        "nginx.conf": """
        http {
            server { listen 443 ssl http2; server_name _; ssl_ciphers PROFILE=SYSTEM; }
            server { listen 443 ssl; server_name b; ssl_ciphers HIGH:!aNULL:!MD5; }
        }
        """
    ])
    let fedora = try #require(parsed.server("_"))
    #expect(fedora["ssl.cipher_set"] == .unknown)
    #expect(fedora["ssl.ciphers"] == "PROFILE=SYSTEM")
    #expect(fedora.at("ssl.ciphers") == "nginx.conf:2")
    let b = try #require(parsed.server("b"))
    #expect(b["ssl.cipher_set.has_weak"] == false)
}
