/// Checked arithmetic: overflow and division by zero are errors.
enum Arith {
    static func overflow() -> CELError { CELError("return error for overflow") }

    static func add(_ a: CELValue, _ b: CELValue, _ interp: inout Interpreter) throws(CELError) -> CELValue {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.addingReportingOverflow(y)
            if o { throw overflow() }
            return .int(r)
        case (.uint(let x), .uint(let y)):
            let (r, o) = x.addingReportingOverflow(y)
            if o { throw overflow() }
            return .uint(r)
        case (.double(let x), .double(let y)): return .double(x + y)
        case (.string(let x), .string(let y)):
            try interp.charge((x.utf8.count + y.utf8.count) / 16)
            return .string(x + y)
        case (.bytes(let x), .bytes(let y)):
            try interp.charge((x.count + y.count) / 16)
            return .bytes(x + y)
        case (.list(let x), .list(let y)):
            try interp.charge(x.count + y.count)
            if x.isEmpty { return b }
            if y.isEmpty { return a }
            return .list(CELList(x.values + y.values))
        case (.timestamp(let t), .duration(let d)), (.duration(let d), .timestamp(let t)):
            return .timestamp(try t.adding(d))
        case (.duration(let x), .duration(let y)):
            return .duration(try x.adding(y))
        default:
            throw CELError.noOverload("_+_", a, b)
        }
    }

    static func sub(_ a: CELValue, _ b: CELValue) throws(CELError) -> CELValue {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.subtractingReportingOverflow(y)
            if o { throw overflow() }
            return .int(r)
        case (.uint(let x), .uint(let y)):
            let (r, o) = x.subtractingReportingOverflow(y)
            if o { throw overflow() }
            return .uint(r)
        case (.double(let x), .double(let y)): return .double(x - y)
        case (.timestamp(let x), .timestamp(let y)): return .duration(try x.difference(y))
        case (.timestamp(let t), .duration(let d)): return .timestamp(try t.subtracting(d))
        case (.duration(let x), .duration(let y)): return .duration(try x.adding(try y.negated()))
        default:
            throw CELError.noOverload("_-_", a, b)
        }
    }

    static func mul(_ a: CELValue, _ b: CELValue) throws(CELError) -> CELValue {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.multipliedReportingOverflow(by: y)
            if o { throw overflow() }
            return .int(r)
        case (.uint(let x), .uint(let y)):
            let (r, o) = x.multipliedReportingOverflow(by: y)
            if o { throw overflow() }
            return .uint(r)
        case (.double(let x), .double(let y)): return .double(x * y)
        default:
            throw CELError.noOverload("_*_", a, b)
        }
    }

    static func div(_ a: CELValue, _ b: CELValue) throws(CELError) -> CELValue {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            if y == 0 { throw CELError("divide by zero") }
            let (r, o) = x.dividedReportingOverflow(by: y)
            if o { throw overflow() }
            return .int(r)
        case (.uint(let x), .uint(let y)):
            if y == 0 { throw CELError("divide by zero") }
            return .uint(x / y)
        case (.double(let x), .double(let y)): return .double(x / y)
        default:
            throw CELError.noOverload("_/_", a, b)
        }
    }

    static func mod(_ a: CELValue, _ b: CELValue) throws(CELError) -> CELValue {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            if y == 0 { throw CELError("modulus by zero") }
            let (r, o) = x.remainderReportingOverflow(dividingBy: y)
            if o { throw overflow() }
            return .int(r)
        case (.uint(let x), .uint(let y)):
            if y == 0 { throw CELError("modulus by zero") }
            return .uint(x % y)
        default:
            throw CELError.noOverload("_%_", a, b)
        }
    }
}
