import Graph

@testable import Nginx

/// Parses `files["nginx.conf"]` (or `entry`) through an in-memory tree.
func parseTree(_ files: [String: String], entry: String = "nginx.conf", version: NginxVersion? = nil, prefix: String? = nil)
    throws -> ParsedFile
{
    let provider = InMemorySourceProvider(files)
    guard let main = provider.file(at: entry) else { throw ParseError("no file \(entry)", at: SourceLocation(path: entry, line: 1)) }
    return try NginxParser(provider: provider, prefix: prefix, version: version).parse(main)
}

extension ParsedFile {
    /// Resources of a kind, in order.
    func all(_ kind: String) -> [Resource] { resources.filter { $0.kind == "nginx/\(kind)" } }

    /// The first server whose server_name list holds `name`.
    func server(_ name: String) -> Resource? {
        all("server").first { $0.attributes["server_names"]?.listValue?.contains(.string(name)) == true }
    }
}

extension Resource {
    /// The value at a dotted path.
    subscript(_ path: String) -> Value? { value(at: AttributePath(parsing: path) ?? AttributePath()) }

    /// `file:line` of the value at a dotted path.
    func at(_ path: String) -> String {
        let l = location(of: AttributePath(parsing: path) ?? AttributePath())
        return "\(l.path):\(l.line)"
    }
}
