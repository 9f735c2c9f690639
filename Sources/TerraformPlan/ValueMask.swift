import Graph

/// Terraform's shadow structures over values: `after_unknown` and `sensitive_values`.
///
/// Both mirror the value they describe; `true` at a level means the whole value there is
/// unknown (or sensitive), a map or list descends, anything else means "not".
enum ValueMask {
    /// `value` with every place `mask` marks `true` replaced by `.unknown`.
    static func applyUnknown(_ value: Value?, _ mask: Value) -> Value? {
        switch mask {
        case .bool(true): return .unknown
        case .map(let marks):
            guard marks.values.contains(where: containsTrue) else { return value }
            var members = value?.mapValue ?? [:]
            for (key, mark) in marks {
                if let updated = applyUnknown(members[key], mark) { members[key] = updated }
            }
            return .map(members)
        case .list(let marks):
            guard marks.contains(where: containsTrue) else { return value }
            var elements = value?.listValue ?? []
            for (i, mark) in marks.enumerated() {
                let current: Value? = i < elements.count ? elements[i] : nil
                guard let updated = applyUnknown(current, mark) else { continue }
                while elements.count <= i { elements.append(.null) }
                elements[i] = updated
            }
            return .list(elements)
        default: return value
        }
    }

    /// The paths `mask` marks `true`, below `prefix`.
    static func markedPaths(_ mask: Value, prefix: AttributePath = AttributePath(), into out: inout Set<AttributePath>) {
        switch mask {
        case .bool(true): if !prefix.segments.isEmpty { out.insert(prefix) }
        case .map(let marks): for (key, mark) in marks { markedPaths(mark, prefix: prefix.appending(key), into: &out) }
        case .list(let marks):
            for (i, mark) in marks.enumerated() { markedPaths(mark, prefix: prefix.appending(index: i), into: &out) }
        default: break
        }
    }

    private static func containsTrue(_ mask: Value) -> Bool {
        switch mask {
        case .bool(true): return true
        case .map(let m): return m.values.contains(where: containsTrue)
        case .list(let l): return l.contains(where: containsTrue)
        default: return false
        }
    }
}
