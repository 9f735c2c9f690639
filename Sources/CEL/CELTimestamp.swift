import Foundation

/// A CEL timestamp: an instant with nanosecond precision in years 0001 to 9999 (UTC).
public struct CELTimestamp: Sendable, Hashable, Comparable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public private(set) var seconds: Int64
    /// Nanoseconds in `0..<1_000_000_000`.
    public private(set) var nanos: Int32

    static let minSeconds: Int64 = -62_135_596_800
    static let maxSeconds: Int64 = 253_402_300_799

    /// The instant `seconds` plus `nanos` after the epoch (normalized), range-checked.
    public init(seconds: Int64, nanos: Int64 = 0) throws(CELError) {
        guard let (s, n) = normalizedSecondsAndNanos(seconds, nanos),
            s >= CELTimestamp.minSeconds && s <= CELTimestamp.maxSeconds
        else { throw CELError("timestamp out of range") }
        self.seconds = s
        self.nanos = n
    }

    /// Orders by instant.
    public static func < (a: CELTimestamp, b: CELTimestamp) -> Bool {
        (a.seconds, a.nanos) < (b.seconds, b.nanos)
    }

    func adding(_ d: CELDuration) throws(CELError) -> CELTimestamp {
        let (s, o) = seconds.addingReportingOverflow(d.seconds)
        if o { throw CELError("timestamp out of range") }
        return try CELTimestamp(seconds: s, nanos: Int64(nanos) + Int64(d.nanos))
    }

    func subtracting(_ d: CELDuration) throws(CELError) -> CELTimestamp {
        try adding(d.negated())
    }

    func difference(_ o: CELTimestamp) throws(CELError) -> CELDuration {
        // Like Go's time.Sub: the difference must fit in 64-bit nanoseconds.
        let d = try CELDuration(seconds: seconds - o.seconds, nanos: Int64(nanos) - Int64(o.nanos))
        guard d.totalNanos != nil else { throw CELError("timestamp difference out of range") }
        return d
    }

    // MARK: civil calendar

    /// Days since 1970-01-01 → (year, month 1-12, day 1-31).
    static func civil(fromDays z0: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    /// (year, month 1-12, day 1-31) → days since 1970-01-01.
    static func days(year y0: Int64, month m: Int64, day d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Parses RFC 3339: `2009-02-13T23:31:30.5Z`, `...+01:00`.
    static func parse(_ text: String) throws(CELError) -> CELTimestamp {
        let c = Array(text.utf8)
        let bad = CELError("invalid timestamp: \"\(text)\"")
        var i = 0
        func num(_ n: Int) throws(CELError) -> Int64 {
            guard i + n <= c.count else { throw bad }
            var v: Int64 = 0
            for k in 0..<n {
                let ch = c[i + k]
                guard ch >= 48 && ch <= 57 else { throw bad }
                v = v * 10 + Int64(ch - 48)
            }
            i += n
            return v
        }
        func expect(_ chars: String) throws(CELError) {
            guard i < c.count, chars.utf8.contains(c[i]) else { throw bad }
            i += 1
        }
        let year = try num(4)
        try expect("-")
        let month = try num(2)
        try expect("-")
        let day = try num(2)
        try expect("Tt")
        let hour = try num(2)
        try expect(":")
        let minute = try num(2)
        try expect(":")
        let second = try num(2)
        var nanos: Int64 = 0
        if i < c.count && c[i] == UInt8(ascii: ".") {
            i += 1
            var digits = 0
            while i < c.count && c[i] >= 48 && c[i] <= 57 {
                if digits < 9 { nanos = nanos * 10 + Int64(c[i] - 48) }
                digits += 1
                i += 1
            }
            if digits == 0 { throw bad }
            for _ in digits..<max(digits, 9) { nanos *= 10 }
        }
        var offset: Int64 = 0
        guard i < c.count else { throw bad }
        if c[i] == UInt8(ascii: "Z") || c[i] == UInt8(ascii: "z") {
            i += 1
        } else if c[i] == UInt8(ascii: "+") || c[i] == UInt8(ascii: "-") {
            let sign: Int64 = c[i] == UInt8(ascii: "-") ? -1 : 1
            i += 1
            let oh = try num(2)
            try expect(":")
            let om = try num(2)
            offset = sign * (oh * 3600 + om * 60)
        } else {
            throw bad
        }
        guard i == c.count, (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else {
            throw bad
        }
        if year < 1 { throw CELError("timestamp out of range") }
        let nextMonth = month == 12 ? CELTimestamp.days(year: year + 1, month: 1, day: 1) : CELTimestamp.days(year: year, month: month + 1, day: 1)
        guard day <= nextMonth - CELTimestamp.days(year: year, month: month, day: 1), second < 60 else { throw bad }
        let days = CELTimestamp.days(year: year, month: month, day: day)
        let secs = days * 86400 + hour * 3600 + minute * 60 + second - offset
        return try CELTimestamp(seconds: secs, nanos: nanos)
    }

    /// RFC 3339 in UTC with trailing fractional zeros dropped.
    var text: String {
        var d = seconds / 86400
        if d * 86400 > seconds { d -= 1 }
        let rem = seconds - d * 86400
        let (y, m, dd) = CELTimestamp.civil(fromDays: d)
        func pad(_ v: Int64, _ n: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        var out = "\(pad(y, 4))-\(pad(m, 2))-\(pad(dd, 2))T\(pad(rem / 3600, 2)):\(pad(rem / 60 % 60, 2)):\(pad(rem % 60, 2))"
        if nanos != 0 {
            var frac = pad(Int64(nanos), 9)
            while frac.hasSuffix("0") { frac.removeLast() }
            out += "." + frac
        }
        return out + "Z"
    }

    /// The local calendar fields in a time zone (`"UTC"`, `"America/New_York"`, `"+05:30"`).
    func fields(in zone: String?) throws(CELError) -> (year: Int64, month: Int64, day: Int64, dayOfYear: Int64, weekday: Int64, hour: Int64, minute: Int64, second: Int64) {
        var offset: Int64 = 0
        if let zone {
            offset = try CELTimestamp.offset(of: zone, at: seconds)
        }
        let local = seconds + offset
        var d = local / 86400
        if d * 86400 > local { d -= 1 }
        let rem = local - d * 86400
        let (y, m, dd) = CELTimestamp.civil(fromDays: d)
        let doy = d - CELTimestamp.days(year: y, month: 1, day: 1)
        var wd = (d + 4) % 7  // 1970-01-01 was a Thursday
        if wd < 0 { wd += 7 }
        return (y, m, dd, doy, wd, rem / 3600, rem / 60 % 60, rem % 60)
    }

    static func offset(of zone: String, at seconds: Int64) throws(CELError) -> Int64 {
        let z = Array(zone.utf8)
        if let f = z.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") || (f >= 48 && f <= 57) {
            var sign: Int64 = 1
            var rest = Substring(zone)
            if f == UInt8(ascii: "-") { sign = -1; rest = rest.dropFirst() } else if f == UInt8(ascii: "+") { rest = rest.dropFirst() }
            let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let h = Int64(parts[0]), let m = Int64(parts[1]), parts[0].count == 2, parts[1].count == 2 else {
                throw CELError("invalid time zone: \(zone)")
            }
            return sign * (h * 3600 + m * 60)
        }
        guard let tz = TimeZone(identifier: zone) else { throw CELError("invalid time zone: \(zone)") }
        return Int64(tz.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds))))
    }
}
