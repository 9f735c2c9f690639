import Foundation
import Graph

/// Finds the files a scan reads: the named files, and candidate files under named directories.
struct FileDiscovery {
    /// User `--exclude` globs, matched against paths and each path's last component.
    var excludes: [String]
    var maxFileSize: Int

    /// Directories never entered: VCS data, build output, dependency caches.
    static let skippedDirectories: Set<String> = [
        ".git", ".hg", ".svn", ".terraform", ".build", "node_modules", ".venv", "__pycache__",
    ]

    struct Found {
        var inputs: [(path: String, explicit: Bool)]
        var diagnostics: [Diagnostic]
    }

    /// True for names worth reading to classify: plans, YAML, nginx files.
    static func isCandidate(_ path: String) -> Bool {
        let lower = path.lowercased()
        let name = lower.split(separator: "/").last.map(String.init) ?? lower
        if [".json", ".yaml", ".yml", ".conf", ".tfplan", ".nginx"].contains(where: { name.hasSuffix($0) }) { return true }
        if name == "nginx.conf" { return true }
        let components = lower.split(separator: "/")
        if components.count >= 2 {
            let parent = components[components.count - 2]
            if parent.hasPrefix("sites-") || parent == "conf.d" { return true }
        }
        return false
    }

    func excluded(_ path: String) -> Bool {
        if excludes.isEmpty { return false }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return excludes.contains { Glob.matches($0, path) || Glob.matches($0, name) || Glob.matches($0 + "/**", path) }
    }

    func discover(_ paths: [String]) -> Found {
        var found = Found(inputs: [], diagnostics: [])
        var seen = Set<String>()
        let fm = FileManager.default
        for given in paths {
            let path = FileDiscovery.normalize(given)
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                found.diagnostics.append(Diagnostic(.error, "no such file or directory", at: SourceLocation(path: path, line: 1)))
                continue
            }
            if !isDirectory.boolValue {
                if seen.insert(path).inserted { found.inputs.append((path, true)) }
                continue
            }
            // Depth-first, sorted, never following symbolic links to directories (no loops).
            var stack = [path]
            var files: [String] = []
            while let dir = stack.popLast() {
                guard let entries = FileDiscovery.entries(of: dir) else {
                    found.diagnostics.append(Diagnostic(.error, "cannot read directory", at: SourceLocation(path: dir, line: 1)))
                    continue
                }
                for (name, type) in entries.sorted(by: { $0.name < $1.name }).reversed() {
                    let child = dir == "." ? name : dir + "/" + name
                    if excluded(child) { continue }
                    switch type {
                    case .directory:
                        if !FileDiscovery.skippedDirectories.contains(name) { stack.append(child) }
                    case .symbolicLink:
                        var targetIsDirectory: ObjCBool = false
                        if fm.fileExists(atPath: child, isDirectory: &targetIsDirectory), !targetIsDirectory.boolValue,
                            FileDiscovery.isCandidate(child)
                        {
                            files.append(child)
                        }
                    case .regular, .unknown:
                        // An entry whose type cannot be told (it vanished) is tried like a file.
                        if FileDiscovery.isCandidate(child) { files.append(child) }
                    case .other:
                        break
                    }
                }
            }
            for file in files.sorted() where seen.insert(file).inserted { found.inputs.append((file, false)) }
        }
        return found
    }

    /// What a directory entry is, without following a symbolic link.
    enum EntryType {
        case regular, directory, symbolicLink, other
        /// `lstat` failed: the entry went away while being listed.
        case unknown
    }

    /// The entries of the directory at `dir` (without `.` and `..`), in the order the system
    /// lists them, each with its type; nil when the directory cannot be read.
    ///
    /// Straight from `readdir`, which gives the type of most entries: FileManager's
    /// `attributesOfItem` also looks up the owner's and group's names, reading `/etc/passwd`
    /// and `/etc/group` once per file.
    static func entries(of dir: String) -> [(name: String, type: EntryType)]? {
        guard let directory = opendir(dir) else { return nil }
        defer { closedir(directory) }
        var out: [(name: String, type: EntryType)] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            var type: EntryType
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): type = .regular
            case Int32(DT_DIR): type = .directory
            case Int32(DT_LNK): type = .symbolicLink
            case Int32(DT_UNKNOWN):
                var info = stat()
                let full = dir == "/" ? "/" + name : dir + "/" + name
                if lstat(full, &info) != 0 {
                    type = .unknown
                } else {
                    switch info.st_mode & S_IFMT {
                    case S_IFREG: type = .regular
                    case S_IFDIR: type = .directory
                    case S_IFLNK: type = .symbolicLink
                    default: type = .other
                    }
                }
            default: type = .other
            }
            out.append((name, type))
        }
        return out
    }

    /// Reads one file, or a diagnostic saying why it could not be read.
    func read(_ path: String) -> Swift.Result<SourceFile, Diagnostic> {
        let here = SourceLocation(path: path, line: 1)
        switch FileBytes.read(path, maxFileSize: maxFileSize) {
        case .bytes(let bytes): return .success(SourceFile(path: path, bytes: bytes))
        case .missing: return .failure(Diagnostic(.error, "cannot read file", at: here))
        case .notRegular: return .failure(Diagnostic(.error, "cannot read file (not a regular file)", at: here))
        case .tooLarge(let size?):
            return .failure(Diagnostic(.error, "file is \(size) bytes, over the limit of \(maxFileSize) (--max-file-size)", at: here))
        case .tooLarge(nil):
            return .failure(Diagnostic(.error, "file is over the limit of \(maxFileSize) bytes (--max-file-size)", at: here))
        case .unreadable: return .failure(Diagnostic(.error, "cannot read file (permission denied?)", at: here))
        }
    }

    /// `./a//b/` → `a/b`; keeps absolute paths absolute.
    static func normalize(_ path: String) -> String {
        if path == "." || path == "./" { return "." }
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) where part != "." { parts.append(part) }
        let joined = parts.joined(separator: "/")
        return path.hasPrefix("/") ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}
