/// How much a failing policy matters; `info` is for findings that only inform (OCSP stapling).
public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable, Codable {
    case info, low, medium, high, critical

    var rank: Int {
        switch self {
        case .info: return 0
        case .low: return 1
        case .medium: return 2
        case .high: return 3
        case .critical: return 4
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

    /// GitHub's `security-severity` score for this level (critical ≥ 9.0, high ≥ 7.0,
    /// medium ≥ 4.0, low > 0).
    public var securitySeverity: String {
        switch self {
        case .info: return "0.0"
        case .low: return "3.0"
        case .medium: return "5.5"
        case .high: return "7.5"
        case .critical: return "9.5"
        }
    }
}
