/// Turning the markdown of rule descriptions into plain text for fields that do not render it.
enum Markdown {
    /// `text` without code fences, emphasis, backticks or heading marks; links become
    /// `text (url)`. Code inside fences is kept, indented by four spaces.
    static func plain(_ text: String) -> String {
        var lines: [String] = []
        var inFence = false
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            if line.trimmingLeadingSpaces().hasPrefix("```") || line.trimmingLeadingSpaces().hasPrefix("~~~") {
                inFence.toggle()
                continue
            }
            if inFence {
                lines.append("    " + line)
                continue
            }
            var l = line
            while l.hasPrefix("#") { l.removeFirst() }
            if l.count != line.count { l = l.trimmingLeadingSpaces() }
            lines.append(inline(l))
        }
        return trimBlankLines(lines).joined(separator: "\n")
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

    private static func inline(_ s: String) -> String {
        var out = ""
        let chars = Array(s)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "`" || ((c == "*" || c == "_") && i + 1 < chars.count && chars[i + 1] == c) {
                i += c == "`" ? 1 : 2
                continue
            }
            if c == "[", let close = chars[i...].firstIndex(of: "]"), close + 1 < chars.count, chars[close + 1] == "(",
                let end = chars[(close + 1)...].firstIndex(of: ")")
            {
                out += String(chars[(i + 1)..<close]) + " (" + String(chars[(close + 2)..<end]) + ")"
                i = end + 1
                continue
            }
            out.append(c)
            i += 1
        }
        return out
    }

    private static func trimBlankLines(_ lines: [String]) -> [String] {
        var l = lines[...]
        while let f = l.first, f.trimmingLeadingSpaces().isEmpty { l.removeFirst() }
        while let e = l.last, e.trimmingLeadingSpaces().isEmpty { l.removeLast() }
        return Array(l)
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
