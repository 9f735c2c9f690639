/// Compiles an ``RE2Node`` tree into an ``RE2Program`` (Thompson construction with patch lists).
struct RE2Compiler {
    /// A compiled piece: its entry and the dangling exits still to be patched.
    private struct Fragment {
        var start: Int32
        /// Exits encoded as `instruction * 2 + (0: out, 1: arg)`.
        var holes: [Int32]
        var nullable: Bool
    }

    private var program = RE2Program()
    private var classIndex: [[UInt32]: Int32] = [:]
    private let pattern: String

    init(pattern: String) {
        self.pattern = pattern
    }

    static func compile(_ node: RE2Node, groupCount: Int, pattern: String) throws(RE2Error) -> RE2Program {
        var compiler = RE2Compiler(pattern: pattern)
        let fragment = try compiler.compile(node)
        let match = try compiler.emit(.match)
        compiler.patch(fragment.holes, to: match)
        compiler.program.start = fragment.start
        compiler.program.groupCount = groupCount
        compiler.program.anchoredStart = node.isAnchoredAtStart
        compiler.program.threadInstCount = compiler.program.insts.reduce(0) {
            $0 + ($1.op == .match || $1.op == .rune1 || $1.op == .runeClass ? 1 : 0)
        }
        compiler.program.firstScalars = compiler.firstScalars()
        return compiler.program
    }

    /// The union of the classes reachable from the start without consuming input, or nil if an
    /// assertion or the match is reachable that way too.
    private func firstScalars() -> [UInt32]? {
        var seen = Set<Int32>()
        var stack = [program.start]
        var result = RE2CharClass()
        while let pc = stack.popLast() {
            guard seen.insert(pc).inserted else { continue }
            let inst = program.insts[Int(pc)]
            switch inst.op {
            case .fail: break
            case .match, .empty: return nil
            case .nop, .capture: stack.append(inst.out)
            case .alt: stack.append(contentsOf: [inst.out, inst.arg])
            case .rune1: result.add(UInt32(bitPattern: inst.arg))
            case .runeClass: result.add(bounds: program.classes[Int(inst.arg)])
            }
        }
        result.normalize()
        return result.bounds
    }

    private mutating func emit(_ op: RE2Program.Op, out: Int32 = -1, arg: Int32 = -1) throws(RE2Error) -> Int32 {
        if program.insts.count >= RE2Program.maxInstructions { throw RE2Error(.tooLarge, pattern) }
        program.insts.append(RE2Program.Inst(op: op, out: out, arg: arg))
        return Int32(program.insts.count - 1)
    }

    private mutating func patch(_ holes: [Int32], to target: Int32) {
        for hole in holes {
            let index = Int(hole >> 1)
            if hole & 1 == 0 { program.insts[index].out = target } else { program.insts[index].arg = target }
        }
    }

    private mutating func compile(_ node: RE2Node) throws(RE2Error) -> Fragment {
        switch node {
        case .empty:
            let i = try emit(.nop)
            return Fragment(start: i, holes: [i * 2], nullable: true)
        case .literal(let c):
            let i = try emit(.rune1, arg: Int32(bitPattern: c))
            return Fragment(start: i, holes: [i * 2], nullable: false)
        case .charClass(let cls):
            if cls.isEmpty {
                return Fragment(start: try emit(.fail), holes: [], nullable: false)
            }
            if let single = cls.singleScalar {
                let i = try emit(.rune1, arg: Int32(bitPattern: single))
                return Fragment(start: i, holes: [i * 2], nullable: false)
            }
            let index: Int32
            if let known = classIndex[cls.bounds] {
                index = known
            } else {
                index = Int32(program.classes.count)
                program.classes.append(cls.bounds)
                classIndex[cls.bounds] = index
            }
            let i = try emit(.runeClass, arg: index)
            return Fragment(start: i, holes: [i * 2], nullable: false)
        case .assertion(let a):
            let i = try emit(.empty, arg: Int32(a.rawValue))
            return Fragment(start: i, holes: [i * 2], nullable: true)
        case .capture(let index, let sub):
            let open = try emit(.capture, arg: Int32(2 * index))
            let body = try compile(sub)
            patch([open * 2], to: body.start)
            let close = try emit(.capture, arg: Int32(2 * index + 1))
            patch(body.holes, to: close)
            return Fragment(start: open, holes: [close * 2], nullable: body.nullable)
        case .concat(let nodes):
            var result: Fragment?
            for n in nodes { result = link(result, try compile(n)) }
            if let result { return result }
            return try compile(.empty)
        case .alternate(let nodes):
            var fragments: [Fragment] = []
            for n in nodes { fragments.append(try compile(n)) }
            guard var result = fragments.popLast() else { return try compile(.empty) }
            while let f = fragments.popLast() {
                let a = try emit(.alt, out: f.start, arg: result.start)
                result = Fragment(start: a, holes: f.holes + result.holes, nullable: f.nullable || result.nullable)
            }
            return result
        case .repetition(let sub, let min, let max, let greedy, _):
            return try repetition(sub, min: min, max: max, greedy: greedy)
        }
    }

    private mutating func link(_ first: Fragment?, _ next: Fragment) -> Fragment {
        guard let first else { return next }
        patch(first.holes, to: next.start)
        return Fragment(start: first.start, holes: next.holes, nullable: first.nullable && next.nullable)
    }

    private mutating func repetition(_ sub: RE2Node, min: Int, max: Int, greedy: Bool) throws(RE2Error) -> Fragment {
        switch (min, max) {
        case (0, -1): return try star(compile(sub), greedy: greedy)
        case (1, -1): return try plus(compile(sub), greedy: greedy)
        case (0, 1): return try quest(compile(sub), greedy: greedy)
        case (0, 0): return try compile(.empty)
        default: break
        }
        // As in Go's simplify: x{n,} is n-1 copies and x+; x{n,m} is n copies and nested (x(x)?)?.
        var result: Fragment?
        if max == -1 {
            for _ in 0..<(min - 1) { result = link(result, try compile(sub)) }
            result = link(result, try plus(compile(sub), greedy: greedy))
        } else {
            for _ in 0..<min { result = link(result, try compile(sub)) }
            if max > min { result = link(result, try optionalChain(sub, count: max - min, greedy: greedy)) }
        }
        if let result { return result }
        return try compile(.empty)
    }

    /// `(x(x(x)?)?)?` with `count` copies of x.
    private mutating func optionalChain(_ sub: RE2Node, count: Int, greedy: Bool) throws(RE2Error) -> Fragment {
        // Build the copies first, then nest from the innermost outwards.
        var copies: [Fragment] = []
        for _ in 0..<count { copies.append(try compile(sub)) }
        guard var inner = copies.popLast() else { return try compile(.empty) }
        inner = try quest(inner, greedy: greedy)
        while let x = copies.popLast() {
            patch(x.holes, to: inner.start)
            let chained = Fragment(start: x.start, holes: inner.holes, nullable: x.nullable)
            inner = try quest(chained, greedy: greedy)
        }
        return inner
    }

    private mutating func quest(_ f: Fragment, greedy: Bool) throws(RE2Error) -> Fragment {
        if greedy {
            let a = try emit(.alt, out: f.start)
            return Fragment(start: a, holes: f.holes + [a * 2 + 1], nullable: true)
        }
        let a = try emit(.alt, arg: f.start)
        return Fragment(start: a, holes: f.holes + [a * 2], nullable: true)
    }

    private mutating func plus(_ f: Fragment, greedy: Bool) throws(RE2Error) -> Fragment {
        let a: Int32
        let hole: Int32
        if greedy {
            a = try emit(.alt, out: f.start)
            hole = a * 2 + 1
        } else {
            a = try emit(.alt, arg: f.start)
            hole = a * 2
        }
        patch(f.holes, to: a)
        return Fragment(start: f.start, holes: [hole], nullable: f.nullable)
    }

    private mutating func star(_ f: Fragment, greedy: Bool) throws(RE2Error) -> Fragment {
        // A nullable body compiles as (x+)? so that match priorities come out as in Go.
        if f.nullable { return try quest(plus(f, greedy: greedy), greedy: greedy) }
        let a: Int32
        let hole: Int32
        if greedy {
            a = try emit(.alt, out: f.start)
            hole = a * 2 + 1
        } else {
            a = try emit(.alt, arg: f.start)
            hole = a * 2
        }
        patch(f.holes, to: a)
        return Fragment(start: a, holes: [hole], nullable: true)
    }
}
