import Graph

/// Where `terraform init` installed each module call: `.terraform/modules/modules.json` in the
/// root module's directory.
///
/// `{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"bucket","Source":"…","Dir":".terraform/modules/bucket"}]}`:
/// a key is the module call names from the root joined with `.` (`bucket.nested`, no `count` or
/// `for_each` keys); `Dir` is relative to the root module's directory (or absolute), with `/`
/// separators whatever the system that wrote it. This is how registry and git sources, which the
/// plan only names, are found on disk.
struct ModuleManifest: Sendable {
    /// Where the manifest is, below the root module's directory.
    static let path = ".terraform/modules/modules.json"

    /// Install directories by module key, as written.
    private(set) var directories: [String: String] = [:]

    /// The manifest in `file`, or nil when the file is not one: not JSON, no `Modules` list, or a
    /// key listed twice (Terraform refuses such a manifest too). A record without a string `Key`
    /// and a non-empty string `Dir` is left out.
    init?(_ file: SourceFile) {
        guard let text = try? PlanText.utf8(file.bytes, path: file.path), let tape = try? JSONTape(text) else { return nil }
        let value = text.withUnsafeBufferPointer { bytes in
            tape.nodes.withUnsafeBufferPointer { nodes in
                let json = JSONView(bytes: bytes, nodes: nodes)
                return json.value(json.member(0, "Modules"))
            }
        }
        guard let records = value.listValue else { return nil }
        for record in records {
            guard let key = record["Key"]?.stringValue, let directory = record["Dir"]?.stringValue, !directory.isEmpty
            else { continue }
            guard directories.updateValue(directory, forKey: key) == nil else { return nil }
        }
    }

    /// The install directory of the module at a configuration path (call names from the root),
    /// as written, or nil when the manifest does not list it.
    func directory(of modulePath: [String]) -> String? {
        directories[modulePath.joined(separator: ".")]
    }
}
