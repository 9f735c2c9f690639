import CEL
import Dispatch
import Findings
import Graph

/// Runs policies over a resource graph.
///
/// Each policy judges the resources of the kinds it applies to: `where` false puts a resource
/// out of scope, then `assert` gives pass or fail; a needed value that is unknown gives
/// `unknown`, and an expression error gives `error` for that resource only.
public struct Evaluator: Sendable {
    public var policies: [Policy]
    /// Per-policy parameter overrides from `.cipherlint.yaml`: policy id → name → value.
    public var parameterOverrides: [String: [String: Value]]

    /// An evaluator of these policies.
    public init(policies: [Policy], parameterOverrides: [String: [String: Value]] = [:]) {
        self.policies = policies
        self.parameterOverrides = parameterOverrides
    }

    /// Every result of every policy on `graph`, in report order. Work is spread over the
    /// machine's cores; the output does not depend on how.
    public func evaluate(_ graph: ResourceGraph) -> [Result] {
        let values = ResourceValues(graph)
        var byKind: [String: [Int]] = [:]
        for i in graph.resources.indices { byKind[graph.resources[i].kind, default: []].append(i) }
        let params: [CELValue] = policies.map { policy in
            var merged = policy.params
            for (k, v) in parameterOverrides[policy.id] ?? [:] { merged[k] = v }
            return CELValue(Value.map(merged))
        }
        // Work items: (resource index, policy indices) in resource order.
        var work: [(Int, [Int])] = []
        var policiesByKind: [String: [Int]] = [:]
        for (p, policy) in policies.enumerated() {
            for kind in policy.rule.appliesTo { policiesByKind[kind, default: []].append(p) }
        }
        for i in graph.resources.indices {
            if let ps = policiesByKind[graph.resources[i].kind], !ps.isEmpty { work.append((i, ps)) }
        }
        let chunkCount = work.count < 64 ? 1 : min(8, max(1, work.count / 256))
        let collector = ConcurrentSlots<[Result]>(count: chunkCount)
        let workItems = work
        let policies = self.policies
        let judgements = work.reduce(0) { $0 + $1.1.count }
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            var out: [Result] = []
            // Most judgements give a result: growing the array would move them all, repeatedly.
            out.reserveCapacity(judgements / chunkCount + 16)
            var i = chunk
            var bindings = CELBindings()
            // Resources and policies are read in place: copying one per judgement retained
            // every field.
            graph.resources.withUnsafeBufferPointer { resources in
                policies.withUnsafeBufferPointer { policies in
                    while i < workItems.count {
                        let (index, policyIndices) = workItems[i]
                        bindings["resource"] = CELValue(values.value(of: index))
                        bindings.context = EvaluationContext(graph: graph, index: index, values: values)
                        for p in policyIndices {
                            bindings["params"] = params[p]
                            if let result = Evaluator.judge(policies[p], resources[index], bindings) { out.append(result) }
                        }
                        i += chunkCount
                    }
                }
            }
            collector.set(chunk, out)
        }
        return Result.inReportOrder(collector.values.flatMap { $0 })
    }

    /// The result of one policy on one resource, or nil when the resource is out of scope.
    static func judge(_ policy: Policy, _ resource: Resource, _ bindings: CELBindings) -> Result? {
        if let condition = policy.condition {
            switch condition.evaluate(bindings) {
            case .value(.bool(true)): break
            case .value(.bool(false)): return nil
            case .value(let other):
                return result(policy, resource, .error, "where: expected a bool, got \(other.description)", bindings, [])
            case .unknown(let attributes):
                return result(policy, resource, .unknown, undecided(policy, resource, attributes), bindings, attributes)
            case .error(let error):
                return result(policy, resource, .error, "where: \(error.message)", bindings, [])
            }
        }
        switch policy.assertion.evaluate(bindings) {
        case .value(.bool(true)):
            return result(policy, resource, .pass, policy.rule.title, bindings, [])
        case .value(.bool(false)):
            return result(policy, resource, .fail, policy.message.render(bindings), bindings, [])
        case .value(let other):
            return result(policy, resource, .error, "assert: expected a bool, got \(other.description)", bindings, [])
        case .unknown(let attributes):
            return result(policy, resource, .unknown, undecided(policy, resource, attributes), bindings, attributes)
        case .error(let error):
            return result(policy, resource, .error, "assert: \(error.message)", bindings, [])
        }
    }

    static func undecided(_ policy: Policy, _ resource: Resource, _ attributes: [String]) -> String {
        let names = attributes.isEmpty ? "a value" : attributes.joined(separator: ", ")
        // nginx has no apply: its unknowns are defaults of a version not given and values an
        // unreadable include might set.
        let why = resource.kind.hasPrefix("nginx/")
            ? "not known (a default of the nginx version, not given, or set by an include that could not be read)"
            : "not known until apply (or depends on a version not given)"
        return "\(policy.rule.title): undecided, \(names) \(why)"
    }

    static func result(
        _ policy: Policy, _ resource: Resource, _ status: Result.Status, _ message: String, _ bindings: CELBindings,
        _ unknownAttributes: [String]
    ) -> Result {
        let path = attributePath(policy, resource, status, unknownAttributes, bindings)
        let location = path.map { resource.location(of: $0) } ?? resource.location
        let source = path.map { resource.sourceLocation(of: $0) } ?? resource.source
        return Result(
            ruleID: policy.id, severity: policy.rule.severity, status: status, message: message, resourceID: resource.id,
            resourceKind: resource.kind, location: location, sourceLocation: source, attribute: path,
            unknownAttributes: unknownAttributes)
    }

    /// The attribute a result is about: for a failure the first templated `locate` path that
    /// renders to a present attribute, then the first plain `locate` path present, the first
    /// unknown attribute, or the first asserted path that was located in the file.
    static func attributePath(
        _ policy: Policy, _ resource: Resource, _ status: Result.Status, _ unknowns: [String], _ bindings: CELBindings
    ) -> AttributePath? {
        if status == .fail {
            for template in policy.locateTemplates {
                if let path = AttributePath(parsing: template.render(bindings)), resource.value(at: path) != nil { return path }
            }
        }
        for path in policy.locate where resource.value(at: path) != nil { return path }
        if status == .unknown {
            for trail in unknowns where trail.hasPrefix("resource.") {
                if let path = AttributePath(parsing: String(trail.dropFirst("resource.".count))) { return path }
            }
        }
        for path in policy.assertedPaths where resource.locations[path] != nil || resource.sourceLocations[path] != nil {
            return path
        }
        return nil
    }
}
