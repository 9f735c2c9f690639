import CEL
import Foundation
import Graph
import Testing

/// Compiles and evaluates `source` with `resource` (and optional extra variables) bound.
func evaluate(_ source: String, resource: Graph.Value? = nil, limits: CELLimits = CELLimits()) -> CELOutcome {
    var env = CELEnvironment()
    env.declare(variable: "resource")
    do {
        let program = try CELProgram(compiling: source, in: env, limits: limits)
        var bindings = CELBindings()
        if let resource { bindings["resource"] = CELValue(resource) }
        return program.evaluate(bindings)
    } catch {
        return .error(error)
    }
}

func value(_ source: String, resource: Graph.Value? = nil) -> String {
    switch evaluate(source, resource: resource) {
    case .value(let v): return v.description
    case .error(let e): return "error: \(e)"
    case .unknown(let a): return "unknown(\(a.joined(separator: ", ")))"
    }
}

func compileError(_ source: String, limits: CELLimits = CELLimits()) -> CELError? {
    do {
        _ = try CELProgram(compiling: source, in: CELEnvironment(), limits: limits)
        return nil
    } catch {
        return error
    }
}

let kmsKey: Graph.Value = [
    "id": "aws_kms_key.main", "kind": "terraform/aws_kms_key",
    "enable_key_rotation": false, "kms_key_id": .unknown,
    "nested": ["k": .unknown, "known": 1],
    "list": [1, .unknown, ["deep": .unknown]],
    "tags": ["env": "prod"],
]

@Suite struct ParserTests {
    @Test func errorPositions() throws {
        let e = try #require(compileError("1 +"))
        #expect(e.line == 1 && e.column == 4)
        #expect(e.description.hasPrefix("1:4: "))
        let e2 = try #require(compileError("a &&\n  b.(c)"))
        #expect(e2.line == 2 && e2.column == 5)
        let e3 = try #require(compileError("'unterminated"))
        #expect(e3.line == 1 && e3.column == 1)
        let e4 = try #require(compileError("x.all(1, true)"))
        #expect(e4.message.contains("simple name"))
        let e5 = try #require(compileError("has(x)"))
        #expect(e5.message.contains("has"))
        #expect(CELError("plain").description == "plain")
    }

    @Test func reservedWordsAreFieldNamesOnly() {
        #expect(compileError("if") != nil)
        #expect(value("{'if': 1}.if") == "1")
        #expect(value("{'a.b': 1}.`a.b`") == "1")
    }

    @Test func literals() {
        #expect(value("-9223372036854775808") == "-9223372036854775808")
        #expect(compileError("9223372036854775808") != nil)
        #expect(value("0x1F + 1u") == "error: no such overload: _+_(int, uint)")
        #expect(value("0xFFu") == "255u")
        #expect(value("r'\\n' + '\\x41\\u00e9\\101'") == "\"\\\\nAéA\"")
        #expect(value("b'\\xff\\000'") == "b\"\\xff\\x00\"")
        #expect(value("'''a\nb'''") == "\"a\\nb\"")
    }
}

@Suite struct PrintingTests {
    @Test func celLiteralSyntax() {
        #expect(value("3") == "3")
        #expect(value("3u") == "3u")
        #expect(value("3.0") == "3.0")
        #expect(value("'s'") == "\"s\"")
        #expect(value("b'\\x00'") == "b\"\\x00\"")
        #expect(value("[1, 2]") == "[1, 2]")
        #expect(value("{'b': 2, 'a': 1}") == "{\"a\": 1, \"b\": 2}")
        #expect(value("null") == "null")
        #expect(value("int") == "int")
        #expect(value("type(1u)") == "uint")
        #expect(value("duration('1s')") == "duration(\"1s\")")
        #expect(value("duration('-1.5ms')") == "duration(\"-0.0015s\")")
        #expect(value("timestamp('2025-01-01T00:00:00Z')") == "timestamp(\"2025-01-01T00:00:00Z\")")
        #expect(value("optional.of(1)") == "optional.of(1)")
        #expect(value("optional.none()") == "optional.none()")
        #expect(value("{2: 'x', 1: 'y', true: 'z'}") == "{true: \"z\", 1: \"y\", 2: \"x\"}")
    }

    @Test func doubleToString() {
        #expect(value("string(1.0)") == "\"1\"")
        #expect(value("string(1e100)") == "\"1e+100\"")
        #expect(value("string(-0.0)") == "\"-0\"")
        #expect(value("string(123.456)") == "\"123.456\"")
        #expect(value("string(-4.5e-3)") == "\"-0.0045\"")
        #expect(value("string(0.00001)") == "\"1e-05\"")
    }

    @Test func graphValueRoundTrip() {
        let v = CELValue(kmsKey)
        #expect(v.graphValue == kmsKey)
        #expect(CELValue.uint(3).graphValue == .int(3))
        #expect(CELValue.bytes([1]).graphValue == nil)
    }
}

@Suite struct UnknownTests {
    @Test func propagation() {
        #expect(value("resource.kms_key_id == 'x'", resource: kmsKey) == "unknown(resource.kms_key_id)")
        #expect(value("resource.kms_key_id.size() > 0", resource: kmsKey) == "unknown(resource.kms_key_id)")
        #expect(value("resource.nested.k + 1", resource: kmsKey) == "unknown(resource.nested.k)")
        #expect(value("resource.list[1] == 1", resource: kmsKey) == "unknown(resource.list[1])")
        #expect(value("resource.list[2].deep", resource: kmsKey) == "unknown(resource.list[2].deep)")
        #expect(value("resource.kms_key_id == 'a' || resource.nested.k == 'b'", resource: kmsKey)
            == "unknown(resource.kms_key_id, resource.nested.k)")
        #expect(value("resource.list == [1, 2, {'deep': 3}]", resource: kmsKey) == "unknown(resource.list[1], resource.list[2].deep)")
        #expect(value("resource.list != [2, 2, {'deep': 3}]", resource: kmsKey) == "true")
        #expect(value("resource.nested == {'k': 1, 'known': 1}", resource: kmsKey) == "unknown(resource.nested.k)")
        #expect(value("[resource.kms_key_id, resource.nested.k]", resource: kmsKey) == "unknown(resource.kms_key_id, resource.nested.k)")
    }

    @Test func logicDecidesAnyway() {
        #expect(value("false && resource.kms_key_id == 'x'", resource: kmsKey) == "false")
        #expect(value("resource.kms_key_id == 'x' && false", resource: kmsKey) == "false")
        #expect(value("true || resource.kms_key_id == 'x'", resource: kmsKey) == "true")
        #expect(value("resource.kms_key_id == 'x' || true", resource: kmsKey) == "true")
        #expect(value("resource.enable_key_rotation && resource.kms_key_id != ''", resource: kmsKey) == "false")
        // Unknowns win over errors in && and ||.
        #expect(value("1/0 == 1 || resource.kms_key_id == 'x'", resource: kmsKey) == "unknown(resource.kms_key_id)")
        #expect(value("resource.kms_key_id == 'x' && 1/0 == 1", resource: kmsKey) == "unknown(resource.kms_key_id)")
    }

    @Test func presenceAndComprehensions() {
        #expect(value("has(resource.kms_key_id)", resource: kmsKey) == "true")
        #expect(value("has(resource.missing)", resource: kmsKey) == "false")
        #expect(value("resource.kms_key_id.all(x, x > 0)", resource: kmsKey) == "unknown(resource.kms_key_id)")
        #expect(value("resource.list.exists(x, x == 1)", resource: kmsKey) == "true")
        #expect(value("resource.list.all(x, x == 1)", resource: kmsKey) == "false")
        #expect(value("resource.list.map(x, x)", resource: kmsKey) == "unknown(resource.list[1])")
        #expect(value("resource.kms_key_id ? 1 : 2", resource: kmsKey) == "unknown(resource.kms_key_id)")
        #expect(value("resource.kms_key_id in ['a']", resource: kmsKey) == "unknown(resource.kms_key_id)")
    }

    @Test func outcomeAttributes() {
        guard case .unknown(let attrs) = evaluate("resource.nested.k == resource.kms_key_id || resource.kms_key_id == 1", resource: kmsKey) else {
            Issue.record("expected unknown")
            return
        }
        #expect(attrs == ["resource.kms_key_id", "resource.nested.k"])
    }
}

@Suite struct LimitTests {
    func isQuickError(_ source: String, limits: CELLimits = CELLimits(), _ needle: String) {
        let start = Date()
        let outcome = evaluate(source, limits: limits)
        let elapsed = Date().timeIntervalSince(start)
        guard case .error(let e) = outcome else {
            Issue.record("expected an error for \(source.prefix(60)), got \(outcome)")
            return
        }
        #expect(e.message.contains(needle), "\(e)")
        #expect(elapsed < 5, "took \(elapsed)s")
    }

    @Test func deepNesting() {
        isQuickError(String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000), "nested too deeply")
        isQuickError(String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000), "nested too deeply")
        isQuickError(String(repeating: "!", count: 10_000) + "true", "nested too deeply")
        isQuickError(String(repeating: "-", count: 10_000) + "1", "nested too deeply")
        isQuickError("1" + String(repeating: " + 1", count: 10_000), "nested too deeply")
        isQuickError(String(repeating: "a.", count: 10_000) + "b", "nested too deeply")
        #expect(value(String(repeating: "(", count: 100) + "7" + String(repeating: ")", count: 100)) == "7")
        isQuickError("cel.block([" + Array(repeating: "1", count: 5000).joined(separator: ", ") + "], 1)", "nested too deeply")
        // Close to the limit, evaluation recursion must still fit a secondary thread's stack.
        let deepList = String(repeating: "[", count: 120) + "1" + String(repeating: "]", count: 120)
        #expect(value("size(\(deepList))") == "1")
        let deepCalls = String(repeating: "int(", count: 120) + "1" + String(repeating: ")", count: 120)
        #expect(value(deepCalls) == "1")
        let deepNegation = String(repeating: "-(", count: 120) + "1" + String(repeating: ")", count: 120)
        #expect(value(deepNegation) == "1")
        var deepLoops = "1"
        for i in 1...40 { deepLoops = "[\(i)].map(x\(i), \(deepLoops))" }
        #expect(value("size(\(deepLoops))") == "1")
    }

    @Test func sourceLength() {
        var limits = CELLimits()
        limits.maxSourceLength = 1000
        isQuickError("[" + Array(repeating: "1", count: 1000).joined(separator: ",") + "]", limits: limits, "too long")
        isQuickError("'" + String(repeating: "x", count: 200_000) + "'", "too long")
    }

    @Test func evaluationCost() {
        var limits = CELLimits()
        limits.maxCost = 100_000
        var nested = "x0"
        for i in (1...10).reversed() { nested = "[1,2,3,4,5,6,7,8,9,10].map(x\(i), \(nested))" }
        nested = nested.replacingOccurrences(of: "(x0)", with: "(1)")
        isQuickError(nested.replacingOccurrences(of: ", x0)", with: ", 1)"), limits: limits, "cost limit")
        var doubling = "x"
        for _ in 0..<40 { doubling = "cel.bind(x, x + x, \(doubling))" }
        isQuickError("cel.bind(x, [1, 2, 3], \(doubling)).size()", limits: limits, "cost limit")
        isQuickError("cel.bind(x, 'abcdefgh', \(doubling)).size()", limits: limits, "cost limit")
    }

    @Test func pathologicalRegexIsLinear() {
        let start = Date()
        let s = String(repeating: "a", count: 5000)
        #expect(value("'\(s)'.matches('^(a+)+$')") == "true")
        #expect(value("'\(s)b'.matches('^(a|a)*$')") == "false")
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(value("'a'.matches('(?=a)')").hasPrefix("error"))
        #expect(value("'aa'.matches('(a)\\\\1')").hasPrefix("error"))
        #expect(value("'a'.matches('a{2,1}')").hasPrefix("error"))
    }
}

@Suite struct APITests {
    @Test func selectedPaths() throws {
        var env = CELEnvironment()
        env.declare(variable: "resource")
        let p = try CELProgram(compiling: "resource.a.b == 1 && has(resource.c)", in: env)
        #expect(p.selectedPaths(from: "resource") == [["a", "b"], ["c"]])
        let q = try CELProgram(compiling: "resource.list.exists(x, x.y) || resource['q'].r > 1 || other.z", in: env)
        #expect(q.selectedPaths(from: "resource") == [["list"], ["q", "r"]])
        #expect(q.source == "resource.list.exists(x, x.y) || resource['q'].r > 1 || other.z")
    }

    @Test func hostFunctions() throws {
        var env = CELEnvironment()
        env.declare(variable: "resource")
        env.register(function: "related", arity: 1) { args, bindings throws(CELError) in
            guard case .string(let kind) = args[0], let names = bindings.context as? [String] else { throw CELError("bad call") }
            return .list(names.filter { $0.hasPrefix(kind) }.map { CELValue.string($0) })
        }
        env.register(function: "aws.elbPolicy", arity: 1) { args, _ in
            .map(CELMap([(.string("name"), args[0]), (.string("tls13"), .bool(true))]))
        }
        env.register(function: "twice", receiver: true, arity: 1) { args, _ throws(CELError) in
            guard case .int(let i) = args[0] else { throw CELError("not an int") }
            return .int(i * 2)
        }
        let p = try CELProgram(compiling: "related('k/') == ['k/a'] && aws.elbPolicy('x').tls13 && 21.twice() == 42", in: env)
        var b = CELBindings()
        b.context = ["k/a", "m/b"]
        guard case .value(.bool(true)) = p.evaluate(b) else {
            Issue.record("\(p.evaluate(b))")
            return
        }
    }

    @Test func bindingsAreLazyAndQualified() throws {
        var members: [String: Graph.Value] = [:]
        for i in 0..<10_000 { members["k\(i)"] = .int(Int64(i)) }
        #expect(value("resource.k9999 + size(resource)", resource: .map(members)) == "19999")
        var env = CELEnvironment()
        env.declare(variable: "a.b")
        let p = try CELProgram(compiling: "a.b.c", in: env)
        var b = CELBindings()
        b["a.b"] = .map(CELMap([(.string("c"), .int(7))]))
        guard case .value(.int(7)) = p.evaluate(b) else {
            Issue.record("\(p.evaluate(b))")
            return
        }
    }

    @Test func undeclaredAndUnknownFunctions() {
        #expect(value("nope").hasPrefix("error: undeclared reference"))
        #expect(value("nope(1)").hasPrefix("error: unbound function"))
        #expect(value("nope(1) || true") == "true")
    }
}

@Suite struct LibraryTests {
    @Test func timeZonesAndGetters() {
        let t = "timestamp('2025-03-10T02:30:45.123456789Z')"
        #expect(value("\(t).getFullYear()") == "2025")
        #expect(value("\(t).getMonth()") == "2")
        #expect(value("\(t).getDayOfMonth()") == "9")
        #expect(value("\(t).getDate()") == "10")
        #expect(value("\(t).getDayOfWeek()") == "1")
        #expect(value("\(t).getDayOfYear()") == "68")
        #expect(value("\(t).getHours('America/New_York')") == "22")
        #expect(value("\(t).getHours('+05:30')") == "8")
        #expect(value("\(t).getMinutes('+05:30')") == "0")
        #expect(value("\(t).getMilliseconds()") == "123")
        #expect(value("\(t).getHours('Mars/Base')").hasPrefix("error"))
        #expect(value("string(\(t) + duration('1ns'))") == "\"2025-03-10T02:30:45.12345679Z\"")
        #expect(value("timestamp('0000-01-01T00:00:00Z')").hasPrefix("error"))
        #expect(value("timestamp('2023-02-29T00:00:00Z')").hasPrefix("error"))
        #expect(value("timestamp('2024-02-29T12:00:00+01:00')") == "timestamp(\"2024-02-29T11:00:00Z\")")
        #expect(value("duration('1.5h')") == "duration(\"5400s\")")
        #expect(value("duration('1d')").hasPrefix("error"))
        #expect(value("duration('1h30m').getMinutes()") == "90")
    }

    @Test func kubernetesLibraries() {
        #expect(value("[1, 2, 2, 5].isSorted() && ![2, 1].isSorted()") == "true")
        #expect(value("[1, 2, 3].sum()") == "6")
        #expect(value("[1.5, 2.5].sum()") == "4.0")
        #expect(value("[3, 1, 2].min()") == "1")
        #expect(value("[3, 1, 2].max()") == "3")
        #expect(value("[].max()").hasPrefix("error"))
        #expect(value("[1, 2, 1].indexOf(1)") == "0")
        #expect(value("[1, 2, 1].lastIndexOf(1)") == "2")
        #expect(value("'abcabc'.indexOf('c')") == "2")
        #expect(value("'abc 123 def 456'.find('[0-9]+')") == "\"123\"")
        #expect(value("'abc'.find('[0-9]+')") == "\"\"")
        #expect(value("'abc 123 def 456'.findAll('[0-9]+')") == "[\"123\", \"456\"]")
        #expect(value("'abc 123 def 456'.findAll('[0-9]+', 1)") == "[\"123\"]")
        #expect(value("sets.contains([1, 2, 3], [2, 3])") == "true")
        #expect(value("sets.equivalent([1, 2], [2, 1, 1])") == "true")
        #expect(value("sets.intersects([1, 2], [3])") == "false")
        #expect(value("[[1], [2, 3]].flatten()") == "[1, 2, 3]")
        #expect(value("[3, 1, 2].sort()") == "[1, 2, 3]")
    }
}

@Suite struct StackTests {
    /// The deepest expression of each shape the parser accepts evaluates on a 512 KB thread.
    @Test func deepestAcceptedExpressionsFitSmallStacks() {
        let shapes: [(String, String, String)] = [
            ("-(", "1", ")"), ("!(", "true", ")"), ("int(", "1", ")"), ("[", "1", "]"), ("{1: ", "1", "}"),
            ("true ? (", "1", ") : 0"), ("[0][", "0", "]"), ("[1].map(x, ", "x", ")"), ("cel.bind(y, 1, ", "y", ")"),
            ("1 + (", "1", ")"), ("optional.of(", "1", ").value()"),
        ]
        final class Box: @unchecked Sendable { var results: [String] = [] }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            for (open, mid, close) in shapes {
                var n = 1
                while compileError(String(repeating: open, count: n * 2) + mid + String(repeating: close, count: n * 2)) == nil { n *= 2 }
                var lo = n / 2
                var hi = n * 2
                while lo + 1 < hi {
                    let m = (lo + hi) / 2
                    if compileError(String(repeating: open, count: m) + mid + String(repeating: close, count: m)) == nil { lo = m } else { hi = m }
                }
                let source = String(repeating: open, count: lo) + mid + String(repeating: close, count: lo)
                box.results.append("\(open)×\(lo): \(value(source).prefix(20))")
            }
            done.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        done.wait()
        #expect(box.results.count == shapes.count, "\(box.results)")
    }
}
