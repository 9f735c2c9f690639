/// Shell-style glob matching (`*`, `?`, `[abc]`, `[!a-z]`, and `**` across directories).
public enum Glob {
    /// True when `path` matches `pattern`. `*` and `?` do not cross `/`; `**` does.
    public static func matches(_ pattern: String, _ path: String) -> Bool {
        match(Array(pattern.unicodeScalars), 0, Array(path.unicodeScalars), 0)
    }

    private static func match(_ p: [Unicode.Scalar], _ pi: Int, _ s: [Unicode.Scalar], _ si: Int) -> Bool {
        var pi = pi
        var si = si
        while pi < p.count {
            let c = p[pi]
            if c == "*" {
                let crosses = pi + 1 < p.count && p[pi + 1] == "*"
                let next = crosses ? pi + 2 : pi + 1
                // `**/` also matches zero directories.
                if crosses && next < p.count && p[next] == "/" {
                    if match(p, next + 1, s, si) { return true }
                }
                var k = si
                while true {
                    if match(p, next, s, k) { return true }
                    guard k < s.count, crosses || s[k] != "/" else { return false }
                    k += 1
                }
            }
            guard si < s.count else { return false }
            if c == "?" {
                guard s[si] != "/" else { return false }
            } else if c == "[", let (matched, next) = matchClass(p, pi, s[si]) {
                guard matched && s[si] != "/" else { return false }
                pi = next
                si += 1
                continue
            } else if c == "\\" && pi + 1 < p.count {
                guard p[pi + 1] == s[si] else { return false }
                pi += 1
            } else if c != s[si] {
                return false
            }
            pi += 1
            si += 1
        }
        return si == s.count
    }

    /// Matches a `[...]` class at `p[pi]` against `c`: (matched, index after the class), or nil
    /// when the bracket is not closed (it is then an ordinary character).
    private static func matchClass(_ p: [Unicode.Scalar], _ pi: Int, _ c: Unicode.Scalar) -> (Bool, Int)? {
        var i = pi + 1
        var negate = false
        if i < p.count && (p[i] == "!" || p[i] == "^") {
            negate = true
            i += 1
        }
        var matched = false
        var first = true
        while i < p.count && (p[i] != "]" || first) {
            first = false
            if i + 2 < p.count && p[i + 1] == "-" && p[i + 2] != "]" {
                if p[i] <= c && c <= p[i + 2] { matched = true }
                i += 3
            } else {
                if p[i] == c { matched = true }
                i += 1
            }
        }
        guard i < p.count else { return nil }
        return (matched != negate, i + 1)
    }
}
