import Findings

/// The whole evaluation seen through one framework: every catalogued control (tested or not),
/// any uncatalogued control a policy names, and the results that map to no control.
public struct FrameworkAssessment: Sendable {
    public var framework: ComplianceFramework
    /// Catalogued controls in document order, then uncatalogued ones by id.
    public var controls: [ControlAssessment]
    /// Results of rules that map to no control of this framework.
    public var unmappedResults: [Result]

    /// Groups `evaluation`'s results by the controls of `framework`.
    public init(_ evaluation: Evaluation, framework: ComplianceFramework, catalogue: ControlCatalogue) {
        self.framework = framework
        var controlsByRule: [String: [String]] = [:]
        for rule in evaluation.rules { controlsByRule[rule.id] = rule.controls[framework.id] ?? [] }
        var resultsByControl: [String: [Result]] = [:]
        var unmapped: [Result] = []
        for r in evaluation.results {
            let ids = controlsByRule[r.ruleID] ?? []
            if ids.isEmpty { unmapped.append(r) }
            for id in Set(ids) { resultsByControl[id, default: []].append(r) }
        }
        let catalogued = catalogue.controls(of: framework.id)
        let known = Set(catalogued.map(\.id))
        let named = Set(evaluation.rules.flatMap { $0.controls[framework.id] ?? [] })
        let extra = named.subtracting(known).sorted()
        var assessments: [ControlAssessment] = []
        for c in catalogued {
            assessments.append(FrameworkAssessment.assess(c, catalogued: true, evaluation, resultsByControl))
        }
        for id in extra {
            let c = ComplianceControl(framework: framework.id, id: id, title: "(not in cipherlint's control catalogue)", source: "")
            assessments.append(FrameworkAssessment.assess(c, catalogued: false, evaluation, resultsByControl))
        }
        self.controls = assessments
        self.unmappedResults = unmapped
    }

    private static func assess(_ c: ComplianceControl, catalogued: Bool, _ evaluation: Evaluation, _ results: [String: [Result]]) -> ControlAssessment {
        let policies = evaluation.rules.filter { ($0.controls[c.framework] ?? []).contains(c.id) }
        return ControlAssessment(control: c, catalogued: catalogued, policies: policies, results: results[c.id] ?? [])
    }

    /// How many controls have each status.
    public var statusCounts: [ControlStatus: Int] {
        var out: [ControlStatus: Int] = [:]
        for s in ControlStatus.allCases { out[s] = 0 }
        for c in controls { out[c.status, default: 0] += 1 }
        return out
    }

    /// Every result of the evaluation once (a result may test several controls): by shown status.
    public static func resultCounts(_ evaluation: Evaluation) -> [String: Int] { ControlAssessment.counts(evaluation.results) }
}
