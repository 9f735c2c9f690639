/// What a parser made of one input: its resources, the edges among them, and any problems
/// that did not stop the parse (a missing nginx include, a duplicate key).
public struct ParsedFile: Sendable {
    /// The input's path, as in its `SourceFile`.
    public var path: String
    /// The resources in the order they appear in the input.
    public var resources: [Resource]
    /// Connections between resources of this input, by resource id.
    public var edges: [LocalEdge]
    /// Problems that did not stop the parse; errors among them still make the exit code 2.
    public var diagnostics: [Diagnostic]
    /// Other files this input read (nginx includes, `.tf` sources), for the scope of evidence.
    public var dependencies: [String]

    /// A parse result.
    public init(
        path: String, resources: [Resource], edges: [LocalEdge] = [], diagnostics: [Diagnostic] = [],
        dependencies: [String] = []
    ) {
        self.path = path
        self.resources = resources
        self.edges = edges
        self.diagnostics = diagnostics
        self.dependencies = dependencies
    }
}

/// Turns one input into resources.
public protocol ResourceParser: Sendable {
    /// The resources of `file`; throws when the file cannot be read as this format at all.
    func parse(_ file: SourceFile) throws(ParseError) -> ParsedFile
}

/// Read access to files beside an input (nginx includes, Terraform sources), so parsers stay
/// free of I/O: the command line reads from disk, tests from memory.
public protocol SourceProvider: Sendable {
    /// The file at `path` (relative paths are relative to the working directory), or nil
    /// when it does not exist or cannot be read.
    func file(at path: String) -> SourceFile?
    /// The paths of existing files matching a shell glob (`conf.d/*.conf`), sorted.
    func glob(_ pattern: String) -> [String]
    /// The entries of a directory, sorted, or nil when it is not one.
    func directoryEntries(at path: String) -> [String]?
    /// One name for every path of the same file, symbolic links resolved (Debian's
    /// `sites-enabled/shop` → `…/sites-available/shop`), so two names of one file can be told
    /// apart from two files; `path` itself when it cannot be resolved.
    func canonicalPath(_ path: String) -> String
}

extension SourceProvider {
    /// `path` itself: a provider without links has one name per file.
    public func canonicalPath(_ path: String) -> String { path }
}

/// A `SourceProvider` over files held in memory, for tests and examples.
public struct InMemorySourceProvider: SourceProvider {
    /// The files by path.
    public var files: [String: [UInt8]]

    /// A provider of these files (path → text).
    public init(_ files: [String: String]) {
        self.files = files.mapValues { Array($0.utf8) }
    }

    public func file(at path: String) -> SourceFile? {
        files[normalize(path)].map { SourceFile(path: normalize(path), bytes: $0) }
    }

    public func glob(_ pattern: String) -> [String] {
        let p = normalize(pattern)
        return files.keys.filter { Glob.matches(p, $0) }.sorted()
    }

    public func directoryEntries(at path: String) -> [String]? {
        let prefix = normalize(path) + "/"
        let names = Set(files.keys.filter { $0.hasPrefix(prefix) }.map { key -> String in
            let rest = key.dropFirst(prefix.count)
            return String(rest.prefix { $0 != "/" })
        })
        return names.isEmpty ? nil : names.sorted()
    }

    private func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            parts.append(part)
        }
        return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }
}
