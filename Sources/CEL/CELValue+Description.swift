import Graph

extension CELValue: CustomStringConvertible {
    /// The value in CEL literal syntax: `3`, `3u`, `3.0`, `"s"`, `b"\x00"`, `[1, 2]`,
    /// `{"a": 1}` (keys sorted), `null`, `int`, `duration("1s")`, `optional.of(1)`.
    public var description: String {
        var out = ""
        write(to: &out)
        return out
    }

    func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .uint(let u): out += "\(u)u"
        case .double(let d): out += CELValue.doubleLiteral(d)
        case .string(let s): CELValue.quote(s, into: &out)
        case .bytes(let b):
            out += "b\""
            for byte in b {
                switch byte {
                case UInt8(ascii: "\""): out += "\\\""
                case UInt8(ascii: "\\"): out += "\\\\"
                case 0x20..<0x7f: out.unicodeScalars.append(Unicode.Scalar(byte))
                default:
                    let hex = String(byte, radix: 16)
                    out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
                }
            }
            out += "\""
        case .list(let l):
            out += "["
            var first = true
            for v in l {
                if !first { out += ", " }
                first = false
                v.write(to: &out)
            }
            out += "]"
        case .map(let m):
            out += "{"
            var first = true
            for k in m.keys.sorted() {
                if !first { out += ", " }
                first = false
                k.value.write(to: &out)
                out += ": "
                (m[k] ?? .null).write(to: &out)
            }
            out += "}"
        case .timestamp(let t): out += "timestamp(\"\(t.text)\")"
        case .duration(let d): out += "duration(\"\(d.text)\")"
        case .type(let t): out += t.name
        case .optional(let v):
            if let v {
                out += "optional.of("
                v.write(to: &out)
                out += ")"
            } else {
                out += "optional.none()"
            }
        case .opaque(let o): out += o.value.description
        case .unknown(let u): out += "unknown(\(u.attributes.joined(separator: ", ")))"
        }
    }

    static func doubleLiteral(_ d: Double) -> String {
        if d.isNaN { return "double(\"NaN\")" }
        if d.isInfinite { return d < 0 ? "double(\"-Infinity\")" : "double(\"Infinity\")" }
        let s = d.description
        if s.contains("e") && !s.contains(".") {
            // 1e+100 → 1.0e+100 is not needed: CEL accepts 1e+100 as a double literal.
            return s
        }
        return s
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if c.value < 0x20 || c.value == 0x7f {
                    let hex = String(c.value, radix: 16)
                    out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        out += "\""
    }

    /// Formats a double as CEL's `string()` does (Go's `%g` with the shortest digits):
    /// `1`, `123.456`, `-0.0045`, `1e+100`, `-0`, `NaN`, `+Inf`.
    static func formatDouble(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Inf" : "+Inf" }
        if d == 0 { return d.sign == .minus ? "-0" : "0" }
        let (negative, digits, exp10) = shortestDigits(d)
        // exp10: value = 0.d1d2... × 10^exp10, so the decimal exponent is exp10 - 1.
        let exp = exp10 - 1
        var out = negative ? "-" : ""
        if exp < -4 || exp >= 6 {
            out.append(digits.first ?? "0")
            if digits.count > 1 { out += "." + digits.dropFirst() }
            out += exp < 0 ? "e-" : "e+"
            let e = String(abs(exp))
            out += e.count < 2 ? "0" + e : e
            return out
        }
        if exp10 <= 0 {
            out += "0." + String(repeating: "0", count: -exp10) + digits
        } else if exp10 >= digits.count {
            out += digits + String(repeating: "0", count: exp10 - digits.count)
        } else {
            let idx = digits.index(digits.startIndex, offsetBy: exp10)
            out += digits[..<idx] + "." + digits[idx...]
        }
        return out
    }

    /// The shortest round-trip decimal digits of `d` and its exponent (value = 0.DIGITS × 10^exp).
    static func shortestDigits(_ d: Double) -> (Bool, String, Int) {
        let s = abs(d).description
        var mantissa = Substring(s)
        var exp = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = s[..<e]
            exp = Int(s[s.index(after: e)...]) ?? 0
        }
        var intPart = mantissa
        var fracPart: Substring = ""
        if let dot = mantissa.firstIndex(of: ".") {
            intPart = mantissa[..<dot]
            fracPart = mantissa[mantissa.index(after: dot)...]
        }
        var digits = String(intPart) + String(fracPart)
        var pointPos = intPart.count + exp
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            pointPos -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        return (d < 0, digits, pointPos)
    }
}
