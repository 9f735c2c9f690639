import Foundation

/// `string.format(list)`: `%s %d %f %e %b %o %x %X %%` with optional `.N` precision.
enum StringFormatter {
    static func format(_ f: String, _ args: [CELValue]) throws(CELError) -> String {
        let c = Array(f.unicodeScalars)
        var out = ""
        var i = 0
        var argIndex = 0
        while i < c.count {
            let ch = c[i]
            if ch != "%" {
                out.unicodeScalars.append(ch)
                i += 1
                continue
            }
            i += 1
            guard i < c.count else { throw CELError("could not parse formatting clause: missing verb") }
            if c[i] == "%" {
                out += "%"
                i += 1
                continue
            }
            var precision: Int?
            if c[i] == "." {
                i += 1
                var p = 0
                while i < c.count, c[i] >= "0" && c[i] <= "9" {
                    p = min(p * 10 + Int(c[i].value - 48), 1_000_000)
                    i += 1
                }
                guard p <= 1000 else { throw CELError("could not parse formatting clause: precision \(p) too large") }
                precision = p
            }
            guard i < c.count else { throw CELError("could not parse formatting clause: missing verb") }
            let verb = c[i]
            i += 1
            guard "sdfeboxX".unicodeScalars.contains(verb) else {
                throw CELError("could not parse formatting clause: unrecognized formatting clause \"\(verb)\"")
            }
            guard argIndex < args.count else { throw CELError("index \(argIndex) out of range") }
            let arg = args[argIndex]
            argIndex += 1
            out += try clause(verb, precision, arg)
        }
        return out
    }

    static func nonFinite(_ d: Double) -> String? {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        return nil
    }

    static func clause(_ verb: Unicode.Scalar, _ precision: Int?, _ arg: CELValue) throws(CELError) -> String {
        switch verb {
        case "s": return try plain(arg)
        case "d":
            switch arg {
            case .int(let i): return String(i)
            case .uint(let u): return String(u)
            case .double(let d) where !d.isFinite: return nonFinite(d) ?? ""
            default: throw CELError("error during formatting: decimal clause can only be used on integers, was given \(arg.typeName)")
            }
        case "f", "e":
            let d: Double
            switch arg {
            case .double(let x): d = x
            case .int(let x): d = Double(x)
            case .uint(let x): d = Double(x)
            default:
                let what = verb == "f" ? "fixed-point" : "scientific"
                throw CELError("error during formatting: \(what) clause can only be used on doubles, was given \(arg.typeName)")
            }
            if let s = nonFinite(d) { return s }
            return String(format: "%.\(precision ?? 6)\(verb)", d)
        case "b":
            switch arg {
            case .int(let i): return i < 0 ? "-" + String(i.magnitude, radix: 2) : String(i, radix: 2)
            case .uint(let u): return String(u, radix: 2)
            case .bool(let b): return b ? "1" : "0"
            default: throw CELError("error during formatting: only integers and bools can be formatted as binary, was given \(arg.typeName)")
            }
        case "o":
            switch arg {
            case .int(let i): return i < 0 ? "-" + String(i.magnitude, radix: 8) : String(i, radix: 8)
            case .uint(let u): return String(u, radix: 8)
            default: throw CELError("error during formatting: octal clause can only be used on integers, was given \(arg.typeName)")
            }
        default:  // x, X
            let upper = verb == "X"
            var s: String
            switch arg {
            case .int(let i): s = i < 0 ? "-" + String(i.magnitude, radix: 16) : String(i, radix: 16)
            case .uint(let u): s = String(u, radix: 16)
            case .string(let str): s = Array(str.utf8).map { hex2($0) }.joined()
            case .bytes(let b): s = b.map { hex2($0) }.joined()
            default:
                throw CELError("error during formatting: only integers, byte buffers, and strings can be formatted as hex, was given \(arg.typeName)")
            }
            if upper { s = s.uppercased() }
            return s
        }
    }

    static func hex2(_ b: UInt8) -> String {
        let h = String(b, radix: 16)
        return h.count < 2 ? "0" + h : h
    }

    /// `%s`: strings unquoted, containers with their elements formatted the same way.
    static func plain(_ v: CELValue) throws(CELError) -> String {
        switch v {
        case .string(let s): return s
        case .bytes(let b): return String(decoding: b, as: UTF8.self)
        case .double(let d): return nonFinite(d) ?? CELValue.formatDouble(d)
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .type(let t): return t.name
        case .timestamp(let t): return t.text
        case .duration(let d): return d.text
        case .list(let l):
            var parts: [String] = []
            for e in l { parts.append(try plain(e)) }
            return "[" + parts.joined(separator: ", ") + "]"
        case .map(let m):
            var parts: [(String, String)] = []
            for (k, e) in m.entries { parts.append((try plain(k.value), try plain(e))) }
            parts.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
            return "{" + parts.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
        case .optional(let o):
            guard let o else { return "optional.none()" }
            return "optional.of(\(try plain(o)))"
        case .opaque(let o): return o.value.text
        case .unknown: throw CELError("cannot format an unknown value")
        }
    }
}
