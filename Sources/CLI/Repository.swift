import Evidence
import Foundation

/// The git state of a scanned tree, read by running `git` (the CLI is the only place that may).
enum Repository {
    /// Commit, origin remote and cleanliness of the repository holding `path`; nil when it is
    /// not in a git work tree or git is not installed.
    static func info(near path: String) -> RepositoryInfo? {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        let directory = !exists ? "." : (isDirectory.boolValue ? path : ((path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent))
        guard let commit = git(["-C", directory, "rev-parse", "HEAD"]), !commit.isEmpty else { return nil }
        let remote = git(["-C", directory, "remote", "get-url", "origin"])
        // Untracked files are left out: the bundle being written may itself be untracked.
        let status = git(["-C", directory, "status", "--porcelain", "--untracked-files=no"])
        return RepositoryInfo(commit: commit, remote: remote?.isEmpty == false ? remote : nil, dirty: status.map { !$0.isEmpty })
    }

    /// The trimmed standard output of `git ARGS`, or nil when it fails.
    static func git(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
