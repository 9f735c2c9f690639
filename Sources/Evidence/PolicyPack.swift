import Findings

/// The policies a run used, identified by version and digest, so an auditor can tell which
/// checks produced the evidence.
public struct PolicyPack: Sendable, Hashable {
    /// One policy file.
    public struct File: Sendable, Hashable {
        /// As policies report it: `policies/aws/x.yaml` (built in) or the user's path.
        public var path: String
        /// Lowercase hex SHA-256 of the file's text (UTF-8).
        public var sha256: String
        /// True for a policy shipped inside the binary.
        public var builtin: Bool

        /// A policy file of `text`.
        public init(path: String, text: String, builtin: Bool) {
            self.path = path
            self.sha256 = SHA256.hex(Array(text.utf8))
            self.builtin = builtin
        }
    }

    /// The version of the built-in pack (the tool's version: they ship together).
    public var version: String
    /// The files, sorted by path.
    public var files: [File]

    /// A pack; files are sorted by path.
    public init(version: String, files: [File]) {
        self.version = version
        self.files = files.sorted { $0.path < $1.path }
    }

    /// How `digest` is computed, for the record.
    public static let digestMethod = "SHA-256 of the lines \"<sha256 of text>  <path>\\n\" of the policy files sorted by path (sha256sum format)"

    /// SHA-256 over the sorted (path, text) pairs: the digest of the `sha256sum`-style listing
    /// of the policy files, so `sha256sum` can recompute it.
    public var digest: String {
        SHA256.hex(Array(files.map { "\($0.sha256)  \($0.path)\n" }.joined().utf8))
    }
}
