import Graph

/// A CEL runtime value.
///
/// Lists and maps bound from a `Graph.Value` stay backed by the graph data (see `CELList`,
/// `CELMap`), so binding a resource costs O(1) and field selection is a dictionary lookup.
public enum CELValue: Sendable {
    /// `null`.
    case null
    /// A `bool`.
    case bool(Bool)
    /// An `int` (signed 64-bit).
    case int(Int64)
    /// A `uint` (unsigned 64-bit).
    case uint(UInt64)
    /// A `double`.
    case double(Double)
    /// A `string`.
    case string(String)
    /// A `bytes` value.
    case bytes([UInt8])
    /// A `list`.
    case list(CELList)
    /// A `map` (keys bool, int, uint or string).
    case map(CELMap)
    /// A `google.protobuf.Timestamp`.
    case timestamp(CELTimestamp)
    /// A `google.protobuf.Duration`.
    case duration(CELDuration)
    /// A type value such as `int` or `list`.
    case type(CELType)
    /// An optional value: `optional.of(x)` (non-nil) or `optional.none()` (nil).
    indirect case optional(CELValue?)
    /// A value of an extension type such as `net.IP` or `net.CIDR`.
    case opaque(CELOpaque)
    /// A value only known later (Terraform's "known after apply"), with the attribute trails
    /// through which it was reached.
    case unknown(CELUnknown)

    /// The CEL type of this value.
    public var celType: CELType {
        switch self {
        case .null: return .nullType
        case .bool: return .bool
        case .int: return .int
        case .uint: return .uint
        case .double: return .double
        case .string: return .string
        case .bytes: return .bytes
        case .list: return .list
        case .map: return .map
        case .timestamp: return .timestamp
        case .duration: return .duration
        case .type: return .type
        case .optional: return .optional
        case .opaque(let o): return o.value.celType
        case .unknown: return CELType("unknown")
        }
    }

    var typeName: String { celType.name }

    /// True for unknown values.
    public var isUnknown: Bool {
        if case .unknown = self { return true }
        return false
    }

    /// A list of values.
    public static func list(_ values: [CELValue]) -> CELValue { .list(CELList(values)) }
}

/// The payload of an extension-typed value.
public protocol CELOpaqueValue: Sendable, CustomStringConvertible {
    /// The CEL type, e.g. `net.IP`.
    var celType: CELType { get }
    /// The text form used by `string()` and the literal syntax, e.g. `192.168.0.1`.
    var text: String { get }
    /// Whether two values of the same extension type are equal.
    func isEqual(to other: any CELOpaqueValue) -> Bool
}

/// A boxed extension-typed value (kept in a box so `CELValue` stays small).
public final class CELOpaque: Sendable {
    /// The payload.
    public let value: any CELOpaqueValue
    /// Boxes a payload.
    public init(_ value: any CELOpaqueValue) { self.value = value }
}

/// The attribute trails of an unknown value: sorted, without duplicates.
public struct CELUnknown: Sendable, Equatable, Hashable {
    /// The trails, e.g. `"resource.kms_key_id"`.
    public private(set) var attributes: [String]

    /// An unknown reached through the given trails.
    public init(_ attributes: [String]) {
        self.attributes = Array(Set(attributes)).sorted()
    }

    /// The union of two unknowns.
    public func merging(_ other: CELUnknown) -> CELUnknown {
        if other.attributes.isEmpty || other.attributes == attributes { return self }
        if attributes.isEmpty { return other }
        return CELUnknown(attributes + other.attributes)
    }
}

/// A CEL type value, named as CEL spells it (`int`, `list`, `google.protobuf.Timestamp`, ...).
public struct CELType: Sendable, Hashable, CustomStringConvertible {
    /// The type's name.
    public var name: String
    /// The type named `name`.
    public init(_ name: String) { self.name = name }
    /// The name.
    public var description: String { name }

    /// `null_type`.
    public static let nullType = CELType("null_type")
    /// `bool`.
    public static let bool = CELType("bool")
    /// `int`.
    public static let int = CELType("int")
    /// `uint`.
    public static let uint = CELType("uint")
    /// `double`.
    public static let double = CELType("double")
    /// `string`.
    public static let string = CELType("string")
    /// `bytes`.
    public static let bytes = CELType("bytes")
    /// `list`.
    public static let list = CELType("list")
    /// `map`.
    public static let map = CELType("map")
    /// `google.protobuf.Timestamp`.
    public static let timestamp = CELType("google.protobuf.Timestamp")
    /// `google.protobuf.Duration`.
    public static let duration = CELType("google.protobuf.Duration")
    /// `type`.
    public static let type = CELType("type")
    /// `optional_type`.
    public static let optional = CELType("optional_type")
}

/// The path by which a graph-backed value was reached, built only when needed.
final class CELTrail: Sendable {
    let parent: CELTrail?
    let component: String
    let isIndex: Bool

    init(root: String) {
        parent = nil
        component = root
        isIndex = false
    }

    init(parent: CELTrail, component: String, isIndex: Bool) {
        self.parent = parent
        self.component = component
        self.isIndex = isIndex
    }

    var path: String {
        var parts: [CELTrail] = []
        var node: CELTrail? = self
        while let n = node {
            parts.append(n)
            node = n.parent
        }
        var out = ""
        for p in parts.reversed() {
            if p.isIndex {
                out += "[\(p.component)]"
            } else {
                if !out.isEmpty { out += "." }
                out += p.component
            }
        }
        return out
    }

    static func child(_ parent: CELTrail?, _ key: String) -> CELTrail? {
        guard let parent else { return nil }
        return CELTrail(parent: parent, component: key, isIndex: false)
    }

    static func child(_ parent: CELTrail?, index: Int) -> CELTrail? {
        guard let parent else { return nil }
        return CELTrail(parent: parent, component: String(index), isIndex: true)
    }
}
