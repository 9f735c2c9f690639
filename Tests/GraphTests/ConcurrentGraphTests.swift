import Graph
import Testing

@Test(arguments: [0, 1, 15, 16, 17, 63, 64, 65, 1000])
func concurrentMapKeepsIndexOrder(_ count: Int) {
    #expect(concurrentMap(count) { $0 * 3 } == (0..<count).map { $0 * 3 })
    #expect(concurrentMap(count, chunks: 3, serialBelow: 0) { String($0) } == (0..<count).map { String($0) })
}

/// `count` resources of one file, the n-th pointing at the next, plus an edge to an unknown id
/// (dropped) and a duplicate (kept once).
private func chainFile(_ name: String, count: Int) -> ParsedFile {
    let loc = SourceLocation(path: name, line: 1)
    let resources = (0..<count).map { Resource(id: "r\($0)", kind: "kubernetes/ConfigMap", attributes: ["n": .int(Int64($0))], location: loc) }
    var edges = (0..<max(count - 1, 0)).map { LocalEdge(from: "r\($0)", to: "r\($0 + 1)", kind: .references, label: "next") }
    edges.append(LocalEdge(from: "r0", to: "missing", kind: .references))
    if count > 1 { edges.append(LocalEdge(from: "r0", to: "r1", kind: .references, label: "next")) }
    return ParsedFile(path: name, resources: resources, edges: edges)
}

@Test func appendingFilesAtOnceEqualsOneByOne() {
    let files = [chainFile("a.yaml", count: 40), chainFile("b.yaml", count: 0), chainFile("c.yaml", count: 1), chainFile("d.yaml", count: 25)]
    var oneByOne = ResourceGraph()
    for file in files { oneByOne.append(file) }
    var atOnce = ResourceGraph()
    atOnce.append(files)
    #expect(atOnce.resources == oneByOne.resources)
    #expect(atOnce.edges == oneByOne.edges)
    #expect(atOnce.edges.count == 39 + 24)
    #expect(atOnce.targets(of: 39, kind: .references) == [])
    #expect(atOnce.targets(of: 40, kind: .references) == [])
    #expect(atOnce.targets(of: 41, kind: .references) == [42])
    #expect(atOnce.sources(of: 42) == [41])
    // Appending more later continues the indices.
    atOnce.append([chainFile("e.yaml", count: 3)])
    #expect(atOnce.resources.count == 69 && atOnce.targets(of: 66) == [67])
}

@Test(arguments: [3, 16, 500])
func updateConcurrentlyChangesExactlyTheGivenResources(_ count: Int) {
    var graph = ResourceGraph()
    graph.append(chainFile("a.yaml", count: count))
    let chosen = stride(from: count - 1, through: 0, by: -2).map { $0 }
    graph.updateConcurrently(chosen) { position, resource in
        resource.attributes["position"] = .int(Int64(position))
    }
    for index in 0..<count {
        let expected: Value? = chosen.firstIndex(of: index).map { .int(Int64($0)) }
        #expect(graph.resources[index].attributes["position"] == expected)
        #expect(graph.resources[index].attributes["n"] == .int(Int64(index)))
    }
}

@Test func updateConcurrentlyLeavesACopyOfTheGraphAlone() {
    var graph = ResourceGraph()
    graph.append(chainFile("a.yaml", count: 100))
    let before = graph
    graph.updateConcurrently(Array(0..<100)) { _, resource in resource.attributes["n"] = .null }
    #expect(before.resources.allSatisfy { $0.attributes["n"] != .null })
    #expect(graph.resources.allSatisfy { $0.attributes["n"] == .null })
}
