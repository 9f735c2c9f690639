import Foundation

/// The standard functions and the registration of every extension library.
enum Stdlib {
    static func register(into env: inout CELEnvironment) {
        registerCore(into: &env)
        registerConversions(into: &env)
        TimeLib.register(into: &env)
        StringsLib.register(into: &env)
        OptionalLib.register(into: &env)
        MathLib.register(into: &env)
        KubernetesLib.register(into: &env)
        EncodersLib.register(into: &env)
        NetworkLib.register(into: &env)
    }

    static func string(_ v: CELValue, _ fn: String) throws(CELError) -> String {
        guard case .string(let s) = v else { throw CELError.noOverload(fn, v) }
        return s
    }

    static func utf8Contains(_ s: String, _ t: String) -> Bool {
        let a = Array(s.utf8)
        let b = Array(t.utf8)
        if b.isEmpty { return true }
        if b.count > a.count { return false }
        for i in 0...(a.count - b.count) where a[i] == b[0] {
            if a[i..<(i + b.count)].elementsEqual(b) { return true }
        }
        return false
    }

    static func registerCore(into env: inout CELEnvironment) {
        env.unary("size", receiver: true) { v throws(CELError) in
            switch v {
            case .string(let s): return .int(Int64(s.unicodeScalars.count))
            case .bytes(let b): return .int(Int64(b.count))
            case .list(let l): return .int(Int64(l.count))
            case .map(let m): return .int(Int64(m.count))
            default: throw CELError.noOverload("size", v)
            }
        }
        env.binary("contains", receiver: true, global: false) { a, b throws(CELError) in
            .bool(utf8Contains(try string(a, "contains"), try string(b, "contains")))
        }
        env.binary("startsWith", receiver: true, global: false) { a, b throws(CELError) in
            .bool(try string(a, "startsWith").utf8.starts(with: try string(b, "startsWith").utf8))
        }
        env.binary("endsWith", receiver: true, global: false) { a, b throws(CELError) in
            .bool(try string(a, "endsWith").utf8.reversed().starts(with: try string(b, "endsWith").utf8.reversed()))
        }
        env.binary("matches", receiver: true) { a, b throws(CELError) in
            let s = try string(a, "matches")
            let re = try CELRegex.compile(try string(b, "matches"))
            return .bool(re.matches(s))
        }
        env.unary("type") { v in .type(v.celType) }
        env.unary("dyn") { v in v }
        env.unary("@not_strictly_false", strict: false) { v in
            if case .bool(false) = v { return .bool(false) }
            return .bool(true)
        }
    }

    static func registerConversions(into env: inout CELEnvironment) {
        env.unary("int") { v throws(CELError) in
            switch v {
            case .int: return v
            case .uint(let u):
                guard u <= UInt64(Int64.max) else { throw CELError("range error: int(\(u)u)") }
                return .int(Int64(u))
            case .double(let d):
                guard d > -9.223372036854775808e18 && d < 9.223372036854775808e18 else {
                    throw CELError("range error: int(\(d))")
                }
                return .int(Int64(d))
            case .string(let s):
                guard let i = Int64(s) else { throw CELError("cannot convert string '\(s)' to int") }
                return .int(i)
            case .timestamp(let t): return .int(t.seconds)
            default: throw CELError.noOverload("int", v)
            }
        }
        env.unary("uint") { v throws(CELError) in
            switch v {
            case .uint: return v
            case .int(let i):
                guard i >= 0 else { throw CELError("range error: uint(\(i))") }
                return .uint(UInt64(i))
            case .double(let d):
                guard d > -1 && d < 1.8446744073709551616e19 else { throw CELError("range error: uint(\(d))") }
                return .uint(UInt64(d))
            case .string(let s):
                guard let u = UInt64(s) else { throw CELError("cannot convert string '\(s)' to uint") }
                return .uint(u)
            default: throw CELError.noOverload("uint", v)
            }
        }
        env.unary("double") { v throws(CELError) in
            switch v {
            case .double: return v
            case .int(let i): return .double(Double(i))
            case .uint(let u): return .double(Double(u))
            case .string(let s):
                guard let d = parseDouble(s) else { throw CELError("cannot convert string '\(s)' to double") }
                return .double(d)
            default: throw CELError.noOverload("double", v)
            }
        }
        env.unary("string") { v throws(CELError) in
            switch v {
            case .string: return v
            case .int(let i): return .string(String(i))
            case .uint(let u): return .string(String(u))
            case .double(let d): return .string(CELValue.formatDouble(d))
            case .bool(let b): return .string(b ? "true" : "false")
            case .bytes(let b):
                guard let s = String(validating: b, as: UTF8.self) else { throw CELError("invalid UTF-8 in bytes to string conversion") }
                return .string(s)
            case .timestamp(let t): return .string(t.text)
            case .duration(let d): return .string(d.text)
            case .opaque(let o): return .string(o.value.text)
            default: throw CELError.noOverload("string", v)
            }
        }
        env.unary("bytes") { v throws(CELError) in
            switch v {
            case .bytes: return v
            case .string(let s): return .bytes(Array(s.utf8))
            default: throw CELError.noOverload("bytes", v)
            }
        }
        env.unary("bool") { v throws(CELError) in
            switch v {
            case .bool: return v
            case .string(let s):
                switch s {
                case "1", "t", "T", "TRUE", "true", "True": return .bool(true)
                case "0", "f", "F", "FALSE", "false", "False": return .bool(false)
                default: throw CELError("Type conversion error: cannot convert '\(s)' to bool")
                }
            default: throw CELError.noOverload("bool", v)
            }
        }
    }

    static func parseDouble(_ s: String) -> Double? {
        switch s.lowercased() {
        case "nan": return .nan
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default: break
        }
        guard let first = s.unicodeScalars.first, first == "-" || first == "+" || first == "." || ("0"..."9").contains(first) else { return nil }
        return Double(s)
    }
}

/// The regular-expression engine used by `matches` and the regex libraries (RE2 syntax,
/// linear time).
struct CELRegex: Sendable {
    let regex: RE2Regex

    static func compile(_ pattern: String) throws(CELError) -> CELRegex {
        do throws(RE2Error) {
            return CELRegex(regex: try RE2Regex(pattern))
        } catch {
            throw CELError("invalid regular expression: \(error.description)")
        }
    }

    func matches(_ s: String) -> Bool { regex.matches(s) }
    func firstMatch(in s: String) -> RE2Match? { regex.firstMatch(in: s) }
    func allMatches(in s: String, limit: Int = -1) -> [RE2Match] { regex.allMatches(in: s, limit: limit) }
}
