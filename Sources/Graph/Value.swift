/// An attribute value of a resource: the JSON data model plus `unknown`.
///
/// `unknown` stands for a value that is only known after apply (Terraform's `after_unknown`);
/// policies that need it report `unknown`, never pass or fail. Maps are unordered; everything
/// that prints or iterates them for output sorts their keys, so output stays deterministic.
public enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case list([Value])
    case map([String: Value])
    case unknown

    /// The member of a map, or nil when this is not a map or has no such key.
    public subscript(key: String) -> Value? {
        if case .map(let members) = self { return members[key] }
        return nil
    }

    /// The element of a list, or nil when this is not a list or the index is out of range.
    public subscript(index: Int) -> Value? {
        if case .list(let elements) = self, elements.indices.contains(index) { return elements[index] }
        return nil
    }

    /// The string, when this is one.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The boolean, when this is one.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The integer, when this is one (doubles with an integral value count too).
    public var intValue: Int64? {
        switch self {
        case .int(let i): return i
        case .double(let d) where d.rounded() == d && abs(d) < 9.2e18: return Int64(d)
        default: return nil
        }
    }

    /// The elements, when this is a list.
    public var listValue: [Value]? {
        if case .list(let elements) = self { return elements }
        return nil
    }

    /// The members, when this is a map.
    public var mapValue: [String: Value]? {
        if case .map(let members) = self { return members }
        return nil
    }

    /// True for `null`.
    public var isNull: Bool { self == .null }

    /// True when this value or anything inside it is `unknown`.
    public var containsUnknown: Bool {
        switch self {
        case .unknown: return true
        case .list(let elements): return elements.contains { $0.containsUnknown }
        case .map(let members): return members.values.contains { $0.containsUnknown }
        default: return false
        }
    }

    /// The value at a path of map keys and list indices, or nil where the path leaves the value.
    public func value(at path: AttributePath) -> Value? {
        var current = self
        for segment in path.segments {
            switch segment {
            case .key(let key):
                guard let next = current[key] else { return nil }
                current = next
            case .index(let index):
                guard let next = current[index] else { return nil }
                current = next
            }
        }
        return current
    }
}

extension Value: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(arrayLiteral elements: Value...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, Value)...) {
        self = .map(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    public init(nilLiteral: ()) { self = .null }
}
