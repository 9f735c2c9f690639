import Graph
import Testing

@Suite struct JSONStringTests {
    @Test(arguments: [
        ("plain text, ünïcode ✓", "\"plain text, ünïcode ✓\""),
        ("quote \" and backslash \\", "\"quote \\\" and backslash \\\\\""),
        ("lines\nand\rtabs\t", "\"lines\\nand\\rtabs\\t\""),
        ("nul \u{0} bell \u{7} esc \u{1B} del \u{7F}", "\"nul \\u0000 bell \\u0007 esc \\u001b del \\u007f\""),
        ("separators \u{2028} \u{2029} and € (E2 82 AC)", "\"separators \\u2028 \\u2029 and € (E2 82 AC)\""),
        ("", "\"\""),
        ("\"", "\"\\\"\""),
        ("ends with \u{2028}", "\"ends with \\u2028\""),
    ])
    func quotesAsJSON(_ input: String, _ expected: String) {
        #expect(JSONString.quote(input) == expected)
    }
}
