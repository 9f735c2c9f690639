import Findings

/// One control of the framework with the policies that test it, their results and its status.
public struct ControlAssessment: Sendable {
    public var control: ComplianceControl
    /// True when the control is in the catalogue (a policy may name one that is not).
    public var catalogued: Bool
    /// The rules of the run that map to this control, sorted by id.
    public var policies: [Rule]
    /// Their results, in report order.
    public var results: [Result]

    /// An assessment.
    public init(control: ComplianceControl, catalogued: Bool, policies: [Rule], results: [Result]) {
        self.control = control
        self.catalogued = catalogued
        self.policies = policies
        self.results = results
    }

    /// The control's status.
    public var status: ControlStatus { ControlStatus.of(results) }

    /// Results by the status a report shows: `pass`, `fail`, `unknown`, `error`, `accepted`.
    public var counts: [String: Int] { ControlAssessment.counts(results) }

    /// Result counts by shown status, every key present.
    public static func counts(_ results: [Result]) -> [String: Int] {
        var out = ["pass": 0, "fail": 0, "unknown": 0, "error": 0, "accepted": 0]
        for r in results { out[shownStatus(r), default: 0] += 1 }
        return out
    }

    /// `accepted` for a result an exception covers, else its status.
    public static func shownStatus(_ result: Result) -> String {
        result.suppression != nil ? "accepted" : result.status.rawValue
    }
}
