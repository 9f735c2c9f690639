import Testing

@testable import CEL

/// One pattern/input pair with Go-style submatch offsets (in Unicode scalars; -1 = group unset).
struct MatchCase: Sendable, CustomTestStringConvertible {
    var pattern: String
    var input: String
    /// `nil` when there must be no match.
    var expected: [Int]?

    init(_ pattern: String, _ input: String, _ expected: [Int]?) {
        self.pattern = pattern
        self.input = input
        self.expected = expected
    }

    var testDescription: String { "\(pattern.debugDescription) on \(input.debugDescription)" }
}

/// Scalar offsets of a match in Go's `FindStringSubmatchIndex` layout.
func offsets(_ match: RE2Match, in s: String) -> [Int] {
    let view = s.unicodeScalars
    var result: [Int] = []
    for group in match.groups {
        if let group {
            result.append(view.distance(from: view.startIndex, to: group.lowerBound))
            result.append(view.distance(from: view.startIndex, to: group.upperBound))
        } else {
            result.append(contentsOf: [-1, -1])
        }
    }
    return result
}

let matchCases: [MatchCase] = [
    // Literals, concatenation, leftmost-first alternation.
    MatchCase("abc", "xabcx", [1, 4]),
    MatchCase("abc", "ab", nil),
    MatchCase("a|ab", "ab", [0, 1]),
    MatchCase("ab|a", "ab", [0, 2]),
    MatchCase("(a|ab)(c|bcd)(d*)", "abcd", [0, 4, 0, 1, 1, 4, 4, 4]),
    MatchCase("(a+)(b+)?", "aaa", [0, 3, 0, 3, -1, -1]),
    MatchCase("(a)|(b)", "b", [0, 1, -1, -1, 0, 1]),
    MatchCase("(a)(?:b)(c)", "abc", [0, 3, 0, 1, 2, 3]),
    MatchCase("a|", "b", [0, 0]),
    MatchCase("|a", "a", [0, 0]),
    MatchCase("", "abc", [0, 0]),
    MatchCase("x*", "", [0, 0]),
    // Quantifiers, greedy and lazy.
    MatchCase("a*", "baaa", [0, 0]),
    MatchCase("a+", "baaa", [1, 4]),
    MatchCase("a*?", "aaa", [0, 0]),
    MatchCase("a+?", "aaa", [0, 1]),
    MatchCase("a??", "a", [0, 0]),
    MatchCase("a?", "a", [0, 1]),
    MatchCase("(a+?)(a*)", "aaa", [0, 3, 0, 1, 1, 3]),
    MatchCase("a{2}", "a", nil),
    MatchCase("a{2}", "aaaa", [0, 2]),
    MatchCase("a{2,3}", "aaaa", [0, 3]),
    MatchCase("a{2,3}?", "aaaa", [0, 2]),
    MatchCase("a{2,}", "aaaaa", [0, 5]),
    MatchCase("a{0}b", "ab", [1, 2]),
    MatchCase("(ab){1,2}", "ababab", [0, 4, 2, 4]),
    MatchCase("a{,2}", "a{,2}", [0, 5]),
    MatchCase("a{01}", "a{01}", [0, 5]),
    MatchCase("a{", "a{", [0, 2]),
    MatchCase("(?U)a+", "aaa", [0, 1]),
    MatchCase("(?U)a+?", "aaa", [0, 3]),
    MatchCase("x*y*z*", "xxyyzz", [0, 6]),
    // Captures in loops keep the last iteration; nullable bodies match empty once.
    MatchCase("(a|b)*", "abc", [0, 2, 1, 2]),
    MatchCase("(a+|b+)*", "ab", [0, 2, 1, 2]),
    MatchCase("(?:(a)|b)+", "ab", [0, 2, 0, 1]),
    MatchCase("(a*)*", "b", [0, 0, 0, 0]),
    MatchCase("(a*)+", "b", [0, 0, 0, 0]),
    MatchCase("(a*)*", "aa", [0, 2, 0, 2]),
    MatchCase("(a*|b)*", "ab", [0, 2, 1, 2]),
    // Anchors and empty-width assertions.
    MatchCase("^abc$", "abc", [0, 3]),
    MatchCase("^abc$", "abcd", nil),
    MatchCase("^b", "a\nb", nil),
    MatchCase("a$", "a\n", nil),
    MatchCase("(?m)^b$", "a\nb\nc", [2, 3]),
    MatchCase("(?m)a$", "a\nb", [0, 1]),
    MatchCase("(?m)^", "\n", [0, 0]),
    MatchCase("\\Aab\\z", "ab", [0, 2]),
    MatchCase("(?m)\\Ab", "a\nb", nil),
    MatchCase("(?m)a\\z", "a\n", nil),
    MatchCase("\\bfoo\\b", "a foo b", [2, 5]),
    MatchCase("\\bfoo\\b", "afoo", nil),
    MatchCase("\\Bfoo", "afoo", [1, 4]),
    MatchCase("\\b", "", nil),
    MatchCase("\\B", "", [0, 0]),
    MatchCase("^$", "", [0, 0]),
    MatchCase("$a", "a", nil),
    MatchCase("^*a", "a", [0, 1]),
    // Dot and classes.
    MatchCase(".", "\n", nil),
    MatchCase("(?s).", "\n", [0, 1]),
    MatchCase("(?s:.)+", "a\nb", [0, 3]),
    MatchCase("a.c", "a😀c", [0, 3]),
    MatchCase("[^a]", "\n", [0, 1]),
    MatchCase("[a-c]+", "xabcd", [1, 4]),
    MatchCase("[^a-c]+", "abxyc", [2, 4]),
    MatchCase("[]a]+", "]a]", [0, 3]),
    MatchCase("[^]a]", "]ab", [2, 3]),
    MatchCase("[a-]+", "a-", [0, 2]),
    MatchCase("[-a]+", "-a", [0, 2]),
    MatchCase("[a-b-c]+", "a-cb", [0, 4]),
    MatchCase("[\\d\\-z]+", "1-z", [0, 3]),
    MatchCase("[\\]]", "]", [0, 1]),
    MatchCase("[[:alpha:]]+", "12ab3", [2, 4]),
    MatchCase("[[:^digit:]]+", "12ab3", [2, 4]),
    MatchCase("[[:word:][:space:]]+", "a_ b!", [0, 4]),
    MatchCase("[[:xdigit:]]+", "zz0fAg", [2, 5]),
    MatchCase("[[:punct:]]", "a.b", [1, 2]),
    MatchCase("[[:alpha:]-]+", "ab-c", [0, 4]),
    MatchCase("\\d+", "ab123", [2, 5]),
    MatchCase("\\D+", "12ab3", [2, 4]),
    MatchCase("\\s+", "a \t\nb", [1, 4]),
    MatchCase("\\s", "\u{0B}", nil),
    MatchCase("\\S+", "  ab ", [2, 4]),
    MatchCase("\\w+", "héllo", [0, 1]),
    MatchCase("\\W", "ab-", [2, 3]),
    MatchCase("[\\s\\d]+", "a1 2b", [1, 4]),
    MatchCase("[^\\d]", "1a", [1, 2]),
    MatchCase("[α-ω]+", "aλμ", [1, 3]),
    // Unicode classes and scripts.
    MatchCase("\\pL+", "12héllo!", [2, 7]),
    MatchCase("\\p{L}+", "12héllo!", [2, 7]),
    MatchCase("\\p{Lu}", "abcDe", [3, 4]),
    MatchCase("\\p{Ll}+", "ABcdE", [2, 4]),
    MatchCase("\\PL+", "ab12", [2, 4]),
    MatchCase("\\p{^L}+", "ab12", [2, 4]),
    MatchCase("\\P{^L}+", "12ab", [2, 4]),
    MatchCase("\\pN+", "x٣4", [1, 3]),
    MatchCase("\\p{Nd}", "½7", [1, 2]),
    MatchCase("\\p{Greek}+", "abc αβγ", [4, 7]),
    MatchCase("\\p{Cyrillic}+", "Москва!", [0, 6]),
    MatchCase("\\p{Han}+", "漢字kanji", [0, 2]),
    MatchCase("\\p{Latin}+", "αabc", [1, 4]),
    MatchCase("\\p{Hiragana}", "カひ", [1, 2]),
    MatchCase("[\\p{Greek}\\d]+", "a1αβ2", [1, 5]),
    MatchCase("[^\\p{Greek}]+", "αab", [1, 3]),
    MatchCase("\\p{Any}+", "a\nb", [0, 3]),
    MatchCase("\\pZ", "a\u{00A0}b", [1, 2]),
    MatchCase("\\p{Sc}", "price: €5", [7, 8]),
    // Case folding.
    MatchCase("(?i)hello", "HeLLo", [0, 5]),
    MatchCase("(?i)k", "\u{212A}", [0, 1]),
    MatchCase("(?i)\u{212A}", "k", [0, 1]),
    MatchCase("(?i)ſ", "S", [0, 1]),
    MatchCase("(?i)σ", "ς", [0, 1]),
    MatchCase("(?i)ß", "ẞ", [0, 1]),
    MatchCase("(?i)straße", "STRASSE", nil),
    MatchCase("(?i)[a-c]+", "ABC", [0, 3]),
    MatchCase("(?i)[^a]", "A", nil),
    MatchCase("(?i)[[:upper:]]+", "ab", [0, 2]),
    MatchCase("(?i)\\p{Lu}", "a", [0, 1]),
    MatchCase("(?i)i", "ı", nil),
    MatchCase("(?i:A)b", "aB", nil),
    MatchCase("(?i:A)b", "ab", [0, 2]),
    MatchCase("(?i)a(?-i)b", "Ab", [0, 2]),
    MatchCase("(?i)a(?-i)b", "AB", nil),
    MatchCase("(?i)привет", "ПРИВЕТ", [0, 6]),
    MatchCase("(?im)^X$", "a\nx", [2, 3]),
    MatchCase("((?i)a)b", "Ab", [0, 2, 0, 1]),
    MatchCase("((?i)a)b", "AB", nil),
    // Escapes.
    MatchCase("\\x41\\x{42}", "AB", [0, 2]),
    MatchCase("\\x{1F600}", "a😀", [1, 2]),
    MatchCase("\\101", "A", [0, 1]),
    MatchCase("\\0", "\u{0}", [0, 1]),
    MatchCase("\\12", "\n", [0, 1]),
    MatchCase("\\n\\t\\r\\f\\v\\a", "\n\t\r\u{0C}\u{0B}\u{07}", [0, 6]),
    MatchCase("\\Qa.b\\E+", "a.bb", [0, 4]),
    MatchCase("\\Qa.b", "xa.b", [1, 4]),
    MatchCase("\\Q(?i)\\E", "(?i)", [0, 4]),
    MatchCase("\\$\\.\\*\\_\\ ", "$.*_ ", [0, 5]),
    MatchCase("[\\x{100}-\\x{200}]", "zĀ", [1, 2]),
    // Groups.
    MatchCase("(?P<year>\\d{4})-(?<m>\\d{2})", "on 2024-05", [3, 10, 3, 7, 8, 10]),
    MatchCase("(?:a(b))", "ab", [0, 2, 1, 2]),
    MatchCase("((a)(b))", "ab", [0, 2, 0, 2, 0, 1, 1, 2]),
    MatchCase("(?)a", "a", [0, 1]),
    // CEL / Kubernetes style patterns.
    MatchCase("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", "my-app-1", [0, 8, 1, 8]),
    MatchCase("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", "-bad", nil),
    MatchCase("^TLSv1\\.[23]$", "TLSv1.2", [0, 7]),
    MatchCase("ELBSecurityPolicy-TLS13-.*", "ELBSecurityPolicy-TLS13-1-2-2021-06", [0, 35]),
    MatchCase("^arn:aws:kms:[a-z0-9-]+:\\d{12}:key/.+$", "arn:aws:kms:us-east-1:123456789012:key/abc", [0, 42]),
]

@Test(arguments: matchCases)
func firstMatchOffsets(_ c: MatchCase) throws {
    let re = try RE2Regex(c.pattern)
    let match = re.firstMatch(in: c.input)
    #expect(match.map { offsets($0, in: c.input) } == c.expected)
    #expect(re.matches(c.input) == (c.expected != nil))
}

struct FindAllCase: Sendable, CustomTestStringConvertible {
    var pattern: String
    var input: String
    var limit: Int
    var expected: [[Int]]

    init(_ pattern: String, _ input: String, limit: Int = -1, _ expected: [[Int]]) {
        self.pattern = pattern
        self.input = input
        self.limit = limit
        self.expected = expected
    }

    var testDescription: String { "\(pattern.debugDescription) on \(input.debugDescription) limit \(limit)" }
}

let findAllCases: [FindAllCase] = [
    FindAllCase("a*", "baaac", [[0, 0], [1, 4], [5, 5]]),
    FindAllCase("", "abc", [[0, 0], [1, 1], [2, 2], [3, 3]]),
    FindAllCase("x*", "abc", [[0, 0], [1, 1], [2, 2], [3, 3]]),
    FindAllCase("a", "aaa", limit: 2, [[0, 1], [1, 2]]),
    FindAllCase("a", "aaa", limit: 0, []),
    FindAllCase("\\d+", "a1b22c333", [[1, 2], [3, 5], [6, 9]]),
    FindAllCase("^a", "aaa", [[0, 1]]),
    FindAllCase("\\ba", "a a a", [[0, 1], [2, 3], [4, 5]]),
    FindAllCase("(?m)^\\w", "ab\ncd", [[0, 1], [3, 4]]),
    FindAllCase("(\\w)(\\d)?", "a1b", [[0, 2, 0, 1, 1, 2], [2, 3, 2, 3, -1, -1]]),
    FindAllCase("a|b", "", []),
    FindAllCase("b*", "abb", [[0, 0], [1, 3]]),
    FindAllCase("é|😀", "xé😀", [[1, 2], [2, 3]]),
]

@Test(arguments: findAllCases)
func allMatchesOffsets(_ c: FindAllCase) throws {
    let re = try RE2Regex(c.pattern)
    let matches = re.allMatches(in: c.input, limit: c.limit)
    #expect(matches.map { offsets($0, in: c.input) } == c.expected)
}

@Test func matchRangesSliceTheInput() throws {
    let re = try RE2Regex("(?P<key>\\w+)=(?P<value>\\w*)")
    let s = "a=1, bb=22"
    let all = re.allMatches(in: s)
    #expect(all.map { String(s.unicodeScalars[$0.range]) } == ["a=1", "bb=22"])
    #expect(all.compactMap { $0.groups[2].map { String(s.unicodeScalars[$0]) } } == ["1", "22"])
    #expect(re.groupCount == 2)
    #expect(re.pattern == "(?P<key>\\w+)=(?P<value>\\w*)")
}
