import Graph

/// The verdict of one rule on one resource.
public struct Result: Sendable, Hashable {
    /// What a rule concluded.
    public enum Status: String, Sendable, Hashable, CaseIterable, Codable {
        /// The resource complies.
        case pass
        /// The resource does not comply: a finding.
        case fail
        /// A value the rule needs is known only after apply, or a default depends on a version
        /// we were not told; never silently turned into pass or fail.
        case unknown
        /// The rule could not be evaluated on this resource (an expression error).
        case error
    }

    public var ruleID: String
    public var severity: Severity
    public var status: Status
    /// What was found, for people: "KMS key aws_kms_key.main does not rotate its key material".
    public var message: String
    /// The resource judged.
    public var resourceID: String
    public var resourceKind: String
    /// Where the finding points in the scanned file (the offending attribute's line when known).
    public var location: SourceLocation
    /// Where the same thing was written, when that is another file (the `.tf` line of a plan
    /// resource); reporters prefer it as the primary location.
    public var sourceLocation: SourceLocation?
    /// The attribute the finding is about, when one is.
    public var attribute: AttributePath?
    /// For `unknown`: the attributes whose values were not known (`resource.kms_key_id`).
    public var unknownAttributes: [String]
    /// Set when an accepted exception covers this result; such results are not findings.
    public var suppression: Suppression?

    /// A result.
    public init(
        ruleID: String, severity: Severity, status: Status, message: String, resourceID: String,
        resourceKind: String, location: SourceLocation, sourceLocation: SourceLocation? = nil,
        attribute: AttributePath? = nil, unknownAttributes: [String] = [], suppression: Suppression? = nil
    ) {
        self.ruleID = ruleID
        self.severity = severity
        self.status = status
        self.message = message
        self.resourceID = resourceID
        self.resourceKind = resourceKind
        self.location = location
        self.sourceLocation = sourceLocation
        self.attribute = attribute
        self.unknownAttributes = unknownAttributes
        self.suppression = suppression
    }

    /// The location reporters show first: the written source when known, else the scanned file.
    public var primaryLocation: SourceLocation { sourceLocation ?? location }

    /// True for a failing result no exception covers: what makes the exit code 1.
    public var isFinding: Bool { status == .fail && suppression == nil }

    /// `results` sorted by `reportOrder` (stable). Each result's path is ranked once and the
    /// indices are sorted on integer keys (path rank, line, column); ties compare fields in
    /// place; then the results are permuted with swaps. No comparison copies a result and no
    /// result is copied at all when `results` is not shared. Results already in order (the
    /// evaluator's, when `Evaluation` is made) cost one pass.
    public static func inReportOrder(_ results: consuming [Result]) -> [Result] {
        let order: [Int]? = results.withUnsafeBufferPointer { all in
            var sorted = true
            var i = 1
            while sorted && i < all.count {
                sorted = !precedes(all, i, i - 1)
                i += 1
            }
            if sorted { return nil }
            // Indices, not `for r in all`: iterating would copy every result.
            var rankOf: [String: Int] = [:]
            for i in all.indices { rankOf[all[i].primaryLocation.path, default: 0] = 0 }
            for (rank, path) in rankOf.keys.sorted().enumerated() { rankOf[path] = rank }
            let keys = all.indices.map { i -> SortKey in
                let l = all[i].primaryLocation
                return SortKey(path: rankOf[l.path] ?? 0, line: l.line, column: l.column)
            }
            return keys.withUnsafeBufferPointer { keys in
                all.indices.sorted { a, b in
                    let ka = keys[a], kb = keys[b]
                    if ka.path != kb.path { return ka.path < kb.path }
                    if ka.line != kb.line { return ka.line < kb.line }
                    if ka.column != kb.column { return ka.column < kb.column }
                    return tieBreak(all, a, b)
                }
            }
        }
        guard let order else { return results }
        // out[k] = results[order[k]], applied cycle by cycle with swaps.
        var out = consume results
        var placed = [Bool](repeating: false, count: order.count)
        out.withUnsafeMutableBufferPointer { buffer in
            for start in order.indices where !placed[start] {
                var j = start
                while true {
                    placed[j] = true
                    let next = order[j]
                    if next == start { break }
                    buffer.swapAt(j, next)
                    j = next
                }
            }
        }
        return out
    }

    /// The leading part of `reportOrder` as integers: the path's rank among the sorted paths.
    private struct SortKey {
        var path: Int
        var line: Int
        var column: Int
    }

    /// `reportOrder(all[a], all[b])`, reading the two results in place.
    private static func precedes(_ all: UnsafeBufferPointer<Result>, _ a: Int, _ b: Int) -> Bool {
        let l = all[a].primaryLocation
        let r = all[b].primaryLocation
        if l.path != r.path { return l.path < r.path }
        if l.line != r.line { return l.line < r.line }
        if l.column != r.column { return l.column < r.column }
        return tieBreak(all, a, b)
    }

    /// `reportOrder` past the location: rule id, resource id, message.
    private static func tieBreak(_ all: UnsafeBufferPointer<Result>, _ a: Int, _ b: Int) -> Bool {
        if all[a].ruleID != all[b].ruleID { return all[a].ruleID < all[b].ruleID }
        if all[a].resourceID != all[b].resourceID { return all[a].resourceID < all[b].resourceID }
        return all[a].message < all[b].message
    }

    /// The order of every report: path, line, column, rule id, then resource id.
    public static func reportOrder(_ a: Result, _ b: Result) -> Bool {
        let l = a.sourceLocation ?? a.location
        let r = b.sourceLocation ?? b.location
        if l.path != r.path { return l.path < r.path }
        if l.line != r.line { return l.line < r.line }
        if l.column != r.column { return l.column < r.column }
        if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
        if a.resourceID != b.resourceID { return a.resourceID < b.resourceID }
        return a.message < b.message
    }
}

/// An accepted risk: why a failing result is not a finding, who owns it, and until when.
public struct Suppression: Sendable, Hashable {
    /// Where the exception was granted.
    public enum Kind: String, Sendable, Hashable {
        /// A `# cipherlint:ignore` comment in the scanned file.
        case inline
        /// An `exceptions:` entry in `.cipherlint.yaml`.
        case configuration
        /// A baseline file of accepted findings.
        case baseline
    }

    public var kind: Kind
    public var reason: String
    public var owner: String?
    /// Last day (inclusive, `YYYY-MM-DD`) the exception holds; nil for no expiry.
    public var until: String?
    /// Where the exception is written.
    public var location: SourceLocation?

    /// An exception.
    public init(kind: Kind, reason: String, owner: String? = nil, until: String? = nil, location: SourceLocation? = nil) {
        self.kind = kind
        self.reason = reason
        self.owner = owner
        self.until = until
        self.location = location
    }
}
