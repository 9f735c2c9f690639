import Foundation
import Graph

/// Reads files from disk for tests over generated trees.
struct DiskProvider: SourceProvider {
    func file(at path: String) -> SourceFile? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        return SourceFile(path: path, bytes: Array(data))
    }

    func glob(_ pattern: String) -> [String] {
        // Only the last component may hold wildcards in these tests.
        let url = URL(fileURLWithPath: pattern)
        let directory = url.deletingLastPathComponent().path
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        let base = pattern.hasPrefix("/") ? directory : (pattern as NSString).deletingLastPathComponent
        return names.map { base.isEmpty ? $0 : base + "/" + $0 }.filter { Glob.matches(pattern, $0) }.sorted()
    }

    func directoryEntries(at path: String) -> [String]? {
        (try? FileManager.default.contentsOfDirectory(atPath: path))?.sorted()
    }
}
