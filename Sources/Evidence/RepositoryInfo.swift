/// The version-control state of the scanned tree, when it is a git repository.
public struct RepositoryInfo: Sendable, Hashable {
    /// `git rev-parse HEAD`.
    public var commit: String
    /// `git remote get-url origin`, without credentials; nil when there is no such remote.
    public var remote: String?
    /// True when the work tree had uncommitted changes; nil when unknown.
    public var dirty: Bool?

    /// Repository facts; the remote is stripped of credentials.
    public init(commit: String, remote: String?, dirty: Bool? = nil) {
        self.commit = commit
        self.remote = remote.map(RepositoryInfo.redact)
        self.dirty = dirty
    }

    /// A remote URL without user name, password or token: `https://x:tok@host/r.git` →
    /// `https://host/r.git`. scp-like remotes (`git@host:org/r.git`) carry no secret and stay.
    public static func redact(_ remote: String) -> String {
        let trimmed = remote.trimmingWhitespace
        guard let scheme = trimmed.firstRange(of: "://") else { return trimmed }
        let afterScheme = trimmed[scheme.upperBound...]
        let authorityEnd = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? afterScheme.endIndex
        let authority = afterScheme[..<authorityEnd]
        var out = String(trimmed[..<scheme.upperBound])
        if let at = authority.lastIndex(of: "@") {
            out += afterScheme[afterScheme.index(after: at)...]
        } else {
            out += afterScheme
        }
        // Tokens sometimes ride in the query string (`?access_token=`): drop it.
        if let q = out.firstIndex(of: "?") { out = String(out[..<q]) }
        return out
    }
}
