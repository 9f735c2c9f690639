/// Turns RE2 pattern text into an ``RE2Node`` tree, rejecting what RE2 rejects.
///
/// Iterative over an explicit stack of open groups, so deep nesting cannot overflow the call
/// stack; nesting deeper than ``maxHeight`` is an error, as in Go.
struct RE2Parser {
    struct Flags: Equatable {
        var foldCase = false
        var multiLine = false
        var dotNL = false
        var ungreedy = false
    }

    /// One open group (or the whole pattern, at the bottom of the stack).
    private struct Frame {
        var alternatives: [RE2Node] = []
        var items: [RE2Node] = []
        var itemHeights: [Int] = []
        /// The tallest item of the current alternative.
        var height = 0
        /// The tallest finished alternative.
        var alternativesHeight = 0
        var savedFlags: Flags
        var captureIndex: Int?
    }

    static let maxHeight = 1000
    static let maxRepeat = 1000

    private let text: [Unicode.Scalar]
    private var pos = 0
    private var flags = Flags()
    private var frames: [Frame] = []
    private(set) var captureCount = 0
    private(set) var captureNames: [String?] = [nil]

    init(_ pattern: String) {
        self.text = Array(pattern.unicodeScalars)
    }

    private func fragment(_ range: Range<Int>) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: text[max(0, range.lowerBound)..<min(text.count, range.upperBound)])
        return String(s)
    }

    private func peek(_ offset: Int = 0) -> UInt32? {
        pos + offset < text.count ? text[pos + offset].value : nil
    }

    private func at(_ i: Int) -> UInt32? { i < text.count ? text[i].value : nil }

    private var whole: String { fragment(0..<text.count) }

    // MARK: - Main loop

    mutating func parse() throws(RE2Error) -> RE2Node {
        frames = [Frame(savedFlags: flags, captureIndex: nil)]
        var lastRepeat: Int?
        while pos < text.count {
            let c = text[pos].value
            var thisRepeat: Int?
            switch c {
            case 0x28:  // (
                if peek(1) == 0x3F {  // ?
                    try parseGroupFlags()
                } else {
                    try openGroup(capture: nil)
                    pos += 1
                }
            case 0x7C:  // |
                let top = frames.count - 1
                frames[top].alternatives.append(Self.concat(frames[top].items))
                frames[top].alternativesHeight = max(frames[top].alternativesHeight, Self.concatHeight(frames[top]))
                frames[top].items.removeAll()
                frames[top].itemHeights.removeAll()
                frames[top].height = 0
                pos += 1
            case 0x29:  // )
                try closeGroup()
                pos += 1
            case 0x5E:  // ^
                try push(.assertion(flags.multiLine ? .beginLine : .beginText))
                pos += 1
            case 0x24:  // $
                try push(.assertion(flags.multiLine ? .endLine : .endText))
                pos += 1
            case 0x2E:  // .
                try push(.charClass(flags.dotNL ? .any : RE2CharClass(ranges: [(0, 9), (11, RE2CharClass.maxScalar)])))
                pos += 1
            case 0x5B:  // [
                try push(.charClass(parseClass()))
            case 0x2A, 0x2B, 0x3F:  // * + ?
                let start = pos
                pos += 1
                let (min, max) = c == 0x2A ? (0, -1) : c == 0x2B ? (1, -1) : (0, 1)
                try repeatLast(min: min, max: max, counted: false, start: start, lastRepeat: lastRepeat)
                thisRepeat = start
            case 0x7B:  // {
                let start = pos
                if let (min, max) = try parseBraces() {
                    try repeatLast(min: min, max: max, counted: true, start: start, lastRepeat: lastRepeat)
                    thisRepeat = start
                } else {
                    try pushLiteral(c)
                    pos += 1
                }
            case 0x5C:  // backslash
                try parseEscapeOutsideClass()
            default:
                try pushLiteral(c)
                pos += 1
            }
            lastRepeat = thisRepeat
        }
        if frames.count > 1 { throw RE2Error(.missingParen, whole) }
        let (node, height) = Self.finish(frames[0])
        try checkHeight(height)
        return node
    }

    // MARK: - Building

    private static func concat(_ items: [RE2Node]) -> RE2Node {
        switch items.count {
        case 0: return .empty
        case 1: return items[0]
        default: return .concat(items)
        }
    }

    /// The height of the current alternative's node, counted as Go counts tree height.
    private static func concatHeight(_ frame: Frame) -> Int {
        frame.items.count <= 1 ? max(1, frame.height) : frame.height + 1
    }

    private static func finish(_ frame: Frame) -> (RE2Node, Int) {
        let last = concat(frame.items)
        let height = concatHeight(frame)
        if frame.alternatives.isEmpty { return (last, height) }
        return (.alternate(frame.alternatives + [last]), max(height, frame.alternativesHeight) + 1)
    }

    private func checkHeight(_ height: Int) throws(RE2Error) {
        if height > Self.maxHeight { throw RE2Error(.nestingDepth, whole) }
    }

    private mutating func push(_ node: RE2Node, height: Int = 1) throws(RE2Error) {
        try checkHeight(height)
        let top = frames.count - 1
        frames[top].items.append(node)
        frames[top].itemHeights.append(height)
        frames[top].height = max(frames[top].height, height)
    }

    private mutating func pushLiteral(_ c: UInt32) throws(RE2Error) {
        if flags.foldCase {
            let orbit = RE2CaseFolding.orbit(of: c)
            if orbit.count > 1 {
                try push(.charClass(RE2CharClass(ranges: orbit.map { ($0, $0) })))
                return
            }
        }
        try push(.literal(c))
    }

    private mutating func openGroup(capture name: String?, isCapture: Bool = true, newFlags: Flags? = nil) throws(RE2Error) {
        if frames.count > Self.maxHeight { throw RE2Error(.nestingDepth, whole) }
        var index: Int?
        if isCapture {
            captureCount += 1
            captureNames.append(name)
            index = captureCount
        }
        frames.append(Frame(savedFlags: flags, captureIndex: index))
        if let newFlags { flags = newFlags }
    }

    private mutating func closeGroup() throws(RE2Error) {
        guard frames.count > 1, let frame = frames.popLast() else { throw RE2Error(.unexpectedParen, whole) }
        flags = frame.savedFlags
        var (node, height) = Self.finish(frame)
        if let index = frame.captureIndex {
            node = .capture(index: index, node: node)
            height += 1
        }
        try push(node, height: height)
    }

    private mutating func repeatLast(min: Int, max: Int, counted: Bool, start: Int, lastRepeat: Int?) throws(RE2Error) {
        var greedy = true
        if peek() == 0x3F {  // lazy ?
            pos += 1
            greedy = false
        }
        if let lastRepeat {
            throw RE2Error(.invalidRepeatOp, fragment(lastRepeat..<(greedy ? pos : pos - 1)))
        }
        if flags.ungreedy { greedy.toggle() }
        let top = frames.count - 1
        guard let sub = frames[top].items.popLast(), let subHeight = frames[top].itemHeights.popLast() else {
            throw RE2Error(.missingRepeatArgument, fragment(start..<pos))
        }
        let node = RE2Node.repetition(node: sub, min: min, max: max, greedy: greedy, counted: counted)
        if counted && (min >= 2 || max >= 2) && !node.repeatIsValid(Self.maxRepeat) {
            throw RE2Error(.invalidRepeatSize, fragment(start..<pos))
        }
        try push(node, height: subHeight + 1)
    }

    /// Parses `{n}`, `{n,}` or `{n,m}` at `pos`; nil (and `pos` unchanged) when it is a literal `{`.
    private mutating func parseBraces() throws(RE2Error) -> (Int, Int)? {
        let start = pos
        var p = pos + 1
        func number(_ p: inout Int) -> Int? {
            let begin = p
            var value = 0
            while let d = at(p), d >= 0x30 && d <= 0x39 {
                if value <= 1_000_000 { value = value * 10 + Int(d - 0x30) }
                p += 1
            }
            if p == begin { return nil }
            // Go disallows leading zeros: `{01}` is literal text.
            if p - begin >= 2 && at(begin) == 0x30 { return nil }
            return value
        }
        guard let min = number(&p) else { return nil }
        var max = min
        if at(p) == 0x2C {  // ,
            p += 1
            if at(p) == 0x7D {
                max = -1
            } else {
                guard let m = number(&p) else { return nil }
                max = m
            }
        }
        guard at(p) == 0x7D else { return nil }
        p += 1
        pos = p
        if min > Self.maxRepeat || max > Self.maxRepeat || (max >= 0 && min > max) {
            throw RE2Error(.invalidRepeatSize, fragment(start..<p))
        }
        return (min, max)
    }

    // MARK: - Groups and flags

    private mutating func parseGroupFlags() throws(RE2Error) {
        let start = pos
        var p = pos + 2
        var nameStart: Int?
        if at(p) == 0x50 && at(p + 1) == 0x3C {  // P<
            nameStart = p + 2
        } else if at(p) == 0x3C {  // <
            if at(p + 1) == 0x3D || at(p + 1) == 0x21 {  // (?<= (?<!
                throw RE2Error(.invalidPerlOp, fragment(start..<p + 2))
            }
            nameStart = p + 1
        }
        if let nameStart {
            var end = nameStart
            while let c = at(end), c != 0x3E { end += 1 }
            guard end < text.count else { throw RE2Error(.invalidNamedCapture, fragment(start..<text.count)) }
            let name = fragment(nameStart..<end)
            let valid = !name.isEmpty && name.unicodeScalars.allSatisfy {
                $0 == "_" || $0.properties.isAlphabetic || $0.properties.numericType == .decimal
            }
            guard valid else { throw RE2Error(.invalidNamedCapture, fragment(start..<end + 1)) }
            if captureNames.contains(name) { throw RE2Error(.duplicateNamedCapture, fragment(start..<end + 1)) }
            try openGroup(capture: name)
            pos = end + 1
            return
        }
        var newFlags = flags
        var negated = false
        var sawFlag = false
        while let c = at(p) {
            p += 1
            switch c {
            case 0x69: newFlags.foldCase = !negated  // i
            case 0x6D: newFlags.multiLine = !negated  // m
            case 0x73: newFlags.dotNL = !negated  // s
            case 0x55: newFlags.ungreedy = !negated  // U
            case 0x2D:  // -
                if negated { throw RE2Error(.invalidPerlOp, fragment(start..<p)) }
                negated = true
                sawFlag = false
                continue
            case 0x3A, 0x29:  // : )
                if negated && !sawFlag { throw RE2Error(.invalidPerlOp, fragment(start..<p)) }
                if c == 0x3A {
                    try openGroup(capture: nil, isCapture: false, newFlags: newFlags)
                } else {
                    flags = newFlags
                }
                pos = p
                return
            default:
                throw RE2Error(.invalidPerlOp, fragment(start..<p))
            }
            sawFlag = true
        }
        throw RE2Error(.invalidPerlOp, fragment(start..<p))
    }

    // MARK: - Escapes

    private mutating func parseEscapeOutsideClass() throws(RE2Error) {
        guard let c = peek(1) else { throw RE2Error(.trailingBackslash, "\\") }
        switch c {
        case 0x41:  // A
            try push(.assertion(.beginText))
            pos += 2
        case 0x7A:  // z
            try push(.assertion(.endText))
            pos += 2
        case 0x62:  // b
            try push(.assertion(.wordBoundary))
            pos += 2
        case 0x42:  // B
            try push(.assertion(.noWordBoundary))
            pos += 2
        case 0x51:  // Q
            var p = pos + 2
            while p < text.count && !(text[p] == "\\" && at(p + 1) == 0x45) {
                try pushLiteral(text[p].value)
                p += 1
            }
            pos = p < text.count ? p + 2 : p
        case 0x64, 0x44, 0x73, 0x53, 0x77, 0x57:  // d D s S w W
            var cls = RE2CharClass()
            appendPerlClass(c, to: &cls)
            cls.normalize()
            try push(.charClass(cls))
            pos += 2
        case 0x70, 0x50:  // p P
            var cls = RE2CharClass()
            try appendUnicodeClass(to: &cls)
            cls.normalize()
            try push(.charClass(cls))
        default:
            let scalar = try parseEscape()
            try pushLiteral(scalar)
        }
    }

    /// A single-scalar escape at `pos` (which holds the backslash); advances past it.
    private mutating func parseEscape() throws(RE2Error) -> UInt32 {
        let start = pos
        guard let c = peek(1) else { throw RE2Error(.trailingBackslash, "\\") }
        var p = pos + 2
        func invalid(_ end: Int) -> RE2Error { RE2Error(.invalidEscape, fragment(start..<end)) }
        func octal(_ v: UInt32?) -> UInt32? { v.flatMap { $0 >= 0x30 && $0 <= 0x37 ? $0 - 0x30 : nil } }
        func hex(_ v: UInt32?) -> UInt32? {
            guard let v else { return nil }
            switch v {
            case 0x30...0x39: return v - 0x30
            case 0x41...0x46: return v - 0x41 + 10
            case 0x61...0x66: return v - 0x61 + 10
            default: return nil
            }
        }
        switch c {
        case 0x31...0x37, 0x30:
            // \1-\7 alone would be a backreference; with another octal digit it is octal.
            if c != 0x30 && octal(at(p)) == nil { throw invalid(p) }
            var value = c - 0x30
            var digits = 1
            while digits < 3, let d = octal(at(p)) {
                value = value * 8 + d
                p += 1
                digits += 1
            }
            pos = p
            return value
        case 0x78:  // x
            if at(p) == 0x7B {  // {
                p += 1
                var value: UInt32 = 0
                var count = 0
                while let d = hex(at(p)) {
                    value = value * 16 + d
                    count += 1
                    p += 1
                    if value > RE2CharClass.maxScalar { throw invalid(p) }
                }
                guard count > 0, at(p) == 0x7D else { throw invalid(Swift.min(p + 1, text.count)) }
                pos = p + 1
                return value
            }
            guard let h1 = hex(at(p)), let h2 = hex(at(p + 1)) else { throw invalid(Swift.min(p + 2, text.count)) }
            pos = p + 2
            return h1 * 16 + h2
        case 0x61: pos = p; return 0x07  // a
        case 0x66: pos = p; return 0x0C  // f
        case 0x6E: pos = p; return 0x0A  // n
        case 0x72: pos = p; return 0x0D  // r
        case 0x74: pos = p; return 0x09  // t
        case 0x76: pos = p; return 0x0B  // v
        default:
            let isAlnum = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
            if c < 0x80 && !isAlnum {
                pos = p
                return c
            }
            throw invalid(p)
        }
    }

    /// Adds `\d \D \s \S \w \W` (by letter) to `cls`, folded under `(?i)` before negation.
    private func appendPerlClass(_ letter: UInt32, to cls: inout RE2CharClass) {
        let lower = letter | 0x20
        guard let base = RE2UnicodeTables.perlClass(lower) else { return }
        append(base, negated: letter != lower, to: &cls)
    }

    private func append(_ base: RE2CharClass, negated: Bool, to cls: inout RE2CharClass) {
        var set = flags.foldCase ? base.caseFolded() : base
        if negated { set = set.negated() }
        cls.add(set)
    }

    /// Parses `\pL`, `\p{Greek}`, `\P{^Lu}` at `pos`; advances past it.
    private mutating func appendUnicodeClass(to cls: inout RE2CharClass) throws(RE2Error) {
        let start = pos
        var negated = at(pos + 1) == 0x50  // P
        var name: String
        guard let first = at(pos + 2) else { throw RE2Error(.invalidCharRange, fragment(start..<text.count)) }
        var end: Int
        if first == 0x7B {  // {
            var close = pos + 3
            while let c = at(close), c != 0x7D { close += 1 }
            guard close < text.count else { throw RE2Error(.invalidCharRange, fragment(start..<text.count)) }
            name = fragment(pos + 3..<close)
            end = close + 1
        } else {
            name = fragment(pos + 2..<pos + 3)
            end = pos + 3
        }
        if name.hasPrefix("^") {
            negated.toggle()
            name.removeFirst()
        }
        guard let base = RE2UnicodeTables.unicodeClass(name) else {
            throw RE2Error(.invalidCharRange, fragment(start..<end))
        }
        append(base, negated: negated, to: &cls)
        pos = end
    }

    // MARK: - Classes

    /// Parses `[...]` at `pos`; advances past the closing bracket.
    private mutating func parseClass() throws(RE2Error) -> RE2CharClass {
        let start = pos
        pos += 1
        var negated = false
        if peek() == 0x5E {  // ^
            negated = true
            pos += 1
        }
        var cls = RE2CharClass()
        var first = true
        while let c = peek(), c != 0x5D || first {  // ]
            first = false
            if c == 0x5B && peek(1) == 0x3A {  // [:
                if try parsePOSIXClass(into: &cls) { continue }
            }
            if c == 0x5C, let e = peek(1) {
                switch e {
                case 0x64, 0x44, 0x73, 0x53, 0x77, 0x57:
                    appendPerlClass(e, to: &cls)
                    pos += 2
                    continue
                case 0x70, 0x50:
                    try appendUnicodeClass(to: &cls)
                    continue
                default:
                    break
                }
            }
            let rangeStart = pos
            let lo = try parseClassChar(classStart: start)
            var hi = lo
            if peek() == 0x2D, let next = peek(1), next != 0x5D {  // a-z, not a trailing -
                pos += 1
                hi = try parseClassChar(classStart: start)
                if hi < lo { throw RE2Error(.invalidCharRange, fragment(rangeStart..<pos)) }
            }
            var range = RE2CharClass()
            range.add(lo, hi)
            if flags.foldCase { range = range.caseFolded() }
            cls.add(range)
        }
        guard peek() != nil else { throw RE2Error(.missingBracket, fragment(start..<text.count)) }
        pos += 1
        cls.normalize()
        return negated ? cls.negated() : cls
    }

    private mutating func parseClassChar(classStart: Int) throws(RE2Error) -> UInt32 {
        guard let c = peek() else { throw RE2Error(.missingBracket, fragment(classStart..<text.count)) }
        if c == 0x5C { return try parseEscape() }
        pos += 1
        return c
    }

    /// Parses `[:alpha:]` or `[:^alpha:]` at `pos`; false (nothing consumed) if there is no `:]`.
    private mutating func parsePOSIXClass(into cls: inout RE2CharClass) throws(RE2Error) -> Bool {
        var end = pos + 2
        while end + 1 < text.count && !(text[end] == ":" && text[end + 1] == "]") { end += 1 }
        guard end + 1 < text.count else { return false }
        var name = fragment(pos + 2..<end)
        var negated = false
        if name.hasPrefix("^") {
            negated = true
            name.removeFirst()
        }
        guard let base = RE2UnicodeTables.posixClass(name) else {
            throw RE2Error(.invalidCharRange, fragment(pos..<end + 2))
        }
        append(base, negated: negated, to: &cls)
        pos = end + 2
        return true
    }
}
