/// A CEL duration with nanosecond precision, within ±315,576,000,000 seconds (10,000 years).
public struct CELDuration: Sendable, Hashable, Comparable {
    /// Whole seconds (floor), so that `seconds * 1e9 + nanos` is the duration.
    public private(set) var seconds: Int64
    /// Nanoseconds in `0..<1_000_000_000`.
    public private(set) var nanos: Int32

    static let maxSeconds: Int64 = 315_576_000_000

    /// A duration of `seconds` plus `nanos` (any sign; normalized), range-checked.
    public init(seconds: Int64, nanos: Int64 = 0) throws(CELError) {
        guard let (s, n) = normalizedSecondsAndNanos(seconds, nanos) else { throw CELError("duration out of range") }
        self.seconds = s
        self.nanos = n
        // Allowed: -maxSeconds-0.999999999 ... maxSeconds+0.999999999 (measured as magnitude).
        if s > CELDuration.maxSeconds || (s < -CELDuration.maxSeconds && !(s == -CELDuration.maxSeconds - 1 && n > 0)) {
            throw CELError("duration out of range")
        }
    }

    /// True when negative.
    var isNegative: Bool { seconds < 0 }

    /// Total nanoseconds, or nil on 64-bit overflow.
    var totalNanos: Int64? {
        let (a, o1) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if o1 { return nil }
        let (b, o2) = a.addingReportingOverflow(Int64(nanos))
        return o2 ? nil : b
    }

    /// The sign and the magnitude as (seconds, nanos).
    var magnitude: (negative: Bool, seconds: Int64, nanos: Int64) {
        if seconds >= 0 { return (false, seconds, Int64(nanos)) }
        if nanos == 0 { return (true, -seconds, 0) }
        return (true, -(seconds + 1), 1_000_000_000 - Int64(nanos))
    }

    func adding(_ o: CELDuration) throws(CELError) -> CELDuration {
        let (s, ov) = seconds.addingReportingOverflow(o.seconds)
        if ov { throw CELError("duration out of range") }
        return try CELDuration(seconds: s, nanos: Int64(nanos) + Int64(o.nanos))
    }

    func negated() throws(CELError) -> CELDuration {
        try CELDuration(seconds: -seconds, nanos: -Int64(nanos))
    }

    /// Orders by length of time.
    public static func < (a: CELDuration, b: CELDuration) -> Bool {
        (a.seconds, a.nanos) < (b.seconds, b.nanos)
    }

    /// The protobuf JSON form: `"1.5s"`, `"-0.000000001s"`.
    var text: String {
        let m = magnitude
        var out = m.negative ? "-" : ""
        out += String(m.seconds)
        if m.nanos != 0 {
            var frac = String(m.nanos)
            frac = String(repeating: "0", count: 9 - frac.count) + frac
            while frac.hasSuffix("0") { frac.removeLast() }
            out += "." + frac
        }
        return out + "s"
    }

    private static func digit(_ c: Unicode.Scalar) -> Int64? {
        c.value >= 48 && c.value <= 57 ? Int64(c.value - 48) : nil
    }

    /// Parses Go-style durations: `"1h2m3.5s"`, `"-1.5ms"`, `"0"`, units h m s ms us µs ns.
    static func parse(_ text: String) throws(CELError) -> CELDuration {
        var chars = Array(text.unicodeScalars)
        let bad = CELError("invalid duration: \"\(text)\"")
        var negative = false
        if let f = chars.first, f == "-" || f == "+" {
            negative = f == "-"
            chars.removeFirst()
        }
        if chars.map(String.init).joined() == "0" { return try CELDuration(seconds: 0) }
        if chars.isEmpty { throw bad }
        // Accumulate in nanoseconds using (seconds, nanos) to keep range beyond Int64 ns.
        var totalSeconds: Int64 = 0
        var totalNanos: Int64 = 0
        var i = 0
        while i < chars.count {
            var intPart: Int64 = 0
            var sawDigit = false
            var fracDigits: [Int64] = []
            while i < chars.count, let d = digit(chars[i]) {
                let (m, o1) = intPart.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(d)
                if o1 || o2 { throw bad }
                intPart = a
                sawDigit = true
                i += 1
            }
            if i < chars.count && chars[i] == "." {
                i += 1
                while i < chars.count, let d = digit(chars[i]) {
                    fracDigits.append(d)
                    sawDigit = true
                    i += 1
                }
            }
            if !sawDigit { throw bad }
            var unit = ""
            while i < chars.count && !(chars[i] == "." || ("0"..."9").contains(chars[i])) {
                unit.unicodeScalars.append(chars[i])
                i += 1
            }
            let unitNanos: Int64
            switch unit {
            case "h": unitNanos = 3_600_000_000_000
            case "m": unitNanos = 60_000_000_000
            case "s": unitNanos = 1_000_000_000
            case "ms": unitNanos = 1_000_000
            case "us", "µs", "μs": unitNanos = 1_000
            case "ns": unitNanos = 1
            default: throw bad
            }
            // int part contribution
            let secPerUnit = unitNanos / 1_000_000_000
            if secPerUnit > 0 {
                let (s, o) = intPart.multipliedReportingOverflow(by: secPerUnit)
                if o { throw bad }
                let (t, o2) = totalSeconds.addingReportingOverflow(s)
                if o2 { throw bad }
                totalSeconds = t
            } else {
                let (n, o) = intPart.multipliedReportingOverflow(by: unitNanos)
                if o { throw bad }
                totalSeconds += n / 1_000_000_000
                totalNanos += n % 1_000_000_000
            }
            // fraction contribution, truncated to nanoseconds
            var scale = unitNanos
            var fracNanos: Int64 = 0
            var fracSecs: Int64 = 0
            for d in fracDigits {
                if scale % 10 != 0 && scale < 10 { break }
                scale /= 10
                let add = d * scale
                fracNanos += add % 1_000_000_000
                fracSecs += add / 1_000_000_000
            }
            totalSeconds += fracSecs
            totalNanos += fracNanos
            if totalSeconds > 2 * CELDuration.maxSeconds { throw CELError("duration out of range") }
        }
        totalSeconds += totalNanos / 1_000_000_000
        totalNanos %= 1_000_000_000
        if negative { return try CELDuration(seconds: -totalSeconds, nanos: -totalNanos) }
        return try CELDuration(seconds: totalSeconds, nanos: totalNanos)
    }
}

/// `seconds` plus `nanos` (any signs) as whole seconds (floor) and nanoseconds in
/// `0..<1_000_000_000`, or nil when the seconds overflow: the shared form of durations and
/// timestamps.
func normalizedSecondsAndNanos(_ seconds: Int64, _ nanos: Int64) -> (Int64, Int32)? {
    let carry = nanos / 1_000_000_000
    var n = nanos - carry * 1_000_000_000
    var (s, overflow) = seconds.addingReportingOverflow(carry)
    if overflow { return nil }
    if n < 0 {
        n += 1_000_000_000
        (s, overflow) = s.subtractingReportingOverflow(1)
        if overflow { return nil }
    }
    return (s, Int32(n))
}
