import CEL
import Dispatch
import Graph
import TLSFacts

/// The CEL environment policies are compiled in: the variables `resource` and `params`, and
/// the graph and fact functions.
///
/// Graph functions find resources connected to the one being judged, returned as the same
/// maps `resource` is (attributes plus `id` and `kind`): `related(kind)` follows edges of any
/// type in either direction, `references`/`referencedBy` follow `references` edges out and
/// in, `selects`/`selectedBy` and `contains`/`containedBy` likewise. Each is callable as a
/// global (`related("terraform/aws_kms_key")`) or on `resource` (`resource.related(…)`), except
/// `contains`, which is global only so that CEL's `"abc".contains("b")` keeps its meaning.
/// `aws.elbPolicy(name)`, `aws.cloudfrontPolicy(name)`, `aws.cloudfrontOriginProtocol(name)`
/// and `aws.apiGatewayPolicy(name)` look a name up in the TLSFacts tables (ELB security
/// policies, CloudFront viewer security policies, CloudFront `origin_ssl_protocols` values, API
/// Gateway security policies); an unknown argument stays unknown.
public enum PolicyEnvironment {
    /// The environment every policy (and `cipherlint eval`) uses.
    public static let standard: CELEnvironment = {
        var env = CELEnvironment()
        env.declare(variable: "resource")
        env.declare(variable: "params")
        let graphFunctions: [(String, Edge.Kind?, Direction)] = [
            ("related", nil, .both), ("references", .references, .outgoing), ("referencedBy", .references, .incoming),
            ("selects", .selects, .outgoing), ("selectedBy", .selects, .incoming), ("contains", .contains, .outgoing),
            ("containedBy", .contains, .incoming),
        ]
        for (name, edgeKind, direction) in graphFunctions {
            env.register(function: name, arity: 1) { (args, bindings) throws(CELError) -> CELValue in
                try connected(args[0], edgeKind, direction, bindings)
            }
            // `x.contains(y)` is CEL's string function: the graph one is global only.
            if name == "contains" { continue }
            env.register(function: name, receiver: true, arity: 2) { (args, bindings) throws(CELError) -> CELValue in
                try connected(args[1], edgeKind, direction, bindings)
            }
        }
        let factTables: [(String, @Sendable (String) -> Value)] = [
            ("aws.elbPolicy", ELBSecurityPolicy.celValue(for:)),
            ("aws.cloudfrontPolicy", CloudFrontSecurityPolicy.celValue(for:)),
            ("aws.cloudfrontOriginProtocol", CloudFrontSecurityPolicy.originProtocolCELValue(for:)),
            ("aws.apiGatewayPolicy", APIGatewaySecurityPolicy.celValue(for:)),
        ]
        for (name, lookup) in factTables {
            env.register(function: name, arity: 1) { (args, _) throws(CELError) -> CELValue in
                guard case .string(let key) = args[0] else {
                    if case .unknown = args[0] { return args[0] }
                    throw CELError("\(name) expects a string")
                }
                return CELValue(lookup(key))
            }
        }
        return env
    }()

    enum Direction: Sendable { case outgoing, incoming, both }

    static func connected(_ kindArgument: CELValue, _ edgeKind: Edge.Kind?, _ direction: Direction, _ bindings: CELBindings) throws(CELError) -> CELValue {
        guard case .string(let kind) = kindArgument else { throw CELError("graph functions take a resource kind string") }
        guard let context = bindings.context as? EvaluationContext else { return .list([]) }
        var indices: [Int] = []
        let filter: String? = kind.isEmpty || kind == "*" ? nil : kind
        if direction != .incoming {
            indices += context.graph.targets(of: context.index, kind: edgeKind, resourceKind: filter)
        }
        if direction != .outgoing {
            indices += context.graph.sources(of: context.index, kind: edgeKind, resourceKind: filter)
        }
        var seen = Set<Int>()
        return .list(indices.filter { seen.insert($0).inserted }.sorted().map { CELValue(context.values.value(of: $0)) })
    }
}

/// What host functions need while one resource is judged: the graph and the resource's index.
final class EvaluationContext: Sendable {
    let graph: ResourceGraph
    let index: Int
    let values: ResourceValues

    init(graph: ResourceGraph, index: Int, values: ResourceValues) {
        self.graph = graph
        self.index = index
        self.values = values
    }
}

/// The `resource` map of every resource of a graph: its attributes plus `id` and `kind`.
struct ResourceValues: Sendable {
    private let values: [Value]

    init(_ graph: ResourceGraph) {
        // Each is a copy of the resource's attribute map plus two keys: built on every core.
        let count = graph.resources.count
        guard count >= 512 else {
            values = graph.resources.map(ResourceValues.value(of:))
            return
        }
        let chunks = 8
        let slots = ConcurrentSlots<[Value]>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = (count * chunk / chunks)..<(count * (chunk + 1) / chunks)
            slots.set(chunk, graph.resources.withUnsafeBufferPointer { resources in range.map { ResourceValues.value(of: resources[$0]) } })
        }
        values = slots.values.flatMap { $0 }
    }

    func value(of index: Int) -> Value { values[index] }

    static func value(of resource: Resource) -> Value {
        var attributes = resource.attributes
        attributes["id"] = .string(resource.id)
        attributes["kind"] = .string(resource.kind)
        return .map(attributes)
    }
}

/// Bindings for evaluating an expression against one resource outside a policy run
/// (`cipherlint eval --input`).
public enum ResourceBinding {
    /// `resource` bound to the resource at `index`, with the graph functions working.
    public static func bindings(_ graph: ResourceGraph, _ index: Int) -> CELBindings {
        let values = ResourceValues(graph)
        var bindings = CELBindings()
        bindings["resource"] = CELValue(values.value(of: index))
        bindings["params"] = CELValue(Value.map([:]))
        bindings.context = EvaluationContext(graph: graph, index: index, values: values)
        return bindings
    }
}
