import Foundation
import Graph

/// Files from the disk, for parsers that read beside their input (nginx includes, `.tf`).
///
/// Reads go straight to `open`/`fstat`/`read`, and what was read is remembered for the rest of
/// the run: an nginx snippet included by every server, or a directory a glob lists for every
/// includer, is read from the disk once. The cache is shared by the copies of a provider.
struct DiskSourceProvider: SourceProvider {
    /// Largest file read; larger ones are treated as unreadable by parsers that follow links.
    var maxFileSize: Int
    private let cache = Cache()

    /// A provider reading files of at most `maxFileSize` bytes.
    init(maxFileSize: Int) {
        self.maxFileSize = maxFileSize
    }

    func file(at path: String) -> SourceFile? {
        if let known = cache.file(at: path, maxFileSize: maxFileSize) { return known.file }
        let file = DiskSourceProvider.load(path, maxFileSize: maxFileSize)
        cache.remember(file, at: path, maxFileSize: maxFileSize)
        return file
    }

    /// Remembers an input already read from the disk (by file discovery, with the same size
    /// limit), so a parser that follows a link to it (an nginx `include conf.d/*.conf` of files
    /// that are inputs too) does not read it again.
    func seed(_ file: SourceFile) {
        cache.remember(file, at: file.path, maxFileSize: maxFileSize)
    }

    func glob(_ pattern: String) -> [String] {
        if let known = cache.glob(pattern) { return known }
        let matches = DiskSourceProvider.expand(pattern)
        cache.remember(glob: matches, for: pattern)
        return matches
    }

    func canonicalPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    func directoryEntries(at path: String) -> [String]? {
        DiskSourceProvider.entries(of: path)?.map(\.name).sorted()
    }

    /// The regular file at `path` (symbolic links followed: Debian's `sites-enabled/*` are
    /// links) if it is at most `maxFileSize` bytes; nil for anything else (missing, a
    /// directory, a dangling or looping link, a device, unreadable, too large).
    private static func load(_ path: String, maxFileSize: Int) -> SourceFile? {
        guard case .bytes(let bytes) = FileBytes.read(path, maxFileSize: maxFileSize) else { return nil }
        return SourceFile(path: path, bytes: bytes)
    }

    /// One directory entry: its name and whether it is (or links to) a directory.
    private struct Entry {
        var name: String
        var isDirectory: Bool
    }

    /// The entries of the directory at `path` in the order the system lists them, without `.`
    /// and `..`; entries that do not exist once links are followed are left out.
    private static func entries(of path: String) -> [Entry]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var out: [Entry] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            let type = Int32(entry.pointee.d_type)
            if type == Int32(DT_DIR) {
                out.append(Entry(name: name, isDirectory: true))
            } else if type == Int32(DT_LNK) || type == Int32(DT_UNKNOWN) {
                var info = stat()
                let full = path == "/" ? "/" + name : path + "/" + name
                guard stat(full, &info) == 0 else { continue }
                out.append(Entry(name: name, isDirectory: info.st_mode & S_IFMT == S_IFDIR))
            } else {
                out.append(Entry(name: name, isDirectory: false))
            }
        }
        return out
    }

    private static func expand(_ pattern: String) -> [String] {
        // Walk from the longest wildcard-free directory prefix of the pattern.
        let parts = pattern.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var base: [String] = []
        for part in parts {
            if part.contains(where: { "*?[".contains($0) }) { break }
            base.append(part)
        }
        if base.count == parts.count {
            var info = stat()
            return stat(pattern, &info) == 0 ? [pattern] : []
        }
        let root = base.isEmpty ? "." : (base.joined(separator: "/").isEmpty ? "/" : base.joined(separator: "/"))
        let recursive = pattern.contains("**")
        var out: [String] = []
        var queue = [root]
        var visited = 0
        while let dir = queue.popLast(), visited < 100_000 {
            visited += 1
            guard let entries = entries(of: dir) else { continue }
            for entry in entries {
                let name = entry.name
                let path = dir == "." && !pattern.hasPrefix("./") ? name : (dir == "/" ? "/" + name : dir + "/" + name)
                if entry.isDirectory {
                    let depth = path.split(separator: "/").count
                    if recursive || depth < parts.count { queue.append(path) }
                } else if Glob.matches(pattern, path) {
                    out.append(path)
                }
            }
        }
        return out.sorted()
    }
}
