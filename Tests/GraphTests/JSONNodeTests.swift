import Graph
import Testing

@Test func prettyJSONWritesIntegersIndentsAndMemberOrder() {
    let node = JSONNode.object([
        ("z", .array([.int(0), .int(7), .int(-5), .int(1_234_567_890_123), .int(Int.max), .int(Int.min)])),
        ("a", .object([("deep", .object([("deeper", .string("x\n\"y\""))]))])),
        ("e", .array([])), ("o", .object([])), ("n", .null), ("b", .bool(true)),
    ])
    #expect(
        node.pretty == """
            {
              "z": [
                0,
                7,
                -5,
                1234567890123,
                9223372036854775807,
                -9223372036854775808
              ],
              "a": {
                "deep": {
                  "deeper": "x\\n\\"y\\""
                }
              },
              "e": [],
              "o": {},
              "n": null,
              "b": true
            }

            """)
}

@Test func prettyJSONIndentsPastSixtyFourColumns() {
    var node = JSONNode.int(1)
    for _ in 0..<40 { node = .array([node]) }
    let lines = node.pretty.split(separator: "\n")
    #expect(lines.count == 81)
    #expect(lines[40] == Substring(String(repeating: " ", count: 80) + "1"))
}

/// An element written ahead (`written(indent:)` at its array's indent + 2) comes out exactly as
/// the element itself would: SARIF writes its results that way, on several threads.
@Test func aValueWrittenAheadIsCopiedOutUnchanged() {
    let element = JSONNode.object([("ruleId", .string("r")), ("locations", .array([.object([("line", .int(3))])])), ("e", .array([]))])
    let tree = JSONNode.object([("runs", .array([.object([("results", .array([element, element]))])]))])
    let ahead = JSONNode.object([
        ("runs", .array([.object([("results", .array([.written(element.written(indent: 8)), .written(element.written(indent: 8))]))])]))
    ])
    #expect(ahead.pretty == tree.pretty)
}
