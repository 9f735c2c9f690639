import Kubernetes
import Nginx
import TerraformPlan

/// The kinds of input cipherlint reads, decided by content and name.
public enum InputFormat: String, Sendable, Hashable, CaseIterable {
    case terraformPlan = "terraform-plan"
    case kubernetes
    case nginx

    /// The format of a file, or nil for files that are not ours (skipped silently).
    ///
    /// YAML files are always ours (a broken one is an error, not a skip) unless they plainly
    /// are not Kubernetes; JSON files are plans when they look like one; nginx files go by
    /// name (`*.conf`, `nginx.conf`, `sites-*/*`, `conf.d/*`). `explicit` is true for files
    /// named on the command line: a zip or binary plan given by name is reported, not skipped.
    public static func classify(path: String, bytes: [UInt8], explicit: Bool) -> InputFormat? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let lower = name.lowercased()
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") {
            if KubernetesParser.looksLikeManifest(bytes) { return .kubernetes }
            // Not a manifest but maybe a broken one: undecodable or binary content is reported.
            if bytes.contains(0) || String(validating: bytes.prefix(4096), as: UTF8.self) == nil && !isTruncatedUTF8(bytes) {
                return .kubernetes
            }
            return explicit ? .kubernetes : nil
        }
        if lower.hasSuffix(".json") {
            if TerraformPlanParser.looksLikePlan(bytes) { return .terraformPlan }
            return explicit && (isZip(bytes) || lower.contains("plan")) ? .terraformPlan : nil
        }
        if lower.hasSuffix(".tfplan") || (explicit && isZip(bytes)) { return .terraformPlan }
        if NginxParser.looksLikeNginx(path: path, bytes: bytes) { return .nginx }
        if explicit && TerraformPlanParser.looksLikePlan(bytes) { return .terraformPlan }
        if explicit && KubernetesParser.looksLikeManifest(bytes) { return .kubernetes }
        return nil
    }

    static func isZip(_ bytes: [UInt8]) -> Bool { bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    /// True when the only invalid UTF-8 is a sequence cut at the 4 KiB sniffing boundary.
    static func isTruncatedUTF8(_ bytes: [UInt8]) -> Bool {
        guard bytes.count > 4096 else { return false }
        for cut in 4093...4096 where String(validating: bytes.prefix(cut), as: UTF8.self) != nil { return true }
        return false
    }
}
