import Testing

@testable import CEL

let rejectedPatterns: [String] = [
    // Backreferences, lookaround, atomic, possessive, conditionals: not RE2.
    "\\1", "(a)\\1", "\\8", "(?=a)", "(?!a)", "(?<=a)", "(?<!a)", "(?>a)", "a*+", "a++", "a?+",
    "(?(1)a|b)", "(?P=n)", "(?P>n)", "(?#comment)",
    // Escapes RE2 does not know.
    "\\q", "\\Z", "\\C", "\\e", "\\i", "\\X", "\\R", "\\G", "\\K", "\\h", "\\u0041", "\\é",
    "\\x{110000}", "\\xZZ", "\\x4", "\\x{}", "\\x{41", "[\\b]", "[\\A]", "\\", "a\\",
    // Repetition.
    "*", "+a", "?", "{2}", "a**", "a*?*", "x{2}{3}", "(|*)", "(*)", "a|*", "a{1001}", "a{1001,}",
    "a{0,1001}", "a{2,1}", "(a{500}){3}", "((a{100}){100}){100}",
    // Groups and flags.
    "(", ")", "a)", "(a", "(a))", "((a)", "(?P<>a)", "(?P<a b>x)", "(?P<n>a)(?P<n>b)", "(?<n", "(?i",
    "(?z)", "(?i-)", "(?--i)", "(?i-s-m)", "(?-)",
    // Classes.
    "[a", "[]", "[^]", "[z-a]", "[[:foo:]]", "[[:^foo:]]", "\\p{Foo}", "\\pX", "\\p{", "\\p{Greek",
    "\\p{Cn}", "[\\p{Nope}]", "[a-\\d]",
]

@Test(arguments: rejectedPatterns)
func patternIsRejected(_ pattern: String) {
    #expect(throws: RE2Error.self) { try RE2Regex(pattern) }
}

@Test(arguments: [
    ("\\q", "invalid escape sequence: \\q"),
    ("(?=a)", "invalid or unsupported Perl syntax: (?="),
    ("(?<!a)", "invalid or unsupported Perl syntax: (?<!"),
    ("(a", "missing closing ): (a"),
    ("a)", "unexpected ): a)"),
    ("[a", "missing closing ]: [a"),
    ("a**", "invalid nested repetition operator: **"),
    ("a*+", "invalid nested repetition operator: *+"),
    ("*", "missing argument to repetition operator: *"),
    ("a{1001}", "invalid repeat count: {1001}"),
    ("\\1", "invalid escape sequence: \\1"),
    ("[z-a]", "invalid character class range: z-a"),
    ("\\p{Foo}", "invalid character class range: \\p{Foo}"),
    ("(?P<a b>x)", "invalid named capture: (?P<a b>"),
    ("a\\", "trailing backslash at end of expression: \\"),
])
func errorMessages(_ pattern: String, _ message: String) {
    #expect(throws: RE2Error(message: message)) { try RE2Regex(pattern) }
}

@Test func programSizeIsLimited() {
    // 101 × 1000 instructions: over the 100,000-instruction limit.
    let pattern = String(repeating: "a{1000}", count: 101)
    #expect(throws: RE2Error(message: "expression too large: \(pattern)")) { try RE2Regex(pattern) }
    #expect((try? RE2Regex(String(repeating: "a{1000}", count: 50))) != nil)
}

@Test func nestingDepthIsLimited() throws {
    let deep = String(repeating: "(", count: 1001) + "a" + String(repeating: ")", count: 1001)
    #expect(throws: RE2Error.self) { try RE2Regex(deep) }
    let ok = String(repeating: "(?:", count: 400) + "a*" + String(repeating: ")*", count: 400)
    let re = try RE2Regex(ok)
    #expect(re.matches("aaa"))
    // Go's limit is a tree height of 1000: 999 nested groups around a literal still compile.
    let tall = String(repeating: "(", count: 999) + "a" + String(repeating: ")", count: 999)
    #expect(try RE2Regex(tall).firstMatch(in: "a")?.groups.count == 1000)
    let alternations = String(repeating: "(?:a|", count: 497) + "b" + String(repeating: ")*", count: 497)
    #expect(try RE2Regex(alternations).matches("b"))
}

@Test func invalidUTF8IsRejected() throws {
    #expect(throws: RE2Error(message: "invalid UTF-8: byte 1")) { try RE2Regex(utf8: [0x61, 0xFF]) }
    #expect(throws: RE2Error(message: "invalid UTF-8: byte 2")) { try RE2Regex(utf8: [0x61, 0x62, 0xC3]) }
    #expect(try RE2Regex(utf8: Array("é+".utf8)).matches("éé"))
}

@Test(arguments: ["(?i)", "(?)", "(?:)", "()", "a{0}", "a{1000}", "(?i-s:a)", "\\p{Greek}", "[[:alpha:]]", "\\Q\\E", "x{2,}?"])
func patternIsAccepted(_ pattern: String) {
    #expect((try? RE2Regex(pattern)) != nil)
}
