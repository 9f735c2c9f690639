import Findings

/// How a control fared in a run, from the results of the policies that test it.
public enum ControlStatus: String, Sendable, Hashable, CaseIterable {
    /// Some failing result no exception covers.
    case failing
    /// No failure, but some result is `unknown` or `error`: not proven either way.
    case inconclusive
    /// Every failure is covered by an accepted exception; the rest pass.
    case exceptions
    /// Tested, and every result passes.
    case operating
    /// No policy of the run judged any resource for this control.
    case notTested = "not-tested"

    /// For people: "operating", "not tested".
    public var label: String {
        switch self {
        case .failing: return "failing"
        case .inconclusive: return "inconclusive"
        case .exceptions: return "exceptions"
        case .operating: return "operating"
        case .notTested: return "not tested"
        }
    }

    /// One sentence for the reports' legend.
    public var meaning: String {
        switch self {
        case .failing: return "at least one resource fails a policy and no exception covers it"
        case .inconclusive: return "no failure, but some result is unknown (a value known only after apply) or could not be evaluated"
        case .exceptions: return "every failure is covered by an accepted exception with a reason; everything else passes"
        case .operating: return "every resource the policies judged passes"
        case .notTested: return "no policy of this run judged any resource for this control"
        }
    }

    /// The status of a control with these results.
    public static func of(_ results: [Result]) -> ControlStatus {
        if results.isEmpty { return .notTested }
        if results.contains(where: \.isFinding) { return .failing }
        if results.contains(where: { $0.suppression == nil && ($0.status == .unknown || $0.status == .error) }) { return .inconclusive }
        if results.contains(where: { $0.suppression != nil }) { return .exceptions }
        return .operating
    }
}
