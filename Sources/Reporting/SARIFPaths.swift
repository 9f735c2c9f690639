import Findings
import Graph

/// The artifact locations of one SARIF log, each path resolved once: a scan's thousands of
/// results point into a few hundred files.
final class SARIFPaths {
    private let workingDirectory: String
    private var relatives: [String: String?] = [:]
    private var inside: [String: JSONNode] = [:]
    private var outside: [String: JSONNode] = [:]

    /// The paths of a log written for `run`.
    init(_ run: RunInfo) {
        workingDirectory = run.workingDirectory
    }

    /// `path` relative to the working directory; nil when it lies outside.
    func relative(_ path: String) -> String? {
        if let known = relatives[path] { return known }
        let r = ReportPath.relative(path, to: workingDirectory)
        relatives[path] = .some(r)
        return r
    }

    /// True when `path` lies inside the working directory (GitHub can place it).
    func isInside(_ path: String) -> Bool { relative(path) != nil }

    /// The artifact location of `path`: repository-relative with `%SRCROOT%`, or (only when
    /// `allowOutside`) an absolute `file://` URI for a path outside the working directory.
    func artifactLocation(_ path: String, allowOutside: Bool) -> JSONNode? {
        // Results come in path order: most ask for the same path as the one before.
        if let last, last.path == path, last.allowOutside == allowOutside { return last.node }
        let node = resolve(path, allowOutside: allowOutside)
        last = (path, allowOutside, node)
        return node
    }

    private var last: (path: String, allowOutside: Bool, node: JSONNode?)?

    private func resolve(_ path: String, allowOutside: Bool) -> JSONNode? {
        if let node = inside[path] { return node }
        if let relative = relative(path) {
            let node = JSONNode.object([("uri", .string(ReportPath.percentEncode(relative))), ("uriBaseId", .string("%SRCROOT%"))])
            inside[path] = node
            return node
        }
        guard allowOutside else { return nil }
        if let node = outside[path] { return node }
        let node = JSONNode.object([("uri", .string(ReportPath.fileURI(ReportPath.absolute(path, in: workingDirectory))))])
        outside[path] = node
        return node
    }
}
