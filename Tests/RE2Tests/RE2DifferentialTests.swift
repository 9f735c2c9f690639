import Testing

@testable import CEL

/// A deliberately naive backtracking matcher over the parsed tree: exponential, but its first
/// successful path is by definition the leftmost-first match that RE2 and Go return. Valid as
/// an oracle while loop bodies (`*`, `+`, `{n,}`) cannot match empty.
final class BacktrackingOracle {
    let input: [UInt32]
    var caps: [Int]

    init(input: String, groupCount: Int) {
        self.input = input.unicodeScalars.map(\.value)
        self.caps = Array(repeating: -1, count: 2 * groupCount)
    }

    private func isWord(_ i: Int) -> Bool {
        guard i >= 0 && i < input.count else { return false }
        let c = input[i]
        return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
    }

    private func holds(_ a: RE2EmptyWidth, _ pos: Int) -> Bool {
        switch a {
        case .beginText: return pos == 0
        case .endText: return pos == input.count
        case .beginLine: return pos == 0 || input[pos - 1] == 0x0A
        case .endLine: return pos == input.count || input[pos] == 0x0A
        case .wordBoundary: return isWord(pos - 1) != isWord(pos)
        case .noWordBoundary: return isWord(pos - 1) == isWord(pos)
        }
    }

    func match(_ node: RE2Node, _ pos: Int, _ k: (Int) -> Bool) -> Bool {
        switch node {
        case .empty:
            return k(pos)
        case .literal(let c):
            return pos < input.count && input[pos] == c && k(pos + 1)
        case .charClass(let cls):
            return pos < input.count && cls.contains(input[pos]) && k(pos + 1)
        case .assertion(let a):
            return holds(a, pos) && k(pos)
        case .capture(let index, let sub):
            let (old0, old1) = (caps[2 * index], caps[2 * index + 1])
            caps[2 * index] = pos
            let ok = match(sub, pos) { end in
                let saved = caps[2 * index + 1]
                caps[2 * index + 1] = end
                if k(end) { return true }
                caps[2 * index + 1] = saved
                return false
            }
            if ok { return true }
            (caps[2 * index], caps[2 * index + 1]) = (old0, old1)
            return false
        case .concat(let nodes):
            return sequence(nodes[...], pos, k)
        case .alternate(let nodes):
            for n in nodes where match(n, pos, k) { return true }
            return false
        case .repetition(let sub, let min, let max, let greedy, _):
            return repetition(sub, min, max, greedy, 0, pos, k)
        }
    }

    private func sequence(_ nodes: ArraySlice<RE2Node>, _ pos: Int, _ k: (Int) -> Bool) -> Bool {
        guard let first = nodes.first else { return k(pos) }
        return match(first, pos) { sequence(nodes.dropFirst(), $0, k) }
    }

    private func repetition(
        _ sub: RE2Node, _ min: Int, _ max: Int, _ greedy: Bool, _ count: Int, _ pos: Int, _ k: (Int) -> Bool
    ) -> Bool {
        if count < min { return match(sub, pos) { repetition(sub, min, max, greedy, count + 1, $0, k) } }
        if max != -1 && count >= max { return k(pos) }
        // An unbounded loop stops on an empty iteration (never reached with consuming bodies).
        func more() -> Bool {
            match(sub, pos) { $0 != pos || max != -1 ? repetition(sub, min, max, greedy, count + 1, $0, k) : false }
        }
        return greedy ? (more() || k(pos)) : (k(pos) || more())
    }

    /// Go-style offsets of the leftmost-first match at or after `from`.
    func search(_ root: RE2Node, from: Int) -> [Int]? {
        for start in from...input.count {
            for i in caps.indices { caps[i] = -1 }
            caps[0] = start
            var result: [Int]?
            if match(root, start, { end in
                caps[1] = end
                result = caps
                return true
            }) {
                return result
            }
        }
        return nil
    }

    /// Go's FindAll loop over ``search(_:from:)``.
    func all(_ root: RE2Node) -> [[Int]] {
        var result: [[Int]] = []
        var pos = 0
        var previousEnd = -1
        while pos <= input.count, let m = search(root, from: pos) {
            var accept = true
            if m[1] == pos {
                if m[0] == previousEnd { accept = false }
                pos += 1
            } else {
                pos = m[1]
            }
            previousEnd = m[1]
            if accept { result.append(m) }
        }
        return result
    }
}

/// SplitMix64: a small deterministic generator, so failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random patterns over `a`, `b`, newline; loop bodies never match empty.
struct PatternGenerator {
    var rng: SeededGenerator

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &rng)] }

    /// A pattern piece; `consumes` forces it to match at least one scalar.
    mutating func piece(depth: Int, consumes: Bool) -> String {
        let atoms = ["a", "b", ".", "[ab]", "[^a]", "\\n", "(?i:A)", "\\w", "[a\\n]"]
        let assertions = ["^", "$", "\\b", "\\B", "(?m:^)", "(?m:$)", "\\A", "\\z"]
        if depth <= 0 { return pick(atoms) }
        switch Int.random(in: 0..<10, using: &rng) {
        case 0, 1:
            return pick(atoms)
        case 2:
            return consumes ? pick(atoms) + pick(assertions) : pick(assertions)
        case 3, 4:
            let a = piece(depth: depth - 1, consumes: false)
            let b = piece(depth: depth - 1, consumes: consumes)
            return a + b
        case 5:
            let a = piece(depth: depth - 1, consumes: consumes)
            let b = piece(depth: depth - 1, consumes: consumes)
            return "(?:\(a)|\(b))"
        case 6:
            return "(\(piece(depth: depth - 1, consumes: consumes)))"
        case 7:
            let body = piece(depth: depth - 1, consumes: true)
            return "(\(body))" + (consumes ? pick(["+", "+?", "{2,}", "{1,}?"]) : pick(["*", "+", "*?", "+?", "{2,}", "{1,}?"]))
        case 8:
            let body = piece(depth: depth - 1, consumes: consumes)
            let op = pick(["?", "??", "{2}", "{1,2}", "{0,2}?", "{2,3}"])
            return consumes && op.hasPrefix("?") || op.hasPrefix("{0") ? "(\(body))\(op)" + pick(atoms) : "(?:\(body))\(op)"
        default:
            let a = piece(depth: depth - 1, consumes: consumes)
            return consumes ? "(\(a)|\(pick(atoms)))" : "(\(a)|)"
        }
    }

    mutating func input() -> String {
        let length = Int.random(in: 0...7, using: &rng)
        return String((0..<length).map { _ in pick(["a", "b", "a", "\n", "A", "_"]) })
    }
}

@Test(arguments: 0..<8)
func pikeVMAgreesWithBacktrackingOracle(seed: Int) throws {
    var generator = PatternGenerator(rng: SeededGenerator(state: UInt64(seed) &* 7919))
    var checked = 0
    for _ in 0..<150 {
        let pattern = generator.piece(depth: 4, consumes: false)
        var parser = RE2Parser(pattern)
        let root = try parser.parse()
        #expect(!hasNullableLoop(root), "generator made a nullable loop: \(pattern.debugDescription)")
        let re = try RE2Regex(pattern)
        for _ in 0..<6 {
            let input = generator.input()
            let oracle = BacktrackingOracle(input: input, groupCount: parser.captureCount + 1)
            let expected = oracle.search(root, from: 0)
            let actual = re.firstMatch(in: input).map { offsets($0, in: input) }
            #expect(actual == expected, "pattern \(pattern.debugDescription) input \(input.debugDescription)")
            #expect(re.matches(input) == (expected != nil), "pattern \(pattern.debugDescription)")
            let all = re.allMatches(in: input).map { offsets($0, in: input) }
            #expect(all == oracle.all(root), "allMatches: pattern \(pattern.debugDescription) input \(input.debugDescription)")
            checked += 1
        }
    }
    #expect(checked == 900)
}

/// Whether an unbounded loop in `node` has a body that can match empty (where the oracle's
/// empty-iteration rule and RE2's differ).
func hasNullableLoop(_ node: RE2Node) -> Bool {
    switch node {
    case .empty, .literal, .charClass, .assertion: return false
    case .capture(_, let sub): return hasNullableLoop(sub)
    case .repetition(let sub, _, let max, _, _): return (max == -1 && sub.isNullable) || hasNullableLoop(sub)
    case .concat(let nodes), .alternate(let nodes): return nodes.contains(where: hasNullableLoop)
    }
}
