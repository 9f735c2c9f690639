/// Turning the markdown of rule descriptions into plain text for fields that do not render it.
enum Markdown {
    /// `text` without code fences, emphasis, backticks or heading marks; links become
    /// `text (url)`. Code inside fences is kept, indented by four spaces.
    static func plain(_ text: String) -> String {
        // Byte-wise (every marker is ASCII): this runs for the help of every rule in each report.
        var lines: [[UInt8]] = []
        var inFence = false
        let bytes = Array(text.utf8)
        for raw in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            let content = raw.drop { $0 == 0x20 || $0 == 0x09 }
            if content.starts(with: "```".utf8) || content.starts(with: "~~~".utf8) {
                inFence.toggle()
                continue
            }
            if inFence {
                lines.append(Array("    ".utf8) + raw)
                continue
            }
            var l = raw.drop { $0 == UInt8(ascii: "#") }
            if l.count != raw.count { l = l.drop { $0 == 0x20 || $0 == 0x09 } }
            lines.append(inline(Array(l)))
        }
        let blank: ([UInt8]) -> Bool = { $0.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
        var kept = lines[...]
        while let f = kept.first, blank(f) { kept.removeFirst() }
        while let e = kept.last, blank(e) { kept.removeLast() }
        return String(decoding: Array(kept.joined(separator: [0x0A])), as: UTF8.self)
    }

    /// The first non-blank line of prose in `text` (code blocks skipped), as plain text; empty
    /// when the text is only code.
    static func firstLine(_ text: String) -> String {
        for line in plain(text).split(separator: "\n") where !line.hasPrefix("    ") {
            let t = String(line).trimmingLeadingSpaces().trimmingTrailingSpaces()
            if !t.isEmpty { return t }
        }
        return ""
    }

    private static func inline(_ chars: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(chars.count)
        let tick = UInt8(ascii: "`"), star = UInt8(ascii: "*"), underscore = UInt8(ascii: "_")
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == tick || ((c == star || c == underscore) && i + 1 < chars.count && chars[i + 1] == c) {
                i += c == tick ? 1 : 2
                continue
            }
            if c == UInt8(ascii: "["), let close = chars[i...].firstIndex(of: UInt8(ascii: "]")), close + 1 < chars.count,
                chars[close + 1] == UInt8(ascii: "("), let end = chars[(close + 1)...].firstIndex(of: UInt8(ascii: ")"))
            {
                out += chars[(i + 1)..<close]
                out += " (".utf8
                out += chars[(close + 2)..<end]
                out.append(UInt8(ascii: ")"))
                i = end + 1
                continue
            }
            out.append(c)
            i += 1
        }
        return out
    }
}

extension String {
    func trimmingLeadingSpaces() -> String { String(drop { $0 == " " || $0 == "\t" }) }
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
        return String(s)
    }

    /// At most `limit` characters, ending in `…` when cut.
    func truncated(to limit: Int) -> String {
        count <= limit ? self : String(prefix(limit - 1)) + "…"
    }
}
