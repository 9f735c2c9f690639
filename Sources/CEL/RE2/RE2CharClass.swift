/// A set of Unicode scalar values, kept as sorted, non-overlapping, non-adjacent ranges.
struct RE2CharClass: Sendable, Equatable {
    /// Flattened `lo, hi` pairs (both inclusive), sorted and merged once ``normalize()`` ran.
    private(set) var bounds: [UInt32] = []

    static let maxScalar: UInt32 = 0x10FFFF

    init() {}

    init(ranges: [(UInt32, UInt32)]) {
        for (lo, hi) in ranges { add(lo, hi) }
        normalize()
    }

    static let any = RE2CharClass(ranges: [(0, maxScalar)])

    var isEmpty: Bool { bounds.isEmpty }

    /// The single scalar of a one-element class, if it is one.
    var singleScalar: UInt32? {
        bounds.count == 2 && bounds[0] == bounds[1] ? bounds[0] : nil
    }

    mutating func add(_ lo: UInt32, _ hi: UInt32) {
        guard lo <= hi else { return }
        bounds.append(lo)
        bounds.append(hi)
    }

    mutating func add(_ scalar: UInt32) { add(scalar, scalar) }

    mutating func add(_ other: RE2CharClass) { bounds.append(contentsOf: other.bounds) }

    /// Adds flattened `lo, hi` pairs.
    mutating func add(bounds pairs: [UInt32]) { bounds.append(contentsOf: pairs) }

    /// Sorts and merges the ranges.
    mutating func normalize() {
        guard bounds.count > 2 else { return }
        var pairs: [(UInt32, UInt32)] = []
        pairs.reserveCapacity(bounds.count / 2)
        var i = 0
        while i < bounds.count {
            pairs.append((bounds[i], bounds[i + 1]))
            i += 2
        }
        pairs.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        var merged: [UInt32] = []
        merged.reserveCapacity(bounds.count)
        var (lo, hi) = pairs[0]
        for (l, h) in pairs.dropFirst() {
            if hi == UInt32.max || l <= hi + 1 {
                hi = max(hi, h)
            } else {
                merged.append(lo)
                merged.append(hi)
                (lo, hi) = (l, h)
            }
        }
        merged.append(lo)
        merged.append(hi)
        bounds = merged
    }

    /// The complement within `0...0x10FFFF`; expects a normalized class.
    func negated() -> RE2CharClass {
        var result = RE2CharClass()
        var next: UInt32 = 0
        var i = 0
        while i < bounds.count {
            if bounds[i] > next { result.add(next, bounds[i] - 1) }
            next = bounds[i + 1] + 1
            i += 2
        }
        if next <= Self.maxScalar { result.add(next, Self.maxScalar) }
        return result
    }

    /// The class closed under simple case folding; expects a normalized class.
    func caseFolded() -> RE2CharClass {
        var result = self
        var i = 0
        while i < bounds.count {
            RE2CaseFolding.appendFolds(of: bounds[i], bounds[i + 1], to: &result)
            i += 2
        }
        result.normalize()
        return result
    }

    /// Whether the normalized class holds `c`.
    func contains(_ c: UInt32) -> Bool {
        Self.contains(c, in: bounds)
    }

    /// Binary search over normalized flattened bounds.
    @inline(__always)
    static func contains(_ c: UInt32, in bounds: [UInt32]) -> Bool {
        let pairs = bounds.count / 2
        if pairs <= 4 {
            var i = 0
            while i < bounds.count {
                if c < bounds[i] { return false }
                if c <= bounds[i + 1] { return true }
                i += 2
            }
            return false
        }
        var lo = 0
        var hi = pairs
        while lo < hi {
            let mid = (lo + hi) / 2
            if c < bounds[2 * mid] {
                hi = mid
            } else if c > bounds[2 * mid + 1] {
                lo = mid + 1
            } else {
                return true
            }
        }
        return false
    }
}
