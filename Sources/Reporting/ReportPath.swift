import Graph

/// Paths as reports write them: relative to the working directory, as URI references.
enum ReportPath {
    /// `path` relative to `workingDirectory`, with `.` and `..` resolved and `./` removed; nil
    /// when the path lies outside the working directory.
    static func relative(_ path: String, to workingDirectory: String) -> String? {
        // Fast paths (every result's location passes here, several times per report): a path
        // already in normal form needs no splitting.
        if !path.hasPrefix("/") {
            if isNormal(path) { return path }
        } else if path.utf8.count > workingDirectory.utf8.count + 1, path.utf8.starts(with: workingDirectory.utf8),
            path.utf8.dropFirst(workingDirectory.utf8.count).first == UInt8(ascii: "/"), isNormal(workingDirectory)
        {
            let rest = String(path.utf8.dropFirst(workingDirectory.utf8.count + 1)) ?? ""
            if isNormal(rest) { return rest }
        }
        let base = segments(workingDirectory)
        if path.hasPrefix("/") {
            let own = segments(path)
            guard let resolved = resolve(own), let root = resolve(base), resolved.starts(with: root) else { return nil }
            let rest = resolved.dropFirst(root.count)
            return rest.isEmpty ? nil : rest.joined(separator: "/")
        }
        guard let resolved = resolve(segments(path)), !resolved.isEmpty else { return nil }
        return resolved.joined(separator: "/")
    }

    /// `path` made absolute against `workingDirectory`, normalised.
    static func absolute(_ path: String, in workingDirectory: String) -> String {
        let all = path.hasPrefix("/") ? segments(path) : segments(workingDirectory) + segments(path)
        var out: [String] = []
        for s in all {
            if s == ".." {
                if !out.isEmpty { out.removeLast() }
            } else {
                out.append(s)
            }
        }
        return "/" + out.joined(separator: "/")
    }

    /// The path as a display path: relative when inside the working directory, else as given.
    static func display(_ path: String, in workingDirectory: String) -> String {
        relative(path, to: workingDirectory) ?? path
    }

    /// `path:line:column` with the display path.
    static func place(_ location: SourceLocation, in workingDirectory: String) -> String {
        "\(display(location.path, in: workingDirectory)):\(location.line):\(location.column)"
    }

    /// `path:line:column: severity: message` with the display path.
    static func describe(_ d: Diagnostic, in workingDirectory: String) -> String {
        "\(place(d.location, in: workingDirectory)): \(d.severity.rawValue): \(d.message)"
    }

    /// A `file://` URI for an absolute path; `directory` adds the trailing slash.
    static func fileURI(_ absolutePath: String, directory: Bool = false) -> String {
        var encoded = percentEncode(absolutePath)
        if directory && !encoded.hasSuffix("/") { encoded += "/" }
        return "file://" + encoded
    }

    /// Percent-encodes every byte except unreserved characters and `/` (RFC 3986).
    static func percentEncode(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    /// True when `path` has no empty, `.` or `..` segment (a leading `/` aside) and is not empty.
    private static func isNormal(_ path: String) -> Bool {
        var bytes = path.utf8[...]
        if bytes.first == UInt8(ascii: "/") { bytes = bytes.dropFirst() }
        if bytes.isEmpty { return false }
        for segment in bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            if segment.isEmpty || segment.elementsEqual([UInt8(ascii: ".")]) || segment.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) {
                return false
            }
        }
        return true
    }

    private static func segments(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init).filter { $0 != "." }
    }

    /// Resolves `..` lexically; nil when it climbs above the start.
    private static func resolve(_ segments: [String]) -> [String]? {
        var out: [String] = []
        for s in segments {
            if s == ".." {
                if out.isEmpty { return nil }
                out.removeLast()
            } else {
                out.append(s)
            }
        }
        return out
    }
}
