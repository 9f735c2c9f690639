import Findings

/// `MANIFEST.sha256`: the SHA-256 of every other file of the bundle, one `<hex>  <name>` line
/// each, sorted by name: the format `sha256sum -c MANIFEST.sha256` checks.
public enum EvidenceManifest {
    /// The manifest's own file name.
    public static let fileName = "MANIFEST.sha256"
    /// The detached Ed25519 signature of the manifest's bytes.
    public static let signatureFileName = "MANIFEST.sha256.sig"

    /// The manifest of `files` (name → bytes).
    public static func render(_ files: [String: [UInt8]]) -> String {
        files.keys.sorted().map { "\(SHA256.hex(files[$0] ?? []))  \($0)\n" }.joined()
    }

    /// The manifest text of parsed entries (name → hex digest): what `render` writes.
    public static func text(_ entries: [String: String]) -> String {
        entries.keys.sorted().map { "\(entries[$0] ?? "")  \($0)\n" }.joined()
    }

    /// The entries of a manifest (name → hex digest), or the first line that is not an entry.
    public static func parse(_ text: String) -> Swift.Result<[String: String], EvidenceError> {
        var entries: [String: String] = [:]
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let chars = Array(line)
            guard chars.count > 66, chars[64] == " ", chars[65] == " " || chars[65] == "*",
                chars[0..<64].allSatisfy({ $0.isHexDigit && !$0.isUppercase })
            else {
                return .failure(EvidenceError("\(fileName):\(n + 1): not a \"<sha256>  <file>\" line"))
            }
            let name = String(chars[66...])
            guard entries[name] == nil else { return .failure(EvidenceError("\(fileName):\(n + 1): \(name) is listed twice")) }
            entries[name] = String(chars[0..<64])
        }
        return .success(entries)
    }
}
