/// A regular expression with RE2 syntax and semantics, matched in linear time.
///
/// Patterns are parsed as Go's `regexp` parses them (Perl classes, Unicode classes, no
/// backreferences or lookaround), compiled to an NFA program and run by a Pike VM, so matching
/// never backtracks: `(a*)*b` against 30,000 `a`s takes as long as any other search. Matching
/// works on Unicode scalars and alternation is leftmost-first, as in RE2 and Go.
///
/// ```swift
/// let re = try RE2Regex(#"^(?P<user>[a-z]+)@example\.com$"#)
/// re.matches("ops@example.com")  // true
/// ```
public struct RE2Regex: Sendable {
    /// The pattern text this regex was created from.
    public let pattern: String
    let program: RE2Program
    /// Names of the capture groups by number (`nil` for unnamed groups and group 0).
    let groupNames: [String?]

    /// Parses and compiles `pattern`.
    ///
    /// - Throws: ``RE2Error`` for syntax RE2 rejects (`\1`, `(?=`, `a**`, `a{1001}`, `\q`, …)
    ///   and for patterns whose program would exceed 100,000 instructions.
    public init(_ pattern: String) throws(RE2Error) {
        var parser = RE2Parser(pattern)
        let node = try parser.parse()
        self.pattern = pattern
        self.groupNames = parser.captureNames
        self.program = try RE2Compiler.compile(node, groupCount: parser.captureCount + 1, pattern: pattern)
    }

    /// Parses and compiles a pattern given as UTF-8 bytes, rejecting invalid UTF-8 as RE2 does.
    ///
    /// - Throws: ``RE2Error`` `invalid UTF-8` for malformed bytes, else as ``init(_:)``.
    public init(utf8 bytes: [UInt8]) throws(RE2Error) {
        var text = String.UnicodeScalarView()
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                text.append(scalar)
                offset += UTF8.width(scalar)
            case .emptyInput:
                break loop
            case .error:
                throw RE2Error(.invalidUTF8, "byte \(offset)")
            }
        }
        try self.init(String(text))
    }

    /// The number of capture groups in the pattern, not counting the whole match.
    public var groupCount: Int { program.groupCount - 1 }

    private static func scalars(of s: String) -> [UInt32] {
        var result: [UInt32] = []
        result.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars { result.append(scalar.value) }
        return result
    }

    private static func indices(of s: String) -> [String.Index] {
        var result = Array(s.unicodeScalars.indices)
        result.append(s.unicodeScalars.endIndex)
        return result
    }

    /// Whether the pattern matches anywhere in `s` (RE2's `PartialMatch`, CEL's `matches`).
    public func matches(_ s: String) -> Bool {
        RE2PikeVM(program: program, input: Self.scalars(of: s), captures: false).search(from: 0)
    }

    /// The leftmost-first match in `s`, with its capture groups, or nil.
    public func firstMatch(in s: String) -> RE2Match? {
        let vm = RE2PikeVM(program: program, input: Self.scalars(of: s), captures: true)
        guard vm.search(from: 0) else { return nil }
        return Self.match(vm.matchCaps, Self.indices(of: s))
    }

    /// Successive non-overlapping matches, as Go's `FindAllStringSubmatchIndex`: an empty match
    /// right after the previous match is skipped. `limit < 0` means all matches.
    public func allMatches(in s: String, limit: Int = -1) -> [RE2Match] {
        if limit == 0 { return [] }
        let input = Self.scalars(of: s)
        let vm = RE2PikeVM(program: program, input: input, captures: true)
        var offsets: [[Int]] = []
        var pos = 0
        var previousEnd = -1
        while pos <= input.count && (limit < 0 || offsets.count < limit) {
            guard vm.search(from: pos) else { break }
            let caps = vm.matchCaps
            var accept = true
            if caps[1] == pos {
                // An empty match: not allowed right after the previous match; move on one scalar.
                if caps[0] == previousEnd { accept = false }
                pos += 1
            } else {
                pos = caps[1]
            }
            previousEnd = caps[1]
            if accept { offsets.append(caps) }
        }
        if offsets.isEmpty { return [] }
        let indices = Self.indices(of: s)
        return offsets.map { Self.match($0, indices) }
    }

    private static func match(_ caps: [Int], _ indices: [String.Index]) -> RE2Match {
        var groups: [Range<String.Index>?] = []
        groups.reserveCapacity(caps.count / 2)
        var i = 0
        while i + 1 < caps.count {
            let lo = caps[i]
            let hi = caps[i + 1]
            groups.append(lo >= 0 && hi >= lo ? indices[lo]..<indices[hi] : nil)
            i += 2
        }
        let whole = groups.first.flatMap { $0 } ?? indices[0]..<indices[0]
        return RE2Match(range: whole, groups: groups)
    }
}
