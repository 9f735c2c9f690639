extension Interpreter {
    /// Runs a comprehension macro (all, exists, exists_one, map, filter, the two-variable
    /// forms, optMap/optFlatMap).
    mutating func loop(_ l: Expr.ResolvedLoop) throws(CELError) -> CELValue {
        let range = try eval(l.range)
        if case .unknown = range { return range }
        switch l.kind {
        case .optMap, .optFlatMap:
            guard case .optional(let inner) = range else { throw CELError.noOverload(l.kind == .optMap ? "optMap" : "optFlatMap", range) }
            guard let inner else { return range }
            locals[l.slot1] = inner
            let r = try eval(l.body)
            if case .unknown = r { return r }
            if l.kind == .optMap { return .optional(r) }
            guard case .optional = r else { throw CELError("optFlatMap function must return an optional value") }
            return r
        default: break
        }
        // The iteration pairs: lists give (index, element), maps give (key, value).
        let isMap: Bool
        let count: Int
        var list: CELList?
        var map: CELMap?
        var mapKeys: [CELMapKey] = []
        switch range {
        case .list(let v):
            isMap = false
            count = v.count
            list = v
        case .map(let m):
            isMap = true
            mapKeys = m.keys
            count = mapKeys.count
            map = m
        default:
            throw CELError("expression of type '\(range.typeName)' cannot be the range of a comprehension")
        }
        @inline(__always) func bindVars(_ i: Int, _ me: inout Interpreter) {
            if isMap, let map {
                let k = mapKeys[i]
                if let s2 = l.slot2 {
                    me.locals[l.slot1] = k.value
                    me.locals[s2] = map[k] ?? .null
                } else {
                    me.locals[l.slot1] = k.value
                }
            } else if let list {
                if let s2 = l.slot2 {
                    me.locals[l.slot1] = .int(Int64(i))
                    me.locals[s2] = list[i]
                } else {
                    me.locals[l.slot1] = list[i]
                }
            }
        }
        switch l.kind {
        case .all, .exists:
            let decisive = l.kind == .exists
            var firstError: CELError?
            var unknown: CELUnknown?
            for i in 0..<count {
                try charge(l.stepCost)
                bindVars(i, &self)
                switch attempt(l.body) {
                case .success(.bool(let b)):
                    if b == decisive { return .bool(decisive) }
                case .success(.unknown(let u)):
                    unknown = unknown.map { $0.merging(u) } ?? u
                case .success(let v):
                    if firstError == nil { firstError = CELError("no such overload: predicate returned \(v.typeName)") }
                case .failure(let err):
                    if err.message.hasPrefix("evaluation cost limit") { throw err }
                    if firstError == nil { firstError = err }
                }
            }
            if let unknown { return .unknown(unknown) }
            if let firstError { throw firstError }
            return .bool(!decisive)
        case .existsOne:
            var n = 0
            var unknown: CELUnknown?
            for i in 0..<count {
                try charge(l.stepCost)
                bindVars(i, &self)
                let v = try eval(l.body)
                switch v {
                case .bool(true): n += 1
                case .bool(false): break
                case .unknown(let u): unknown = unknown.map { $0.merging(u) } ?? u
                default: throw CELError("no such overload: predicate returned \(v.typeName)")
                }
            }
            if let unknown { return .unknown(unknown) }
            return .bool(n == 1)
        case .map, .filter, .transformList:
            var out: [CELValue] = []
            var unknown: CELUnknown?
            for i in 0..<count {
                try charge(l.stepCost)
                bindVars(i, &self)
                if let filter = l.filter {
                    let f = try eval(filter)
                    switch f {
                    case .bool(true): break
                    case .bool(false): continue
                    case .unknown(let u):
                        unknown = unknown.map { $0.merging(u) } ?? u
                        continue
                    default: throw CELError("no such overload: filter returned \(f.typeName)")
                    }
                }
                let v = try eval(l.body)
                if l.kind == .filter {
                    switch v {
                    case .bool(true): out.append(locals[l.slot1])
                    case .bool(false): break
                    case .unknown(let u): unknown = unknown.map { $0.merging(u) } ?? u
                    default: throw CELError("no such overload: filter predicate returned \(v.typeName)")
                    }
                } else {
                    if case .unknown(let u) = v {
                        unknown = unknown.map { $0.merging(u) } ?? u
                        continue
                    }
                    out.append(v)
                }
            }
            if let unknown { return .unknown(unknown) }
            try charge(out.count)
            return .list(CELList(out))
        case .transformMap, .transformMapEntry:
            var keys: [CELMapKey] = []
            var dict: [CELMapKey: CELValue] = [:]
            var unknown: CELUnknown?
            for i in 0..<count {
                try charge(l.stepCost)
                bindVars(i, &self)
                if let filter = l.filter {
                    let f = try eval(filter)
                    switch f {
                    case .bool(true): break
                    case .bool(false): continue
                    case .unknown(let u):
                        unknown = unknown.map { $0.merging(u) } ?? u
                        continue
                    default: throw CELError("no such overload: filter returned \(f.typeName)")
                    }
                }
                let v = try eval(l.body)
                if case .unknown(let u) = v {
                    unknown = unknown.map { $0.merging(u) } ?? u
                    continue
                }
                if l.kind == .transformMap {
                    let k: CELMapKey = isMap ? mapKeys[i] : .int(Int64(i))
                    if dict.updateValue(v, forKey: k) == nil { keys.append(k) }
                } else {
                    guard case .map(let entry) = v else {
                        throw CELError("transformMapEntry function must return a map, got \(v.typeName)")
                    }
                    for (k, ev) in entry.entries {
                        if dict[k] != nil { throw CELError("insert failed: key \(k) already exists") }
                        dict[k] = ev
                        keys.append(k)
                    }
                }
            }
            if let unknown { return .unknown(unknown) }
            return .map(CELMap(keys: keys, entries: dict))
        case .optMap, .optFlatMap:
            preconditionFailure("handled above")
        }
    }
}
