import Dispatch
import Graph

/// Parses nginx configuration trees into `nginx/http`, `nginx/server`, `nginx/location`,
/// `nginx/upstream`, `nginx/stream-server` and `nginx/mail-server` resources with effective
/// (inherited, defaulted) TLS and header settings.
///
/// A file with a top-level `http`, `events`, `stream` or `mail` block (or named `nginx.conf`)
/// is a main configuration; any other file is read as the inside of an `http` block (a
/// `sites-enabled/*` or `conf.d/*.conf` snippet scanned on its own). Includes are read
/// through the provider; the files they pulled in are listed in `ParsedFile.dependencies`.
public struct NginxParser: ResourceParser {
    /// Where included files are read from.
    public var provider: any SourceProvider
    /// The directory relative `include` paths resolve against; nil: the main file's directory
    /// (for a snippet in `sites-*/` or `conf.d/`: that directory's parent).
    public var prefix: String?
    /// The nginx version whose defaults apply; nil: the version the entry file declares in a
    /// `# cipherlint:nginx-version 1.24.0` comment, else unknown (verdicts that depend on it are
    /// `unknown`, and resources say which version was assumed).
    public var version: NginxVersion?

    /// A parser reading includes through `provider`.
    public init(provider: any SourceProvider, prefix: String? = nil, version: NginxVersion? = nil) {
        self.provider = provider
        self.prefix = prefix
        self.version = version
    }

    /// The resources of the configuration tree rooted at `file`.
    ///
    /// Throws when `file` itself cannot be tokenized (unbalanced braces, an unterminated quote);
    /// problems in included files become diagnostics and the rest is still read.
    public func parse(_ file: SourceFile) throws(ParseError) -> ParsedFile {
        let top = try ConfigReader.read(file)
        let fragment = !NginxParser.isMainConfiguration(path: file.path, top: top)
        let base = prefix ?? defaultPrefix(for: file.path, fragment: fragment)
        var expander = IncludeExpander(provider: provider, prefix: base)
        let expanded = expander.expand(top, path: file.path)
        var builder = ModelBuilder(
            version: version ?? NginxParser.declaredVersion(file), idPrefix: base, unresolved: expander.unresolved)
        let resources = builder.build(expanded, fragment: fragment)
        var diagnostics = expander.diagnostics
        diagnostics += NginxParser.contextDiagnostics(expanded, fragment: fragment)
        let parsed = ParsedFile(
            path: file.path, resources: resources, edges: builder.edges, diagnostics: diagnostics.sorted(),
            dependencies: expander.dependencies)
        // The directive trees (as read and as expanded) and the drafts are freed on another
        // thread: one by one, for a tree of thousands of servers, that takes tens of
        // milliseconds the caller need not wait for.
        // Moved into a box the other thread empties: a plain capture would leave this thread a
        // reference of its own, and whichever thread let go last (most often this one) freed them.
        let trees = Discarded((consume top, consume expanded, consume expander, consume builder))
        DispatchQueue.global(qos: .utility).async { trees.empty() }
        return parsed
    }

    /// The directives of `file` with includes expanded, for tools that want the syntax tree.
    public func directives(of file: SourceFile) throws(ParseError) -> [Directive] {
        let top = try ConfigReader.read(file)
        let fragment = !NginxParser.isMainConfiguration(path: file.path, top: top)
        var expander = IncludeExpander(provider: provider, prefix: prefix ?? defaultPrefix(for: file.path, fragment: fragment))
        return expander.expand(top, path: file.path)
    }

    /// True for files the scanner should hand to this parser: `*.conf`, `nginx.conf`,
    /// `*.nginx`, anything in `sites-*/` or `conf.d/` (extension-less files in `sites-*/` only
    /// when they look like nginx: a `server {`, `http {` or `events {` block).
    public static func looksLikeNginx(path: String, bytes: [UInt8]) -> Bool {
        // Only the last two components matter: found from the end, rather than splitting
        // the whole path (this runs for every file of a scan).
        // (A non-ASCII path is split by Characters, where a `/` may combine with what follows.)
        let name: Substring
        let directory: Substring
        if path.utf8.allSatisfy({ $0 < 0x80 }) {
            guard let last = lastComponent(path[...]) else { return false }
            name = last
            directory = lastComponent(path[..<last.startIndex]) ?? ""
        } else {
            let parts = path.split(separator: "/")
            guard let last = parts.last else { return false }
            name = last
            directory = parts.count >= 2 ? parts[parts.count - 2] : ""
        }
        if name == "nginx.conf" || name.hasSuffix(".nginx") { return true }
        if name.hasSuffix(".conf") { return true }
        if directory == "conf.d" { return true }
        if directory.hasPrefix("sites-") {
            if name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".bak") || name.hasSuffix(".dpkg-dist") { return false }
            return sniff(bytes)
        }
        return false
    }

    /// The last non-empty `/`-separated component of `path`, if any.
    static func lastComponent(_ path: Substring) -> Substring? {
        let utf8 = path.utf8
        var end = utf8.endIndex
        while end > utf8.startIndex, utf8[utf8.index(before: end)] == UInt8(ascii: "/") { end = utf8.index(before: end) }
        guard end > utf8.startIndex else { return nil }
        var start = end
        while start > utf8.startIndex, utf8[utf8.index(before: start)] != UInt8(ascii: "/") { start = utf8.index(before: start) }
        return path[start..<end]
    }

    /// True when the text opens a `server`, `http` or `events` block.
    static func sniff(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes.prefix(65536), as: UTF8.self)
        for line in text.split(separator: "\n") {
            var s = line.trimmingSpaces
            if s.hasPrefix("#") { continue }
            for keyword in ["server", "http", "events"] where s.hasPrefix(keyword) {
                s = s.dropFirst(keyword.count).trimmingSpaces
                if s.hasPrefix("{") { return true }
            }
        }
        return false
    }

    static func isMainConfiguration(path: String, top: [Directive]) -> Bool {
        if top.contains(where: { ["http", "events", "stream", "mail"].contains($0.name) && $0.block != nil }) { return true }
        // Blocks of the http context at top level make a fragment, whatever the file is called.
        if top.contains(where: { ["server", "location", "upstream", "map"].contains($0.name) && $0.block != nil }) { return false }
        return path == "nginx.conf" || path.hasSuffix("/nginx.conf")
    }

    /// The version a file declares for itself with `# cipherlint:nginx-version 1.24.0`.
    static func declaredVersion(_ file: SourceFile) -> NginxVersion? {
        let marker = "cipherlint:nginx-version"
        for line in file.text.split(separator: "\n") {
            guard let hash = line.firstIndex(of: "#") else { continue }
            let comment = line[line.index(after: hash)...].trimmingSpaces
            guard comment.hasPrefix(marker) else { continue }
            var rest = comment.dropFirst(marker.count).trimmingSpaces
            if rest.hasPrefix("=") { rest = rest.dropFirst().trimmingSpaces }
            if let version = NginxVersion(String(rest.prefix { !$0.isWhitespace })) { return version }
        }
        return nil
    }

    /// Where nginx would resolve the relative includes of the file at `path`: its configuration
    /// prefix, the directory of the main `nginx.conf`. For a fragment in some other directory
    /// of a tree (`snippets/fastcgi-php.conf` including `fastcgi.conf`), that is its parent
    /// when the parent, not the fragment's own directory, holds an `nginx.conf`.
    func defaultPrefix(for path: String, fragment: Bool) -> String {
        let base = NginxParser.defaultPrefix(for: path, fragment: fragment)
        guard fragment, base == NginxParser.defaultPrefix(for: path, fragment: false),
            provider.file(at: IncludeExpander.join(base, "nginx.conf")) == nil
        else { return base }
        var parts = base.split(separator: "/", omittingEmptySubsequences: false)
        guard !base.isEmpty, base != "/", parts.last != "..", parts.last != "." else { return base }
        parts.removeLast()
        let parent = parts.joined(separator: "/")
        let root = parent.isEmpty && path.hasPrefix("/") ? "/" : parent
        return provider.file(at: IncludeExpander.join(root, "nginx.conf")) == nil ? base : root
    }

    static func defaultPrefix(for path: String, fragment: Bool) -> String {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        parts.removeLast()
        if fragment, let directory = parts.last, directory.hasPrefix("sites-") || directory == "conf.d" {
            parts.removeLast()
        }
        let joined = parts.joined(separator: "/")
        return joined.isEmpty && path.hasPrefix("/") ? "/" : joined
    }

    /// Warnings for directives nginx would reject in their context (a `server` outside `http`).
    static func contextDiagnostics(_ top: [Directive], fragment: Bool) -> [Diagnostic] {
        guard !fragment else { return [] }
        return top.filter { ["server", "location"].contains($0.name) && $0.block != nil }.map {
            Diagnostic(.warning, "\"\($0.name)\" directive is not allowed here (outside an http block); not checked", at: $0.location)
        }
    }
}
