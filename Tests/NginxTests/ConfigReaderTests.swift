import Graph
import Testing

@testable import Nginx

private func read(_ text: String, path: String = "t.conf") throws(ParseError) -> [Directive] {
    try ConfigReader.read(SourceFile(path: path, text: text))
}

private func error(_ text: String) -> ParseError? {
    do {
        _ = try read(text)
        return nil
    } catch {
        return error
    }
}

@Test func readsDirectivesBlocksAndLocations() throws {
    let top = try read("user nginx;\nhttp {\n  server {\n    listen 443 ssl;\n  }\n}\n")
    #expect(top.map(\.name) == ["user", "http"])
    #expect(top[0].args == ["nginx"])
    let server = try #require(top[1].block?.first)
    #expect(server.name == "server")
    let listen = try #require(server.block?.first)
    #expect(listen.args == ["443", "ssl"])
    #expect(listen.location.line == 4)
    #expect(listen.location.column == 5)
    #expect(listen.arguments[1].location.column == 16)
    #expect(top[1].location.endLine == 6)
}

@Test func readsQuotesAndEscapes() throws {
    let top = try read(#"add_header X "a \"b\" c" 'it\'s' always; log_format f '$remote_addr \t';"#)
    #expect(top[0].args == ["X", #"a "b" c"#, "it's", "always"])
    #expect(top[0].arguments[1].quoted)
    #expect(!top[0].arguments[0].quoted)
    #expect(top[1].args == ["f", "$remote_addr \t"])
}

@Test func keepsUnknownEscapesAndVariables() throws {
    let top = try read(#"rewrite ^/(\d+)$ /x?id=$1 last; set $a "${host}x"; return 200 ${scheme}://$host;"#)
    #expect(top[0].args == [#"^/(\d+)$"#, "/x?id=$1", "last"])
    #expect(top[1].args == ["$a", "${host}x"])
    #expect(top[2].args == ["200", "${scheme}://$host"])
}

@Test func skipsComments() throws {
    let top = try read("# header\nlisten 80; # trailing { ; }\n  # indented\nserver_name a#b;\n")
    #expect(top.map(\.name) == ["listen", "server_name"])
    #expect(top[1].args == ["a#b"])
    #expect(top[1].location.line == 4)
}

@Test func readsIfMapTypesUpstreamGeo() throws {
    let text = """
        map $http_upgrade $connection_upgrade { default upgrade; '' close; }
        types { text/html html htm; }
        geo $geo { default 0; 10.0.0.0/8 1; }
        upstream app { server 10.0.0.1:8080 max_fails=3; keepalive 8; }
        server { if ($request_method = POST) { return 405; } }
        """
    let top = try read(text)
    #expect(top.map(\.name) == ["map", "types", "geo", "upstream", "server"])
    #expect(top[0].block?.map(\.name) == ["default", ""])
    #expect(top[1].block?.first?.args == ["html", "htm"])
    let ifBlock = try #require(top[4].block?.first)
    #expect(ifBlock.name == "if")
    #expect(ifBlock.args == ["($request_method", "=", "POST)"])
    #expect(ifBlock.block?.first?.args == ["405"])
}

@Test func keepsLuaBlocksRaw() throws {
    let text = """
        location / {
            content_by_lua_block {
                local s = "}" .. '{' -- a } comment
                --[[ long } comment ]]
                local t = [==[ ]] } ]==]
                if x then ngx.say("{") end
            }
            add_header X y;
        }
        """
    let top = try read(text)
    let block = try #require(top[0].block)
    #expect(block.map(\.name) == ["content_by_lua_block", "add_header"])
    let body = try #require(block[0].rawBody)
    #expect(body.contains("ngx.say(\"{\")"))
    #expect(block[1].location.line == 8)
}

@Test(arguments: [
    ("server {\n listen 80;\n", 3, "expecting \"}\""),
    ("listen 80;\n}\n", 2, "unexpected \"}\""),
    ("listen 80\n", 2, "unexpected end of file"),
    ("; listen 80;", 1, "unexpected \";\""),
    ("{ }", 1, "unexpected \"{\""),
    ("server_name \"abc;\n", 1, "unterminated"),
    ("add_header X \"a\"b;", 1, "after a quoted string"),
    ("a { b }", 1, "unexpected \"}\""),
    ("content_by_lua_block { x = 1", 1, "Lua block"),
])
func reportsErrorsWithLocations(text: String, line: Int, message: String) {
    let e = error(text)
    #expect(e?.location.line == line)
    #expect(e?.message.contains(message) == true, "\(String(describing: e))")
    #expect(e?.location.path == "t.conf")
}

@Test func limitsNestingDepth() {
    let deep = String(repeating: "a {", count: 200) + String(repeating: "}", count: 200)
    #expect(error(deep)?.message.contains("nested") == true)
}

@Test func neverCrashesOnArbitraryBytes() {
    var seed: UInt64 = 42
    let alphabet = Array("ab {};\"'\\#$\n\t()[]-".utf8)
    for _ in 0..<300 {
        var bytes: [UInt8] = []
        for _ in 0..<60 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            bytes.append(alphabet[Int(seed >> 33) % alphabet.count])
        }
        _ = try? ConfigReader.read(SourceFile(path: "f.conf", bytes: bytes))
    }
    _ = try? ConfigReader.read(SourceFile(path: "f.conf", bytes: [0xFF, 0xFE, 0x00, 0x7B]))
}

@Test func columnsCountUnicodeScalars() throws {
    let top = try read("server_name é.example; listen 80;")
    #expect(top[1].location.column == 24)
}

@Test func sniffsNginxFiles() {
    #expect(NginxParser.looksLikeNginx(path: "etc/nginx/nginx.conf", bytes: []))
    #expect(NginxParser.looksLikeNginx(path: "conf.d/app", bytes: []))
    #expect(NginxParser.looksLikeNginx(path: "x/site.nginx", bytes: []))
    #expect(NginxParser.looksLikeNginx(path: "sites-enabled/shop", bytes: Array("# x\nserver {\n".utf8)))
    #expect(!NginxParser.looksLikeNginx(path: "sites-enabled/README", bytes: Array("hello".utf8)))
    #expect(!NginxParser.looksLikeNginx(path: "src/main.swift", bytes: Array("server {".utf8)))
}
