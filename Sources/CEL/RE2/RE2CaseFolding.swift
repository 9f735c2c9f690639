/// Simple case folding orbits (`k`, `K`, U+212A KELVIN SIGN), derived once from the standard
/// library's single-scalar case mappings.
enum RE2CaseFolding {
    /// Every scalar that has a case-fold partner, sorted, with its orbit (itself included).
    private static let table: (keys: [UInt32], orbits: [[UInt32]]) = build()

    private static func build() -> (keys: [UInt32], orbits: [[UInt32]]) {
        var parent: [UInt32: UInt32] = [:]
        func find(_ x: UInt32) -> UInt32 {
            var x = x
            while let p = parent[x], p != x { x = p }
            return x
        }
        func union(_ a: UInt32, _ b: UInt32) {
            if parent[a] == nil { parent[a] = a }
            if parent[b] == nil { parent[b] = b }
            let ra = find(a)
            let rb = find(b)
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        // Cased scripts end below U+1F000 (Adlam is the last, at U+1E900).
        for v in UInt32(0)..<0x1F000 {
            // Dotted and dotless i fold only in Turkic locales, which simple folding leaves out.
            if v == 0x130 || v == 0x131 { continue }
            guard let scalar = Unicode.Scalar(v) else { continue }
            let props = scalar.properties
            guard props.changesWhenCaseMapped else { continue }
            for mapping in [props.lowercaseMapping, props.uppercaseMapping, props.titlecaseMapping] {
                let scalars = mapping.unicodeScalars
                guard scalars.count == 1, let m = scalars.first, m.value != v else { continue }
                if m.value == 0x130 || m.value == 0x131 { continue }
                union(v, m.value)
            }
        }
        var groups: [UInt32: [UInt32]] = [:]
        for key in parent.keys { groups[find(key), default: []].append(key) }
        var byScalar: [(UInt32, [UInt32])] = []
        for members in groups.values where members.count > 1 {
            let sorted = members.sorted()
            for m in sorted { byScalar.append((m, sorted)) }
        }
        byScalar.sort { $0.0 < $1.0 }
        return (byScalar.map(\.0), byScalar.map(\.1))
    }

    /// The scalars that fold together with `c`, itself included.
    static func orbit(of c: UInt32) -> [UInt32] {
        let keys = table.keys
        var lo = 0
        var hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid] < c { lo = mid + 1 } else { hi = mid }
        }
        if lo < keys.count && keys[lo] == c { return table.orbits[lo] }
        return [c]
    }

    /// Adds the fold partners of every scalar in `lo...hi` to `result` (unnormalized).
    static func appendFolds(of lo: UInt32, _ hi: UInt32, to result: inout RE2CharClass) {
        let keys = table.keys
        var i = 0
        var j = keys.count
        while i < j {
            let mid = (i + j) / 2
            if keys[mid] < lo { i = mid + 1 } else { j = mid }
        }
        while i < keys.count && keys[i] <= hi {
            for m in table.orbits[i] { result.add(m) }
            i += 1
        }
    }
}
