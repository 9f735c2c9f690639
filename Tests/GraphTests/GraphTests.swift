import Graph
import Testing

@Test(arguments: [
    "spec.tls[0].hosts", "a", "[\"a.b\"].c", "metadata.annotations[\"alb.ingress.kubernetes.io/ssl-policy\"]",
    "x[3][4].y",
])
func attributePathRoundTrips(_ text: String) throws {
    let path = try #require(AttributePath(parsing: text))
    #expect(path.description == text)
}

@Test func attributePathSegments() {
    let path = AttributePath(keys: "metadata", "annotations").appending("a.b/c").appending(index: 2)
    #expect(path.description == "metadata.annotations[\"a.b/c\"][2]")
    #expect(path.parent?.description == "metadata.annotations[\"a.b/c\"]")
}

@Test func locationFallsBackToNearestAncestor() {
    let loc = SourceLocation(path: "a.yaml", line: 3)
    let specLoc = SourceLocation(path: "a.yaml", line: 5, column: 3)
    let r = Resource(
        id: "x", kind: "kubernetes/Ingress", attributes: ["spec": ["rules": []]], location: loc,
        locations: [AttributePath(keys: "spec"): specLoc])
    #expect(r.location(of: AttributePath(keys: "spec", "rules")) == specLoc)
    #expect(r.location(of: AttributePath(keys: "metadata")) == loc)
    #expect(r.format == "kubernetes" && r.type == "Ingress")
}

@Test func graphResolvesLocalEdgesWithinFiles() {
    let loc = SourceLocation(path: "p.json", line: 1)
    let a = Resource(id: "aws_cloudtrail.t", kind: "terraform/aws_cloudtrail", attributes: [:], location: loc)
    let b = Resource(id: "aws_kms_key.k", kind: "terraform/aws_kms_key", attributes: [:], location: loc)
    let file = ParsedFile(path: "p.json", resources: [a, b], edges: [LocalEdge(from: a.id, to: b.id, kind: .references, label: "kms_key_id")])
    let graph = ResourceGraph(files: [file, file])
    #expect(graph.resources.count == 4)
    #expect(graph.targets(of: 0, kind: .references) == [1])
    #expect(graph.targets(of: 2, resourceKind: "terraform/aws_kms_key") == [3])
    #expect(graph.sources(of: 3) == [2])
}

@Test(arguments: [
    ("conf.d/*.conf", "conf.d/a.conf", true), ("conf.d/*.conf", "conf.d/x/a.conf", false),
    ("**/*.yaml", "a/b/c.yaml", true), ("**/*.yaml", "c.yaml", true), ("site?.conf", "site1.conf", true),
    ("[a-c]x", "bx", true), ("[!a-c]x", "bx", false), ("*", ".hidden", true),
])
func globMatching(_ pattern: String, _ path: String, _ expected: Bool) {
    #expect(Glob.matches(pattern, path) == expected)
}

@Test func jsonTextIsSortedAndEscaped() {
    let v: Value = ["b": 1, "a": ["x\n", .null, true, 1.5]]
    #expect(v.jsonText == "{\"a\":[\"x\\n\",null,true,1.5],\"b\":1}")
}

@Test func sourceFileLines() {
    let f = SourceFile(path: "x", text: "one\r\ntwo\nthree")
    #expect(f.line(1) == "one")
    #expect(f.line(3) == "three")
    #expect(f.line(4) == nil)
}
