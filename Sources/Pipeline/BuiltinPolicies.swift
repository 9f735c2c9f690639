import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import Graph
import PolicyEngine

/// The policies shipped inside the binary (embedded from `policies/` at build time).
public enum BuiltinPolicies {
    /// The embedded policy files, reported under `policies/<path>`.
    public static var files: [SourceFile] {
        BuiltinPolicySources.files.map { SourceFile(path: "policies/" + $0.path, text: $0.text) }
    }

    /// Every built-in policy, compiled; a broken one is an error (and a failing test).
    /// `examples: false` (what a scan needs) skips the pass and fail examples, most of the
    /// bytes of every policy file: the policies come without them, everything else the same.
    public static func load(loader: PolicyLoader = PolicyLoader(), examples: Bool = true) -> (policies: [Policy], errors: [PolicyError]) {
        // Compiled on every core: this is most of a small scan's start-up.
        let files =
            examples
            ? self.files : BuiltinPolicySources.files.map { SourceFile(path: "policies/" + $0.path, bytes: withoutExamples($0.text)) }
        let slots = ConcurrentSlots<Swift.Result<Policy, PolicyError>>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            do throws(PolicyError) {
                slots.set(i, .success(try loader.load(files[i], builtin: true)))
            } catch {
                slots.set(i, .failure(error))
            }
        }
        var policies: [Policy] = []
        var errors: [PolicyError] = []
        for outcome in slots.values {
            switch outcome {
            case .success(let policy): policies.append(policy)
            case .failure(let error): errors.append(error)
            }
        }
        return (policies, errors)
    }

    /// The UTF-8 of `text` with its top-level `examples:` entry blanked: each of its lines becomes an empty
    /// line, so the rest keeps its line numbers. The entry runs to the next line that starts a
    /// top-level key (a line beginning with anything but a space, tab or comment).
    public static func withoutExamples(_ text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return [] }
            let key = Array("examples:".utf8)
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var blanking = false
            var start = 0
            while start <= bytes.count {
                // memchr: this runs over every built-in policy file at every scan's start.
                let end = memchr(base + start, 0x0A, bytes.count - start).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base }
                    ?? bytes.count
                if start < end {
                    let first = bytes[start]
                    if first != UInt8(ascii: " ") && first != UInt8(ascii: "\t") && first != UInt8(ascii: "#") && first != UInt8(ascii: "\r") {
                        blanking = end - start >= key.count && memcmp(base + start, key, key.count) == 0
                    }
                    if !blanking { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end])) }
                }
                if end < bytes.count { out.append(UInt8(ascii: "\n")) }
                start = end + 1
            }
            return out
        }
    }
}
