import Foundation
import Graph

/// Files from the disk, for parsers that read beside their input (nginx includes, `.tf`).
struct DiskSourceProvider: SourceProvider {
    /// Largest file read; larger ones are treated as unreadable by parsers that follow links.
    var maxFileSize: Int

    func file(at path: String) -> SourceFile? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            (attributes[.type] as? FileAttributeType) == .typeRegular,
            let size = attributes[.size] as? Int, size <= maxFileSize,
            let data = FileManager.default.contents(atPath: path)
        else { return nil }
        return SourceFile(path: path, bytes: Array(data))
    }

    func glob(_ pattern: String) -> [String] {
        // Walk from the longest wildcard-free directory prefix of the pattern.
        let parts = pattern.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var base: [String] = []
        for part in parts {
            if part.contains(where: { "*?[".contains($0) }) { break }
            base.append(part)
        }
        if base.count == parts.count {
            return FileManager.default.fileExists(atPath: pattern) ? [pattern] : []
        }
        let root = base.isEmpty ? "." : (base.joined(separator: "/").isEmpty ? "/" : base.joined(separator: "/"))
        let recursive = pattern.contains("**")
        var out: [String] = []
        var queue = [root]
        var visited = 0
        while let dir = queue.popLast(), visited < 100_000 {
            visited += 1
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
            for name in names {
                let path = dir == "." && !pattern.hasPrefix("./") ? name : (dir == "/" ? "/" + name : dir + "/" + name)
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    let depth = path.split(separator: "/").count
                    if recursive || depth < parts.count { queue.append(path) }
                } else if Glob.matches(pattern, path) {
                    out.append(path)
                }
            }
        }
        return out.sorted()
    }

    func directoryEntries(at path: String) -> [String]? {
        (try? FileManager.default.contentsOfDirectory(atPath: path))?.sorted()
    }
}
