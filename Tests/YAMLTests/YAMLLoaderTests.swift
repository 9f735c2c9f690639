import Graph
import Testing
import YAML

private func load(_ text: String, limits: YAMLLimits = YAMLLimits()) throws -> [YAMLDocument] {
    try YAMLLoader(limits: limits).load(SourceFile(path: "t.yaml", text: text))
}

private func loadError(_ text: String, limits: YAMLLimits = YAMLLimits()) -> ParseError? {
    do {
        _ = try YAMLLoader(limits: limits).load(SourceFile(path: "t.yaml", text: text))
        return nil
    } catch {
        return error
    }
}

@Test func multiDocumentStreamsKeepPositions() throws {
    let docs = try load("a: 1\n---\nkind: Service\nspec:\n  ports:\n    - port: 80\n---\n")
    #expect(docs.count == 3)
    #expect(docs[0].root?.value == ["a": 1])
    #expect(docs[2].root == nil)
    var locations: [AttributePath: Graph.SourceLocation] = [:]
    let v = try #require(docs[1].root).value(file: "t.yaml", locations: &locations)
    #expect(v["spec"]?["ports"]?[0]?["port"] == .int(80))
    let portPath = try #require(AttributePath(parsing: "spec.ports[0].port"))
    #expect(locations[portPath] == Graph.SourceLocation(path: "t.yaml", line: 6, column: 7))
    #expect(docs[1].line == 2)
}

@Test(arguments: [
    ("yes", Value.bool(true)), ("On", .bool(true)), ("n", .bool(false)), ("~", .null), ("", .null),
    ("0x1F", .int(31)), ("0755", .int(493)), ("-12", .int(-12)), ("1_000", .int(1000)), ("1.5", .double(1.5)),
    ("1e3", .double(1000)), (".inf", .double(.infinity)), ("'yes'", .string("yes")), ("\"1\"", .string("1")),
    ("!!str 12", .string("12")), ("TLSV1_2", .string("TLSV1_2")), ("1.2.3", .string("1.2.3")),
    ("9223372036854775808", .double(9223372036854775808)), ("-9223372036854775808", .int(Int64.min)),
])
func scalarsResolveAsKubernetesReadsThem(_ text: String, _ expected: Value) throws {
    let docs = try load("k: \(text)\n")
    #expect(docs[0].root?.value["k"] == expected)
}

@Test func blockScalarsStayStrings() throws {
    let docs = try load("a: |\n  yes\n  no\nb: >-\n  x\n  y\n")
    #expect(docs[0].root?.value == ["a": "yes\nno\n", "b": "x y"])
}

@Test func anchorsAliasesAndMergeKeys() throws {
    let text = """
        base: &base {a: 1, b: 2}
        other: &o {c: 3}
        x:
          <<: [*base, *o]
          b: 20
        y: *base
        """
    let v = try #require(try load(text)[0].root).value
    #expect(v["x"] == ["a": 1, "b": 20, "c": 3])
    #expect(v["y"] == ["a": 1, "b": 2])
}

@Test func duplicateKeysAreErrors() {
    let error = loadError("spec:\n  image: a\n  image: b\n")
    #expect(error?.description == "t.yaml:3:3: error: duplicate key \"image\" (first defined at line 2)")
}

@Test func syntaxErrorsNameThePlace() throws {
    let error = try #require(loadError("a: [1, 2\nb: 3\n"))
    #expect(error.location.path == "t.yaml")
    #expect(error.location.line >= 1)
    #expect(error.message.contains("flow") || error.message.contains("expected"))
}

@Test func aliasBombIsBounded() throws {
    var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for i in 1...9 {
        let refs = Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ")
        text += "a\(i): &a\(i) [\(refs)]\n"
    }
    let error = try #require(loadError(text))
    #expect(error.message.contains("alias bomb"))
}

@Test func deepNestingIsBounded() throws {
    let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
    let error = try #require(loadError(text))
    #expect(error.message.contains("nesting deeper than 256 levels"))
    #expect(error.location.line == 1 && error.location.column == 257)
}

@Test func binaryAndUTF16WithoutBOMAreErrors() throws {
    let binary = SourceFile(path: "x.yaml", bytes: [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00])
    #expect(throws: ParseError.self) { try YAMLLoader().load(binary) }
    let utf16 = SourceFile(path: "u.yaml", bytes: Array("apiVersion: v1\nkind: Pod\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))
    do {
        _ = try YAMLLoader().load(utf16)
        Issue.record("expected an error")
    } catch {
        #expect(error.message.contains("UTF-16"))
    }
    let withBOM = SourceFile(path: "b.yaml", bytes: [0xFF, 0xFE] + Array("a: 1\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))
    #expect(try YAMLLoader().load(withBOM).first?.root?.value == ["a": 1])
}

@Test func undefinedAliasIsAnError() {
    #expect(loadError("a: *nope\n")?.message.contains("undefined alias") == true || loadError("a: *nope\n") != nil)
}

@Test(arguments: [4, 20])
func duplicateKeysAreFoundInSmallAndLargeMappings(_ size: Int) {
    var text = ""
    for i in 0..<size { text += "k\(i): \(i)\n" }
    text += "'k1': again\n"
    let error = loadError(text)
    #expect(error?.description == "t.yaml:\(size + 1):1: error: duplicate key \"k1\" (first defined at line 2)")
}

@Test func keysThatDifferOnlyInTagAreDistinct() throws {
    let docs = try load("1: int\n!!str 1: text\n")
    // Not a duplicate (the tags differ); as JSON keys both are "1", and the later one wins.
    #expect(docs[0].root?.value == ["1": "text"])
}

@Test func theLoaderCountsEachDocumentsLocations() throws {
    let text = "a: 1\nb: [x, {c: d}]\ne: &e {f: [1, 2]}\ng: *e\n---\n- 1\n- [2, 3]\n---\nbase: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n"
    for document in try load(text) {
        let root = try #require(document.root)
        let counted = try #require(document.locatedCount)
        var locations: [AttributePath: Graph.SourceLocation] = [:]
        _ = root.value(file: "t.yaml", locations: &locations)
        #expect(root.locatedCount == locations.count)
        #expect(counted >= root.locatedCount && counted <= root.locatedCount + 2)
    }
}
