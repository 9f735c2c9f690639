import CEL
import Foundation
import TestSupport

/// One conformance case, decoded from `shared/conformance/cel/<file>.json`.
struct ConformanceCase: Sendable {
    var id: String
    var expr: String
    var container: String?
    var names: [String]
    var bindings: [String: CELValue]
    var expect: Expect

    enum Expect: Sendable {
        case value(CELValue)
        case error
        case unknown
    }
}

/// How a case went.
enum ConformanceResult: Equatable {
    case pass
    case fail(String)
    case parseError(String)
}

enum Conformance {
    static let directory = Fixtures.shared.appendingPathComponent("conformance/cel")

    static let tiers: [Int: [String]] = [
        1: ["basic", "comparisons", "logic", "macros", "lists", "string", "conversions", "integer_math", "fp_math", "plumbing", "parse", "fields"],
        2: ["timestamps", "string_ext", "unknowns"],
        3: ["optionals", "macros2", "bindings_ext", "dynamic", "namespace"],
        4: ["math_ext", "encoders_ext", "network_ext", "type_deduction"],
        5: ["block_ext"],  // "not planned" in the README; passes anyway (cel.block macros)
    ]

    static func tier(of file: String) -> Int? {
        tiers.first { $0.value.contains(file) }?.key
    }

    static var files: [String] {
        tiers.keys.sorted().flatMap { tiers[$0] ?? [] }
    }

    static func load(_ file: String) throws -> [ConformanceCase] {
        let data = try Data(contentsOf: directory.appendingPathComponent(file + ".json"))
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let tests = root["tests"] as? [[String: Any]]
        else { return [] }
        var out: [ConformanceCase] = []
        for t in tests {
            guard let id = t["id"] as? String, let expr = t["expr"] as? String, let expect = t["expect"] as? [String: Any] else { continue }
            var bindings: [String: CELValue] = [:]
            for (k, v) in (t["bindings"] as? [String: Any]) ?? [:] {
                bindings[k] = try decode(v)
            }
            let names = Array(((t["type_env"] as? [String: Any]) ?? [:]).keys) + Array(bindings.keys)
            let e: ConformanceCase.Expect
            if let v = expect["value"] {
                e = .value(try decode(v))
            } else if expect["unknown"] != nil {
                e = .unknown
            } else {
                e = .error
            }
            out.append(ConformanceCase(id: id, expr: expr, container: t["container"] as? String, names: names, bindings: bindings, expect: e))
        }
        return out
    }

    struct DecodeError: Error { var what: String }

    static func decode(_ any: Any) throws -> CELValue {
        guard let d = any as? [String: Any], let (kind, v) = d.first else { throw DecodeError(what: "\(any)") }
        switch kind {
        case "null": return .null
        case "bool": return .bool((v as? Bool) ?? false)
        case "int64":
            guard let s = v as? String, let i = Int64(s) else { throw DecodeError(what: "int64 \(v)") }
            return .int(i)
        case "uint64":
            guard let s = v as? String, let u = UInt64(s) else { throw DecodeError(what: "uint64 \(v)") }
            return .uint(u)
        case "double":
            if let s = v as? String {
                switch s {
                case "NaN": return .double(.nan)
                case "Infinity": return .double(.infinity)
                case "-Infinity": return .double(-.infinity)
                default: return .double(Double(s) ?? .nan)
                }
            }
            if let n = v as? NSNumber { return .double(n.doubleValue) }
            throw DecodeError(what: "double \(v)")
        case "string": return .string((v as? String) ?? "")
        case "bytes_b64":
            guard let s = v as? String, let data = Data(base64Encoded: s) else { throw DecodeError(what: "bytes \(v)") }
            return .bytes(Array(data))
        case "list":
            return .list(try ((v as? [Any]) ?? []).map(decode))
        case "map":
            var entries: [(CELMapKey, CELValue)] = []
            for e in (v as? [[String: Any]]) ?? [] {
                guard let k = e["key"], let val = e["value"] else { continue }
                let key: CELMapKey
                switch try decode(k) {
                case .bool(let b): key = .bool(b)
                case .int(let i): key = .int(i)
                case .uint(let u): key = .uint(u)
                case .string(let s): key = .string(s)
                default: throw DecodeError(what: "key \(k)")
                }
                entries.append((key, try decode(val)))
            }
            return .map(CELMap(entries))
        case "type": return .type(CELType((v as? String) ?? ""))
        case "duration":
            let env = CELEnvironment()
            let p = try CELProgram(compiling: "duration(\"\((v as? String) ?? "")\")", in: env)
            if case .value(let r) = p.evaluate(CELBindings()) { return r }
            throw DecodeError(what: "duration \(v)")
        case "timestamp":
            let env = CELEnvironment()
            let p = try CELProgram(compiling: "timestamp(\"\((v as? String) ?? "")\")", in: env)
            if case .value(let r) = p.evaluate(CELBindings()) { return r }
            throw DecodeError(what: "timestamp \(v)")
        default:
            throw DecodeError(what: kind)
        }
    }

    /// Structural equality as the conformance README prescribes (NaN matches NaN; int and
    /// uint are distinct; map entries compare regardless of order).
    static func same(_ a: CELValue, _ b: CELValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.uint(let x), .uint(let y)): return x == y
        case (.double(let x), .double(let y)): return (x.isNaN && y.isNaN) || x == y
        case (.string(let x), .string(let y)): return x.unicodeScalars.elementsEqual(y.unicodeScalars)
        case (.bytes(let x), .bytes(let y)): return x == y
        case (.list(let x), .list(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (.map(let x), .map(let y)):
            guard x.count == y.count else { return false }
            for k in x.keys {
                guard let xv = x[k], let yv = y[k], same(xv, yv) else { return false }
            }
            return true
        case (.type(let x), .type(let y)): return x == y
        case (.timestamp(let x), .timestamp(let y)): return x == y
        case (.duration(let x), .duration(let y)): return x == y
        case (.optional(let x), .optional(let y)):
            switch (x, y) {
            case (nil, nil): return true
            case (let p?, let q?): return same(p, q)
            default: return false
            }
        default: return false
        }
    }

    static func run(_ c: ConformanceCase) -> ConformanceResult {
        var env = CELEnvironment()
        if let container = c.container { env.container = container }
        for n in c.names { env.declare(variable: n) }
        let program: CELProgram
        do {
            program = try CELProgram(compiling: c.expr, in: env)
        } catch {
            return .parseError("\(error)")
        }
        var bindings = CELBindings()
        for (k, v) in c.bindings { bindings[k] = v }
        let outcome = program.evaluate(bindings)
        switch (c.expect, outcome) {
        case (.value(let want), .value(let got)):
            return same(want, got) ? .pass : .fail("want \(want), got \(got)")
        case (.value(let want), .error(let e)):
            return .fail("want \(want), got error: \(e)")
        case (.value(let want), .unknown(let a)):
            return .fail("want \(want), got unknown \(a)")
        case (.error, .error):
            return .pass
        case (.error, let o):
            return .fail("want error, got \(o)")
        case (.unknown, .unknown):
            return .pass
        case (.unknown, let o):
            return .fail("want unknown, got \(o)")
        }
    }
}
