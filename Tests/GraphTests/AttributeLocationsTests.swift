import Graph
import Testing

/// A small document's tree: `{a: {b: 1, c: [x, y]}, "8080": {p: 1}, "8080": {q: 2}}`, where
/// the two `8080` keys differ only in their tags (so both are kept under one path).
private func sampleTree() -> LocationTree {
    func node(_ segment: AttributePath.Segment, _ line: Int32) -> LocationTree.Node {
        LocationTree.Node(segment: segment, line: line, column: 1)
    }
    var nodes = [
        node(.index(0), 1),  // 0 root
        node(.key("a"), 1),  // 1
        node(.key("b"), 2),  // 2
        node(.key("c"), 3),  // 3
        node(.index(0), 4),  // 4
        node(.index(1), 5),  // 5
        node(.key("8080"), 6),  // 6
        node(.key("p"), 7),  // 7
        node(.key("8080"), 8),  // 8
        node(.key("q"), 9),  // 9
    ]
    func link(_ parent: Int, _ children: [Int]) {
        nodes[parent].firstChild = Int32(children[0])
        for (a, b) in zip(children, children.dropFirst()) { nodes[a].nextSibling = Int32(b) }
    }
    link(0, [1, 6, 8])
    link(1, [2, 3])
    link(3, [4, 5])
    link(6, [7])
    link(8, [9])
    return LocationTree(file: "t.yaml", nodes: nodes)
}

/// The same locations as a dictionary filled in document order.
private func sampleDictionary() -> [AttributePath: Graph.SourceLocation] {
    var out: [AttributePath: Graph.SourceLocation] = [:]
    for (text, line) in [("", 1), ("a", 1), ("a.b", 2), ("a.c", 3), ("a.c[0]", 4), ("a.c[1]", 5), ("8080", 6), ("8080.p", 7), ("8080", 8), ("8080.q", 9)] {
        out[AttributePath(parsing: text) ?? AttributePath()] = Graph.SourceLocation(path: "t.yaml", line: line)
    }
    return out
}

@Test(arguments: ["", "a", "a.b", "a.c", "a.c[1]", "a.c[2]", "8080", "8080.p", "8080.q", "8080.r", "b", "a.b.x"])
func treeLocationsReadLikeTheDictionary(_ text: String) throws {
    let path = try #require(AttributePath(parsing: text))
    let tree = AttributeLocations(tree: sampleTree())
    let dictionary = sampleDictionary()
    #expect(tree[path] == dictionary[path])
    let plain = Resource(id: "r", kind: "k", attributes: [:], location: Graph.SourceLocation(path: "t.yaml", line: 99), locations: dictionary)
    let shared = Resource(id: "r", kind: "k", attributes: [:], location: Graph.SourceLocation(path: "t.yaml", line: 99), locations: tree)
    #expect(shared.location(of: path) == plain.location(of: path))
    #expect(shared.locations == plain.locations)
}

@Test func entriesSetLaterWinAndSubtreesReRoot() throws {
    var locations = AttributeLocations(tree: sampleTree())
    let elsewhere = Graph.SourceLocation(path: "t.yaml", line: 42)
    locations[AttributePath(keys: "a", "b")] = elsewhere
    #expect(locations[AttributePath(keys: "a", "b")] == elsewhere)
    #expect(locations.nearest(AttributePath(keys: "a", "b", "z")) == elsewhere)
    let a = locations.subtree(at: AttributePath(keys: "a"))
    #expect(a[AttributePath()]?.line == 1)
    #expect(a[AttributePath(keys: "b")] == elsewhere)
    #expect(a[try #require(AttributePath(parsing: "c[1]"))]?.line == 5)
    #expect(a.count == 5)
    // Under a repeated step the subtree holds both nodes' entries, the later winning.
    let repeated = locations.subtree(at: AttributePath(keys: "8080"))
    #expect(repeated[AttributePath()]?.line == 8)
    #expect(repeated[AttributePath(keys: "p")]?.line == 7)
    #expect(repeated[AttributePath(keys: "q")]?.line == 9)
    locations[AttributePath(keys: "a", "c")] = nil
    #expect(locations[AttributePath(keys: "a", "c")] == nil)
    #expect(locations[try #require(AttributePath(parsing: "a.c[0]"))]?.line == 4)
}
