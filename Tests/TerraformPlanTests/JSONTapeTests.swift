import Foundation
import Graph
import TestSupport
import Testing

@testable import TerraformPlan

/// The new parser's value of `text`, or its failure.
private func tapeValue(_ text: String) -> Result<Value, JSONTape.Failure> {
    tapeValue(Array(text.utf8))
}

private func tapeValue(_ bytes: [UInt8]) -> Result<Value, JSONTape.Failure> {
    do {
        let tape = try JSONTape(bytes)
        let value = bytes.withUnsafeBufferPointer { b in
            tape.nodes.withUnsafeBufferPointer { n in JSONView(bytes: b, nodes: n).value(0) }
        }
        return .success(value)
    } catch {
        return .failure(error)
    }
}

/// json-c's value of `bytes`, or nil when it rejects them.
private func jsoncValue(_ bytes: [UInt8]) -> Value? {
    if case .success(let v) = JSONC.withDocument(bytes, { JSONC.value($0) }) { return v }
    return nil
}

/// Valid JSON that json-c reads the same way: the new parser must give the same `Value`.
private let sameAsJSONC: [String] = [
    "{}", "[]", "[1]", "[-0]", "[0]", "[123456789]", "[-42]", "[9223372036854775807]", "[-9223372036854775808]",
    "[9223372036854775808]", "[18446744073709551616]", "[-9223372036854775809]", "[99999999999999999999999]",
    "[1.0]", "[-0.0]", "[1e5]", "[1E+2]", "[-1.5E-2]", "[0.1]", "[1e400]", "[-1e400]", "[1.5e-400]",
    "[3.141592653589793238462643383279]", "[true, false, null]", #"[""]"#, #"["a\"b\\c\/d"]"#,
    #"["\b\f\n\r\t"]"#, #"["\u0041\u00e9\u20AC"]"#, #"["\ud83d\ude00"]"#, #"["\uD834\uDD1E"]"#, #"["\ud800"]"#,
    #"["\ud800x"]"#, #"["\udc00"]"#, #"["\ud800\u0041"]"#, #"["\ud800\ud800"]"#, #"["\ud800\ud800\udc00"]"#,
    #"["\udc00\ud800"]"#, #"["x\ud800"]"#, #"["\u0000a"]"#, "[\"é ü 日本 😀\"]", #"{"a":1,"a":2}"#,
    #"{"a":{"b":[1,{"c":null}]},"d":[[],{}]}"#, " \t\r\n [ 1 , 2 ] \n", #"{"k\u00e9y":"v","k\"q":1}"#,
    #"{"":0}"#, "[\"\u{7F}\"]",
]

@Test(arguments: sameAsJSONC)
func validJSONGivesTheValueJSONCGives(_ text: String) throws {
    let bytes = Array(text.utf8)
    let expected = try #require(jsoncValue(bytes), "json-c rejects \(text)")
    #expect(try tapeValue(bytes).get() == expected, "\(text)")
}

@Test func invalidUTF8InAStringBecomesTheReplacementCharacterAsWithJSONC() throws {
    let bytes: [UInt8] = Array("[\"a".utf8) + [0xFF, 0xC3] + Array("b\"]".utf8)
    let expected = try #require(jsoncValue(bytes))
    #expect(try tapeValue(bytes).get() == expected)
    #expect(expected == .list([.string("a\u{FFFD}\u{FFFD}b")]))
}

@Test func integersAreIntsSaturatedAtTheInt64BoundsAsJSONCDid() throws {
    #expect(try tapeValue("[18446744073709551616, -99999999999999999999, 7]").get() == [.int(.max), .int(.min), .int(7)])
    #expect(try tapeValue("[1.0, 2e0]").get() == [.double(1), .double(2)])
}

/// Invalid JSON (RFC 8259) → the byte offset of the offending character and a word of the message.
/// json-c accepted some of these (leading zeros, `1.`, NaN, raw tabs); the new parser is strict.
private let invalid: [(text: String, offset: Int, message: String)] = [
    ("[1,]", 3, "trailing comma"),
    (#"{"a":1,}"#, 7, "trailing comma"),
    ("[01]", 1, "leading zero"),
    ("[-01]", 1, "leading zero"),
    ("[00]", 1, "leading zero"),
    ("[1.]", 3, "decimal point"),
    ("[.5]", 1, "unexpected character '.'"),
    ("[+1]", 1, "unexpected character '+'"),
    ("[-]", 2, "expected a digit"),
    ("[1e]", 3, "exponent"),
    ("[1e+]", 4, "exponent"),
    ("[NaN]", 1, "unexpected character 'N'"),
    ("[Infinity]", 1, "unexpected character 'I'"),
    ("[tru]", 1, "expected 'true'"),
    ("[nul]", 1, "expected 'null'"),
    ("[nulls]", 5, "expected ',' or ']'"),
    ("[1 2]", 3, "expected ',' or ']'"),
    (#"{"a" 1}"#, 5, "expected ':'"),
    (#"{"a":1 "b":2}"#, 7, "expected ',' or '}'"),
    ("{,}", 1, "property name"),
    ("{a:1}", 1, "property name"),
    ("[,1]", 1, "unexpected character ','"),
    (#"{"a":}"#, 5, "unexpected character '}'"),
    (#"["\x"]"#, 2, "invalid escape"),
    (#"["\u12G4"]"#, 2, "\\u escape"),
    ("[\"a\tb\"]", 3, "control character"),
    ("[\"a\nb\"]", 3, "control character"),
    ("[1]x", 3, "unexpected text after the top-level value"),
    ("[1] [2]", 4, "unexpected text after the top-level value"),
    ("\u{FEFF}[1]", 0, "unexpected character"),
    ("['a']", 1, "unexpected character '''"),
]

@Test(arguments: invalid.indices)
func invalidJSONIsAFailureAtTheOffendingCharacter(_ i: Int) {
    let c = invalid[i]
    switch tapeValue(c.text) {
    case .success(let v): Issue.record("\(c.text) parsed as \(v)")
    case .failure(let f):
        #expect(f.offset == c.offset, "\(c.text): \(f.message) at \(f.offset)")
        #expect(f.message.contains(c.message), "\(c.text): \(f.message)")
        #expect(f.message.hasPrefix("invalid JSON: "), "\(f.message)")
    }
}

@Test(arguments: ["", "   ", "[", "[1", "[1,", "{", #"{"a""#, #"{"a":"#, #"{"a":1"#, #"["abc"#, #"["\"#, #"["\u12"#, "tr", "-", "[1.", "[1e"])
func truncatedJSONIsAFailureAtTheEnd(_ text: String) {
    switch tapeValue(text) {
    case .success(let v): Issue.record("\(text) parsed as \(v)")
    case .failure(let f):
        #expect(f.offset == text.utf8.count, "\(text): \(f.message) at \(f.offset)")
        #expect(f.message == "unexpected end of file: the JSON is truncated", "\(text)")
    }
}

@Test func nestingIsLimitedTo256Levels() throws {
    let ok = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
    #expect(throws: Never.self) { try tapeValue(ok).get() }
    for depth in [257, 100_000] {
        let deep = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        switch tapeValue(deep) {
        case .success: Issue.record("\(depth) levels accepted")
        case .failure(let f):
            #expect(f.offset == 256)
            #expect(f.message.contains("nesting deeper than 256 levels"))
        }
    }
    let objects = String(repeating: #"{"a":"#, count: 100_000) + "1" + String(repeating: "}", count: 100_000)
    #expect(throws: JSONTape.Failure.self) { try tapeValue(objects).get() }
}

@Test func aTopLevelScalarIsAValue() throws {
    #expect(try tapeValue(" 12 ").get() == .int(12))
    #expect(try tapeValue(#""s""#).get() == .string("s"))
    #expect(try tapeValue("null").get() == .null)
}

@Test func membersSkipSubtreesAndNullIsAbsentAsWithJSONC() throws {
    let bytes = Array(#"{"a":{"x":[1,2,{"y":3}]},"b":null,"c":"last","c\u0041":1,"c":"again"}"#.utf8)
    let tape = try JSONTape(bytes)
    bytes.withUnsafeBufferPointer { b in
        tape.nodes.withUnsafeBufferPointer { n in
            let json = JSONView(bytes: b, nodes: n)
            #expect(json.member(0, "b") == nil)
            #expect(json.string(json.member(0, "c")) == "again")
            #expect(json.member(0, "cA") != nil)
            #expect(json.value(json.member(0, "a")) == ["x": [1, 2, ["y": 3]]])
            #expect(json.member(0, "zzz") == nil)
        }
    }
}

@Test func locationsCountLinesAndUnicodeScalars() throws {
    let text = "{\n  \"é😀\": [\n\t{\"k\": 1}], \"z\": 2\n}"
    let bytes = Array(text.utf8)
    let tape = try JSONTape(bytes)
    let locator = PlanLocator(bytes: bytes, tape: tape, path: "p.json")
    for (offset, _) in bytes.enumerated() {
        let expected = TerraformPlanParser.location(of: offset, in: bytes, path: "p.json")
        #expect(locator.location(offset) == expected, "offset \(offset)")
    }
    // a long single line with non-ASCII text: every offset agrees with the plain count
    var long = Array("[".utf8)
    for i in 0..<300 { long += Array("\"é\(i)😀\",".utf8) }
    long += Array("1]".utf8)
    let longLocator = PlanLocator(bytes: long, tape: try JSONTape(long), path: "l.json")
    for offset in stride(from: 0, to: long.count, by: 7) {
        #expect(longLocator.location(offset) == TerraformPlanParser.location(of: offset, in: long, path: "l.json"))
    }
}

// MARK: - differential: the new reader against the json-c reader

/// Checks that `parse` and the json-c `legacyParse` agree on everything.
private func expectSameAsLegacy(
    _ file: SourceFile, parser: TerraformPlanParser = TerraformPlanParser(),
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    let new = Result { () throws(ParseError) in try parser.parse(file) }
    let old = Result { () throws(ParseError) in try parser.legacyParse(file) }
    switch (new, old) {
    case (.success(let a), .success(let b)):
        #expect(a.resources.count == b.resources.count, "\(file.path)", sourceLocation: sourceLocation)
        for (x, y) in zip(a.resources, b.resources) where x != y {
            Issue.record("\(file.path): \(x.id) differs", sourceLocation: sourceLocation)
            #expect(x.attributes == y.attributes, sourceLocation: sourceLocation)
            #expect(x.locations == y.locations, sourceLocation: sourceLocation)
            #expect(x.location == y.location, sourceLocation: sourceLocation)
            break
        }
        #expect(a.edges == b.edges, "\(file.path)", sourceLocation: sourceLocation)
        #expect(a.diagnostics == b.diagnostics, "\(file.path)", sourceLocation: sourceLocation)
        #expect(a.dependencies == b.dependencies, "\(file.path)", sourceLocation: sourceLocation)
    case (.failure(let a), .failure(let b)):
        #expect(a.location == b.location, "\(file.path): \(a) vs \(b)", sourceLocation: sourceLocation)
    default:
        Issue.record("\(file.path): \(new) vs \(old)", sourceLocation: sourceLocation)
    }
}

@Test(arguments: ["mixed", "flat", "modules"])
func theNewReaderAgreesWithJSONCOnGeneratedPlans(layout: String) throws {
    for (n, seed) in [(40, 3), (400, 11)] {
        guard let (bytes, _) = try generatedPlan(n, seed: seed, layout: layout) else { return }
        expectSameAsLegacy(SourceFile(path: "gen-\(layout)-\(n).json", bytes: bytes))
        // the same plan as UTF-16 and with a BOM
        expectSameAsLegacy(SourceFile(path: "bom.json", bytes: [0xEF, 0xBB, 0xBF] + bytes))
        if n == 40 {
            var utf16: [UInt8] = [0xFF, 0xFE]
            for unit in String(decoding: bytes, as: UTF8.self).utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
            expectSameAsLegacy(SourceFile(path: "utf16.json", bytes: utf16))
        }
    }
}

@Test(arguments: ["Tests/Fixtures/terraform/gen-plan-60.json", "samples/terraform/plan.json"])
func theNewReaderAgreesWithJSONCOnFixturePlans(_ path: String) throws {
    let url = Fixtures.packageRoot.appendingPathComponent(path)
    let bytes = Array(try Data(contentsOf: url))
    expectSameAsLegacy(SourceFile(path: path, bytes: bytes))
    // pretty-printed the way `terraform show -json | jq .` writes it, with non-ASCII text
    let object = try JSONSerialization.jsonObject(with: Data(bytes))
    let pretty = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
    expectSameAsLegacy(SourceFile(path: "pretty.json", bytes: Array(pretty)))
    let accented = Array(String(decoding: pretty, as: UTF8.self).replacingOccurrences(of: "\"name\"", with: "\"nämé😀\"").utf8)
    expectSameAsLegacy(SourceFile(path: "accented.json", bytes: accented))
}

@Test func theNewReaderAgreesWithJSONCOnHandWrittenPlans() {
    let plans = [
        #"{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"aws_kms_key.k","mode":"managed","type":"aws_kms_key","name":"k","index":null,"provider_name":"registry.terraform.io/hashicorp/aws","values":{"enable_key_rotation":false,"tags":{"a":"b"},"list":[1,{"x":[{"y":2}]},[3]]},"sensitive_values":{"tags":{}}}]}},"resource_changes":[{"address":"aws_kms_key.k","deposed":null,"change":{"actions":["create"],"after_unknown":{"arn":true,"list":[false,{"x":[{"y":true}]}]},"after_sensitive":{"tags":{"a":true}}}},{"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","name":"b","change":{"actions":["create"],"after":{"bucket":"x","policy":"{\"Version\":\"2012-10-17\",\"Statement\":[]}"},"after_unknown":{"id":true}}},{"address":"aws_s3_bucket.gone","change":{"actions":["delete"],"after":null}}],"prior_state":{"values":{"root_module":{"resources":[{"address":"data.aws_iam_policy_document.p","mode":"data","type":"aws_iam_policy_document","name":"p","values":{"json":"{\"Statement\":[{\"Effect\":\"Allow\"}]}"}}]}}}}"#,
        #"{"resource_changes":[],"format_version":"1.1","planned_values":{}}"#,
        #"{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"a.b","values":{"k\u00e9\"y":"v\ud800"}}]}}}"#,
        #"{"format_version":"3.0","resource_changes":[{"address":"x.y","change":{"actions":["create"],"after":{"a":1}}}]}"#,
        #"{"format_version":"1.2"}"#,
        "[1, 2]",
        "{\n  \"format_version\": \"1.2\",\n  \"planned_values\": {\"root_module\": {",
    ]
    for (i, text) in plans.enumerated() { expectSameAsLegacy(SourceFile(path: "hand-\(i).json", text: text)) }
}
