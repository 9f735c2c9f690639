import Foundation

/// The CEL strings extension: charAt, indexOf, lastIndexOf, lowerAscii, upperAscii, replace,
/// split, substring, trim, join, reverse, strings.quote and format.
enum StringsLib {
    typealias Scalars = [Unicode.Scalar]

    static func str(_ s: Scalars) -> String {
        var out = ""
        out.unicodeScalars.append(contentsOf: s)
        return out
    }

    static func scalars(_ v: CELValue, _ fn: String) throws(CELError) -> Scalars {
        guard case .string(let s) = v else { throw CELError.noOverload(fn, v) }
        return Array(s.unicodeScalars)
    }

    static func int(_ v: CELValue, _ fn: String) throws(CELError) -> Int {
        guard case .int(let i) = v else { throw CELError.noOverload(fn, v) }
        return Int(clamping: i)
    }

    static func find(_ s: Scalars, _ t: Scalars, from: Int) -> Int {
        if t.isEmpty { return from }
        if t.count > s.count { return -1 }
        var i = from
        while i + t.count <= s.count {
            if s[i] == t[0] && s[i..<(i + t.count)].elementsEqual(t) { return i }
            i += 1
        }
        return -1
    }

    static func findLast(_ s: Scalars, _ t: Scalars, from: Int) -> Int {
        var i = min(from, s.count - t.count)
        while i >= 0 {
            if s[i..<(i + t.count)].elementsEqual(t) { return i }
            i -= 1
        }
        return -1
    }

    static func register(into env: inout CELEnvironment) {
        env.binary("charAt", receiver: true, global: false) { a, b throws(CELError) in
            let s = try scalars(a, "charAt")
            let i = try int(b, "charAt")
            guard i >= 0 && i <= s.count else { throw CELError("index out of range: \(i)") }
            return .string(i == s.count ? "" : String(s[i]))
        }
        env.binary("indexOf", receiver: true, global: false) { a, b throws(CELError) in
            .int(Int64(find(try scalars(a, "indexOf"), try scalars(b, "indexOf"), from: 0)))
        }
        env.nary("indexOf", arity: 3, receiver: true, global: false) { args throws(CELError) in
            let s = try scalars(args[0], "indexOf")
            let t = try scalars(args[1], "indexOf")
            let i = try int(args[2], "indexOf")
            guard i >= 0 && i <= s.count else { throw CELError("index out of range: \(i)") }
            return .int(Int64(find(s, t, from: i)))
        }
        env.binary("lastIndexOf", receiver: true, global: false) { a, b throws(CELError) in
            let s = try scalars(a, "lastIndexOf")
            let t = try scalars(b, "lastIndexOf")
            return .int(Int64(findLast(s, t, from: s.count)))
        }
        env.nary("lastIndexOf", arity: 3, receiver: true, global: false) { args throws(CELError) in
            let s = try scalars(args[0], "lastIndexOf")
            let t = try scalars(args[1], "lastIndexOf")
            let i = try int(args[2], "lastIndexOf")
            guard i >= 0 && i <= s.count else { throw CELError("index out of range: \(i)") }
            return .int(Int64(findLast(s, t, from: i)))
        }
        env.unary("lowerAscii", receiver: true, global: false) { a throws(CELError) in
            .string(str(try scalars(a, "lowerAscii").map { $0 >= "A" && $0 <= "Z" ? Unicode.Scalar($0.value + 32) ?? $0 : $0 }))
        }
        env.unary("upperAscii", receiver: true, global: false) { a throws(CELError) in
            .string(str(try scalars(a, "upperAscii").map { $0 >= "a" && $0 <= "z" ? Unicode.Scalar($0.value - 32) ?? $0 : $0 }))
        }
        env.nary("replace", arity: 3, receiver: true, global: false) { args throws(CELError) in
            try replace(args[0], args[1], args[2], .int(-1))
        }
        env.nary("replace", arity: 4, receiver: true, global: false) { args throws(CELError) in
            try replace(args[0], args[1], args[2], args[3])
        }
        env.binary("split", receiver: true, global: false) { a, b throws(CELError) in
            try split(a, b, .int(-1))
        }
        env.nary("split", arity: 3, receiver: true, global: false) { args throws(CELError) in
            try split(args[0], args[1], args[2])
        }
        env.binary("substring", receiver: true, global: false) { a, b throws(CELError) in
            let s = try scalars(a, "substring")
            let i = try int(b, "substring")
            guard i >= 0 && i <= s.count else { throw CELError("index out of range: \(i)") }
            return .string(str(Array(s[i...])))
        }
        env.nary("substring", arity: 3, receiver: true, global: false) { args throws(CELError) in
            let s = try scalars(args[0], "substring")
            let i = try int(args[1], "substring")
            let j = try int(args[2], "substring")
            guard i >= 0 && i <= s.count else { throw CELError("index out of range: \(i)") }
            guard j >= 0 && j <= s.count else { throw CELError("index out of range: \(j)") }
            guard i <= j else { throw CELError("invalid substring range. start: \(i), end: \(j)") }
            return .string(str(Array(s[i..<j])))
        }
        env.unary("trim", receiver: true, global: false) { a throws(CELError) in
            var s = try scalars(a, "trim")[...]
            while let f = s.first, isSpace(f) { s.removeFirst() }
            while let l = s.last, isSpace(l) { s.removeLast() }
            return .string(str(Array(s)))
        }
        env.unary("join", receiver: true, global: false) { a throws(CELError) in try join(a, "") }
        env.binary("join", receiver: true, global: false) { a, b throws(CELError) in
            guard case .string(let sep) = b else { throw CELError.noOverload("join", a, b) }
            return try join(a, sep)
        }
        env.unary("reverse", receiver: true, global: false) { a throws(CELError) in
            .string(str(try scalars(a, "reverse").reversed()))
        }
        env.unary("strings.quote") { a throws(CELError) in
            .string(quote(try scalars(a, "strings.quote")))
        }
        env.binary("format", receiver: true, global: false) { a, b throws(CELError) in
            guard case .string(let f) = a, case .list(let args) = b else { throw CELError.noOverload("format", a, b) }
            return .string(try StringFormatter.format(f, args.values))
        }
    }

    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    static func replace(_ a: CELValue, _ b: CELValue, _ c: CELValue, _ d: CELValue) throws(CELError) -> CELValue {
        guard case .string = a, case .string = b, case .string = c, case .int(let n) = d else {
            throw CELError.noOverload("replace", [a, b, c, d])
        }
        let s = try scalars(a, "replace")
        let old = try scalars(b, "replace")
        let new = try scalars(c, "replace")
        var out: Scalars = []
        var i = 0
        var count: Int64 = 0
        while i <= s.count {
            if n >= 0 && count >= n { break }
            let j = find(s, old, from: i)
            if j < 0 { break }
            out.append(contentsOf: s[i..<j])
            out.append(contentsOf: new)
            count += 1
            if old.isEmpty {
                if j < s.count { out.append(s[j]) }
                i = j + 1
            } else {
                i = j + old.count
            }
        }
        if i < s.count { out.append(contentsOf: s[i...]) }
        return .string(str(out))
    }

    static func split(_ a: CELValue, _ b: CELValue, _ c: CELValue) throws(CELError) -> CELValue {
        guard case .string = a, case .string = b, case .int(let n) = c else {
            throw CELError.noOverload("split", [a, b, c])
        }
        let s = try scalars(a, "split")
        let sep = try scalars(b, "split")
        if n == 0 { return .list([]) }
        var parts: [CELValue] = []
        if sep.isEmpty {
            for (k, ch) in s.enumerated() {
                if n > 0 && parts.count == n - 1 {
                    parts.append(.string(str(Array(s[k...]))))
                    return .list(parts)
                }
                parts.append(.string(String(ch)))
            }
            return .list(parts)
        }
        var i = 0
        while true {
            if n > 0 && parts.count == n - 1 { break }
            let j = find(s, sep, from: i)
            if j < 0 { break }
            parts.append(.string(str(Array(s[i..<j]))))
            i = j + sep.count
        }
        parts.append(.string(str(Array(s[i...]))))
        return .list(parts)
    }

    static func join(_ a: CELValue, _ sep: String) throws(CELError) -> CELValue {
        guard case .list(let l) = a else { throw CELError.noOverload("join", a) }
        var parts: [String] = []
        for v in l {
            guard case .string(let s) = v else { throw CELError("join: list element is \(v.typeName), not string") }
            parts.append(s)
        }
        return .string(parts.joined(separator: sep))
    }

    static func quote(_ s: Scalars) -> String {
        var out = "\""
        for c in s {
            switch c {
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0B}": out += "\\v"
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            default:
                if c.value < 0x20 || c.value == 0x7f {
                    let h = String(c.value, radix: 16)
                    out += "\\x" + (h.count < 2 ? "0" + h : h)
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }
}
