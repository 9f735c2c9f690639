import Testing

@testable import CEL

/// Patterns that are exponential for backtracking engines: each must finish (linear time).
@Test(arguments: [
    ("(a*)*b", String(repeating: "a", count: 30_000), false),
    ("(x+x+)+y", String(repeating: "x", count: 20_000), false),
    ("(a|aa)*c", String(repeating: "a", count: 20_000), false),
    ("(.*)*x", String(repeating: "y", count: 20_000), false),
    ("(\\w+\\s?)*$", String(repeating: "word ", count: 4_000) + "!", true),
    ("^(a?){30}a{30}$", String(repeating: "a", count: 30), true),
    ("(a*)*b", String(repeating: "a", count: 20_000) + "b", true),
])
func pathologicalInputIsLinear(_ pattern: String, _ input: String, _ expected: Bool) throws {
    let re = try RE2Regex(pattern)
    let clock = ContinuousClock()
    let start = clock.now
    #expect(re.matches(input) == expected)
    #expect((re.firstMatch(in: input) != nil) == expected)
    // A generous bound: an exponential engine would not finish at all.
    #expect(clock.now - start < .seconds(30))
}

@Test func allMatchesOnLongInputIsLinear() throws {
    let input = String(repeating: "ab", count: 10_000)
    #expect(try RE2Regex("a").allMatches(in: input).count == 10_000)
    #expect(try RE2Regex("x*").allMatches(in: input).count == 20_001)
}

@Test func manyGroupsGrowCaptureStorageOnDemand() throws {
    // Capture storage starts small and grows: 300 groups.
    let re = try RE2Regex(String(repeating: "(a)", count: 300))
    let input = String(repeating: "a", count: 300)
    let match = try #require(re.firstMatch(in: input))
    #expect(match.groups.count == 301)
    let view = input.unicodeScalars
    #expect(match.groups.last??.lowerBound == view.index(view.startIndex, offsetBy: 299))
    // Many threads alive at once still work after the capture storage grows.
    let wide = try RE2Regex("(a|b)*(a)(b)?(\\w*)")
    #expect(wide.allMatches(in: String(repeating: "ab", count: 500)).count == 1)
}
