import Findings

/// Checks a bundle as found on disk: every file the manifest lists is there with its digest,
/// no other file is, and the signature (when a public key is given) is the key's.
public enum EvidenceVerifier {
    /// What is wrong with one file of a bundle.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// The file, relative to the bundle directory.
        public var file: String
        public var message: String

        /// `report.html: changed (digest does not match MANIFEST.sha256)`.
        public var description: String { "\(file): \(message)" }
    }

    /// The outcome of a check.
    public struct Outcome: Sendable {
        /// Empty when the bundle is intact.
        public var problems: [Problem]
        /// How many files the manifest lists.
        public var checkedFiles: Int
        /// Whether the signature was checked: `valid`, `absent`, `not checked` (no public key).
        public var signature: String
    }

    /// Checks `files` (every regular file of the bundle directory, by relative path → bytes).
    public static func verify(_ files: [String: [UInt8]], publicKey: EvidenceVerifyingKey?) -> Outcome {
        var problems: [Problem] = []
        guard let manifestBytes = files[EvidenceManifest.fileName] else {
            return Outcome(problems: [Problem(file: EvidenceManifest.fileName, message: "missing")], checkedFiles: 0, signature: "not checked")
        }
        let entries: [String: String]
        switch EvidenceManifest.parse(String(decoding: manifestBytes, as: UTF8.self)) {
        case .success(let e): entries = e
        case .failure(let error):
            return Outcome(problems: [Problem(file: EvidenceManifest.fileName, message: error.message)], checkedFiles: 0, signature: "not checked")
        }
        if EvidenceManifest.text(entries) != String(decoding: manifestBytes, as: UTF8.self) {
            problems.append(Problem(file: EvidenceManifest.fileName, message: "changed (not the sorted \"<sha256>  <file>\" lines cipherlint writes)"))
        }
        for name in entries.keys.sorted() {
            guard let bytes = files[name] else {
                problems.append(Problem(file: name, message: "missing (listed in \(EvidenceManifest.fileName))"))
                continue
            }
            if SHA256.hex(bytes) != entries[name] {
                problems.append(Problem(file: name, message: "changed (its SHA-256 does not match \(EvidenceManifest.fileName))"))
            }
        }
        let own: Set<String> = [EvidenceManifest.fileName, EvidenceManifest.signatureFileName]
        for name in files.keys.sorted() where entries[name] == nil && !own.contains(name) {
            problems.append(Problem(file: name, message: "extra (not listed in \(EvidenceManifest.fileName))"))
        }
        var signature = "not checked"
        let sig = files[EvidenceManifest.signatureFileName]
        if let publicKey {
            if let sig {
                if publicKey.isValidSignature(sig, of: manifestBytes) {
                    signature = "valid"
                } else {
                    signature = "invalid"
                    problems.append(Problem(file: EvidenceManifest.signatureFileName, message: "not a valid signature of \(EvidenceManifest.fileName) by this public key"))
                }
            } else {
                signature = "absent"
                problems.append(Problem(file: EvidenceManifest.signatureFileName, message: "missing (a public key was given, so the bundle must be signed)"))
            }
        } else if sig == nil {
            signature = "absent"
        }
        return Outcome(problems: problems, checkedFiles: entries.count, signature: signature)
    }
}
