/// Paths as the bundle writes them: relative to the working directory, so a bundle does not
/// depend on where the scan ran.
enum EvidencePath {
    /// `path` without the working-directory prefix and `./`; paths outside it stay as given.
    static func display(_ path: String, in workingDirectory: String) -> String {
        var p = path
        let base = workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/"
        if !workingDirectory.isEmpty, p.hasPrefix(base) { p = String(p.dropFirst(base.count)) }
        while p.hasPrefix("./") { p = String(p.dropFirst(2)) }
        return p.isEmpty ? "." : p
    }
}
