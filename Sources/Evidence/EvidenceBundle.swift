import Findings

/// The files of an evidence bundle, rendered: `evidence.json`, `report.md`, `report.html`,
/// `results.csv`, `MANIFEST.sha256` and, when signed, `MANIFEST.sha256.sig`. The CLI writes them.
public struct EvidenceBundle: Sendable {
    /// (file name, bytes), in the order above.
    public var files: [(name: String, bytes: [UInt8])]

    /// The bytes of one file.
    public subscript(name: String) -> [UInt8]? { files.first { $0.name == name }?.bytes }

    /// Renders every file; with a key, signs the manifest.
    public static func render(
        _ evaluation: Evaluation, run: RunInfo, context: EvidenceContext, signingKey: EvidenceSigningKey? = nil
    ) throws(EvidenceError) -> EvidenceBundle {
        var files: [(name: String, bytes: [UInt8])] = [
            ("evidence.json", Array(EvidenceJSONReport.render(evaluation, run: run, context: context).utf8)),
            ("report.md", Array(EvidenceMarkdownReport.render(evaluation, run: run, context: context).utf8)),
            ("report.html", Array(EvidenceHTMLReport.render(evaluation, run: run, context: context).utf8)),
            ("results.csv", Array(EvidenceCSVReport.render(evaluation, run: run, context: context).utf8)),
        ]
        let manifest = Array(EvidenceManifest.render(Dictionary(files.map { ($0.name, $0.bytes) }, uniquingKeysWith: { a, _ in a })).utf8)
        files.append((EvidenceManifest.fileName, manifest))
        if let signingKey {
            files.append((EvidenceManifest.signatureFileName, try signingKey.sign(manifest)))
        }
        return EvidenceBundle(files: files)
    }
}
