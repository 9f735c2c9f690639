/// A key of a CEL map: bool, int, uint or string.
public enum CELMapKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// A bool key.
    case bool(Bool)
    /// An int key.
    case int(Int64)
    /// A uint key.
    case uint(UInt64)
    /// A string key.
    case string(String)

    /// The key for a value, or an error for an unsupported key type.
    init(_ value: CELValue) throws(CELError) {
        switch value {
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .uint(let u): self = .uint(u)
        case .string(let s): self = .string(s)
        default: throw CELError("unsupported key type: \(value.typeName)")
        }
    }

    /// The key as a CEL value.
    public var value: CELValue {
        switch self {
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .uint(let u): return .uint(u)
        case .string(let s): return .string(s)
        }
    }

    /// The key in CEL literal syntax.
    public var description: String { value.description }

    private var rank: Int {
        switch self {
        case .bool: return 0
        case .int: return 1
        case .uint: return 2
        case .string: return 3
        }
    }

    /// Orders keys by type (bool, int, uint, string), then value; strings by code point.
    public static func < (a: CELMapKey, b: CELMapKey) -> Bool {
        switch (a, b) {
        case (.bool(let x), .bool(let y)): return !x && y
        case (.int(let x), .int(let y)): return x < y
        case (.uint(let x), .uint(let y)): return x < y
        case (.string(let x), .string(let y)): return x.utf8.lexicographicallyPrecedes(y.utf8)
        default: return a.rank < b.rank
        }
    }

    /// The keys under which a numerically equal key may be stored (heterogeneous lookup).
    static func candidates(for value: CELValue) throws(CELError) -> [CELMapKey] {
        switch value {
        case .int(let i): return i >= 0 ? [.int(i), .uint(UInt64(i))] : [.int(i)]
        case .uint(let u): return u <= UInt64(Int64.max) ? [.uint(u), .int(Int64(u))] : [.uint(u)]
        case .double(let d):
            guard d.isFinite, d.rounded(.towardZero) == d else { return [] }
            var out: [CELMapKey] = []
            if d >= -9.223372036854775808e18 && d < 9.223372036854775808e18 { out.append(.int(Int64(d))) }
            if d >= 0 && d < 1.8446744073709551616e19 { out.append(.uint(UInt64(d))) }
            return out
        case .bool(let b): return [.bool(b)]
        case .string(let s): return [.string(s)]
        default: throw CELError("unsupported key type: \(value.typeName)")
        }
    }
}
