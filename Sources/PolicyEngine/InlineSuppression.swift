#if canImport(Glibc)
import Glibc
#endif
import Graph

/// A `# cipherlint:ignore <policy-id>[,<policy-id>…] reason="…" [until=YYYY-MM-DD] [owner=…]`
/// comment in a YAML or nginx file.
///
/// It covers findings on its own line (a trailing comment) or, written on a line of its own,
/// findings on the next line that is not a comment, and all findings of a resource that
/// starts on that line.
public struct InlineSuppression: Sendable, Hashable {
    public var policies: [String]
    public var reason: String
    public var until: String?
    public var owner: String?
    /// Where the comment is.
    public var location: SourceLocation
    /// The line whose findings it covers.
    public var targetLine: Int

    /// The suppressions in `file` and the comments that are malformed (no reason, bad date):
    /// those are errors and suppress nothing.
    public static func scan(_ file: SourceFile) -> (suppressions: [InlineSuppression], errors: [Diagnostic]) {
        var suppressions: [InlineSuppression] = []
        var errors: [Diagnostic] = []
        let marker = Array("cipherlint:ignore".utf8)
        let bytes = file.bytes
        guard bytes.count >= marker.count, containsMarker(bytes, marker) else { return ([], []) }
        let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false)
        var pending: [Int] = []  // indices into suppressions waiting for their target line
        for (i, raw) in lines.enumerated() {
            let line = i + 1
            let trimmed = raw.trimmingSpaces
            let isCommentOnly = trimmed.hasPrefix("#")
            if !isCommentOnly && !trimmed.isEmpty {
                for p in pending { suppressions[p].targetLine = line }
                pending = []
            }
            guard let hash = raw.firstIndex(of: "#"), let range = raw[hash...].range(of: "cipherlint:ignore") else { continue }
            let column = raw.distance(from: raw.startIndex, to: range.lowerBound) + 1
            let here = SourceLocation(path: file.path, line: line, column: column)
            switch parse(String(raw[range.upperBound...])) {
            case .failure(let message):
                errors.append(Diagnostic(.error, message, at: here))
            case .success(let (policies, fields)):
                guard let reason = fields["reason"], !reason.trimmingSpaces.isEmpty else {
                    errors.append(Diagnostic(.error, "cipherlint:ignore needs a reason=\"…\"", at: here))
                    continue
                }
                if let until = fields["until"], !isDate(until) {
                    errors.append(Diagnostic(.error, "cipherlint:ignore until=\(until) is not a date YYYY-MM-DD", at: here))
                    continue
                }
                suppressions.append(InlineSuppression(
                    policies: policies, reason: reason, until: fields["until"], owner: fields["owner"], location: here,
                    targetLine: line))
                if isCommentOnly { pending.append(suppressions.count - 1) }
            }
        }
        return (suppressions, errors)
    }

    /// True for `YYYY-MM-DD` with a plausible month and day.
    public static func isDate(_ s: String) -> Bool {
        let parts = s.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let m = Int(parts[1]), let d = Int(parts[2]), Int(parts[0]) != nil
        else { return false }
        return (1...12).contains(m) && (1...31).contains(d)
    }

    static func containsMarker(_ bytes: [UInt8], _ marker: [UInt8]) -> Bool {
        // memchr for the marker's first byte, then a compare: every scanned byte passes through
        // here (a plan is 26 MB).
        guard let first = marker.first else { return true }
        return bytes.withUnsafeBufferPointer { haystack in
            guard let base = haystack.baseAddress, haystack.count >= marker.count else { return false }
            var at = 0
            let last = haystack.count - marker.count
            while at <= last {
                guard let hit = memchr(base + at, Int32(first), last - at + 1) else { return false }
                let offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + offset, marker, marker.count) == 0 { return true }
                at = offset + 1
            }
            return false
        }
    }

    enum Parsed {
        case success(([String], [String: String]))
        case failure(String)
    }

    /// Parses ` id1,id2 reason="…" until=2027-01-01`.
    static func parse(_ rest: String) -> Parsed {
        let chars = Array(rest)
        var i = 0
        func skipSpaces() { while i < chars.count && (chars[i] == " " || chars[i] == "\t") { i += 1 } }
        skipSpaces()
        var ids = ""
        while i < chars.count && chars[i] != " " && chars[i] != "\t" { ids.append(chars[i]); i += 1 }
        let policies = ids.split(separator: ",").map(String.init).filter { !$0.isEmpty }
        if policies.isEmpty || ids.contains("=") {
            return .failure("cipherlint:ignore needs a policy id (or \"*\") before its reason")
        }
        var fields: [String: String] = [:]
        while true {
            skipSpaces()
            guard i < chars.count else { break }
            var key = ""
            while i < chars.count && chars[i] != "=" && chars[i] != " " { key.append(chars[i]); i += 1 }
            guard i < chars.count, chars[i] == "=" else { return .failure("cipherlint:ignore: expected key=value, found \"\(key)\"") }
            i += 1
            var value = ""
            if i < chars.count && (chars[i] == "\"" || chars[i] == "'") {
                let quote = chars[i]
                i += 1
                while i < chars.count && chars[i] != quote {
                    if chars[i] == "\\" && i + 1 < chars.count { i += 1 }
                    value.append(chars[i])
                    i += 1
                }
                guard i < chars.count else { return .failure("cipherlint:ignore: unterminated quote in \(key)=") }
                i += 1
            } else {
                while i < chars.count && chars[i] != " " && chars[i] != "\t" { value.append(chars[i]); i += 1 }
            }
            guard ["reason", "until", "owner"].contains(key) else {
                return .failure("cipherlint:ignore: unknown field \"\(key)\" (known: reason, until, owner)")
            }
            fields[key] = value
        }
        return .success((policies, fields))
    }
}
