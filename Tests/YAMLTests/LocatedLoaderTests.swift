import Foundation
import Graph
import Testing
import TestSupport
import YAML

/// What one reading of a file gave: per document its value, start line, root position and
/// locations; or the error.
private struct Reading: Equatable {
    struct Document: Equatable {
        var value: Value?
        var line: Int
        var root: [Int]
        var locations: [AttributePath: Graph.SourceLocation]
    }
    var documents: [Document] = []
    var error: String?
}

/// The file read with `load` and converted node by node, as before `loadLocated`.
private func viaNodes(_ file: SourceFile, limits: YAMLLimits = YAMLLimits()) -> Reading {
    do {
        return Reading(
            documents: try YAMLLoader(limits: limits).load(file).map { document in
                guard let root = document.root else { return Reading.Document(value: nil, line: document.line, root: [], locations: [:]) }
                var locations: [AttributePath: Graph.SourceLocation] = [:]
                let value = root.value(file: file.path, locations: &locations)
                return Reading.Document(value: value, line: document.line, root: [root.line, root.column], locations: locations)
            })
    } catch {
        return Reading(error: error.description)
    }
}

/// The file read with `loadLocated`; nil when it leaves the file to `load`.
private func located(_ file: SourceFile, limits: YAMLLimits = YAMLLimits()) -> Reading? {
    do {
        guard let documents = try YAMLLoader(limits: limits).loadLocated(file) else { return nil }
        return Reading(
            documents: documents.map { document in
                guard let value = document.value else { return Reading.Document(value: nil, line: document.line, root: [], locations: [:]) }
                var locations: [AttributePath: Graph.SourceLocation] = [:]
                for (path, location) in document.locations { locations[path] = location }
                return Reading.Document(value: value, line: document.line, root: [document.rootLine, document.rootColumn], locations: locations)
            })
    } catch {
        return Reading(error: error.description)
    }
}

private func file(_ text: String) -> SourceFile { SourceFile(path: "t.yaml", text: text) }

@Test(arguments: [
    "a: 1\n---\nkind: Service\nspec:\n  ports:\n    - port: 80\n---\n",
    "", "---\n", "# only a comment\n", "just a scalar\n", "- 1\n- [2, 3]\n- {a: b}\n", "---\n---\na: 1\n...\n",
    "a:\nb: ~\nc: ''\nd: \"\"\n", "a: |\n  yes\n  no\nb: >-\n  x\n  y\n",
    "1: int\n!!str 1: text\n", "a: {x: 1}\n!!str a: 2\n", "k: !!int 12\nj: !!float 1\ns: !!str 0x1F\nb: !!bool yes\n",
    "spec:\n  image: a\n  image: b\n", "a: [1, 2\nb: 3\n", "a:\n\tb: 1\n", "a: b\n  c: d\n",
    "outer:\n  x: 1\n  x: 2\n  inner: {y: 1, y: 2}\n", "a: 1\na: 2\nb: [\n",
    "k0: 0\nk1: 1\nk2: 2\nk3: 3\nk4: 4\nk5: 5\nk6: 6\nk7: 7\nk8: 8\nk9: 9\nk10: 10\nk11: 11\nk12: 12\nk13: 13\n'k1': again\nk14: x\n",
    "k0: 0\nk1: 1\nk2: 2\nk3: 3\nk4: 4\nk5: 5\nk6: 6\nk7: 7\nk8: 8\nk9: 9\nk10: 10\nk11: 11\nk12: 12\nk11: again\n",
    "\"a.b\": 1\n\"x y\": {\"\": 2}\nlist:\n- - - deep\n",
    "apiVersion: v1\nkind: List\nitems:\n- kind: Pod\n  metadata: {name: a}\n",
    "héllo: wörld\nemoji: \"\u{1F600}\"\n", "? complex\n: value\n",
    "a: 0\nb: 7\nc: 0755\nd: 123456789012345678\ne: 1234567890123456789\nf: 99999999999999999999\ng: 12a\nh: 1_000\ni: -5\nj: '80'\nk: 08\n",
])
func locatedReadingMatchesTheNodeTrees(_ text: String) throws {
    let f = file(text)
    let fast = try #require(located(f))
    #expect(fast == viaNodes(f))
}

@Test(arguments: [
    "a: &x 1\nb: *x\n", "base: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n", "m:\n  <<: {x: 1}\n", "? [a, b]\n: 1\n", "? {a: b}\n: 1\n",
    "kind: !!null PodList\nitems: []\n", "a: *nope\n", "- &a [1]\n- *a\n",
])
func anchorsMergeKeysAndComplexKeysAreLeftToTheNodeTrees(_ text: String) {
    #expect(located(file(text)) == nil)
}

@Test func limitsGiveTheSameErrors() throws {
    let deep = file(String(repeating: "[", count: 300) + String(repeating: "]", count: 300))
    #expect(try #require(located(deep)) == viaNodes(deep))
    var limits = YAMLLimits()
    limits.maxNodes = 10
    let many = file("a: [1, 2, 3, 4, 5, 6, 7, 8, 9]\n")
    let fast = try #require(located(many, limits: limits))
    #expect(fast.error != nil)
    #expect(fast == viaNodes(many, limits: limits))
}

/// Every YAML fixture and sample reads the same both ways (or is left to the node trees).
@Test func fixturesAndSamplesReadTheSameBothWays() throws {
    var checked = 0
    for folder in ["Tests/Fixtures", "samples", "policies", "bench/out"] {
        let root = Fixtures.packageRoot.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { continue }
        for case let url as URL in walker where url.pathExtension == "yaml" || url.pathExtension == "yml" {
            let f = SourceFile(path: url.lastPathComponent, bytes: Array(try Data(contentsOf: url)))
            guard let fast = located(f) else { continue }
            #expect(fast == viaNodes(f), "\(url.path)")
            checked += 1
        }
    }
    #expect(checked > 50)
}

/// A small deterministic generator of YAML streams: block and flow collections, scalars of
/// every resolved type, quoting styles, tags, repeated keys and several documents.
private struct StreamGenerator {
    var state: UInt64

    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }

    mutating func scalar() -> String {
        let choices = [
            "80", "0", "0755", "0x1F", "-3", "1_000", "1.5", "1e3", ".inf", "yes", "No", "on", "~", "null", "true", "web",
            "'quoted'", "\"dq \\u00e9\"", "!!str 12", "!!int 7", "!!float 2", "istio-system", "a b", "ns.svc", "12345678901234567890",
        ]
        return choices[next(choices.count)]
    }

    mutating func key() -> String {
        let keys = ["name", "kind", "spec", "ports", "a", "b", "'a'", "!!str b", "app", "x.y", "\"q k\""]
        return keys[next(keys.count)]
    }

    mutating func block(_ indent: Int, depth: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        var out = ""
        if next(2) == 0 || depth > 3 {
            var used = Set<String>()
            for _ in 0..<(1 + next(4)) {
                // Mostly distinct keys; now and then a repeat, which is an error.
                var k = key()
                for _ in 0..<4 where used.contains(k) && next(6) != 0 { k = key() }
                used.insert(k)
                out += pad + k + ":"
                out += depth > 3 || next(3) == 0 ? " " + value(depth: depth) + "\n" : "\n" + block(indent + 2, depth: depth + 1)
            }
        } else {
            for _ in 0..<(1 + next(3)) {
                out += pad + "-"
                out += depth > 3 || next(3) == 0 ? " " + value(depth: depth) + "\n" : "\n" + block(indent + 2, depth: depth + 1)
            }
        }
        return out
    }

    mutating func value(depth: Int) -> String {
        switch next(5) {
        case 0 where depth < 4: return "[" + (0..<next(3)).map { _ in scalar() }.joined(separator: ", ") + "]"
        case 1 where depth < 4: return "{" + (0..<next(3)).map { _ in key() + ": " + scalar() }.joined(separator: ", ") + "}"
        default: return scalar()
        }
    }
}

@Test(arguments: 0..<200)
func generatedStreamsReadTheSameBothWays(_ seed: Int) {
    var generator = StreamGenerator(state: UInt64(seed) &* 2_654_435_761 &+ 1)
    var text = ""
    for _ in 0..<(1 + generator.next(3)) { text += "---\n" + generator.block(0, depth: 0) }
    let f = file(text)
    guard let fast = located(f) else { return }
    #expect(fast == viaNodes(f), "\(text)")
}


