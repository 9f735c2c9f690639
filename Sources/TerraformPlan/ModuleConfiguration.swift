import Graph

/// One module of a plan's `configuration`: its resource blocks, module calls and outputs.
struct ModuleConfiguration: Sendable {
    /// A `module "x" { … }` call.
    struct Call: Sendable {
        var source: String?
        var expressions: [String: Value]
        var module: ModuleConfiguration
    }

    /// Resource blocks by their module-local address (`aws_kms_key.main`, `data.x.y`): expressions.
    var resources: [String: [String: Value]] = [:]
    /// The sorted names of each resource block's expressions, as a list value (the
    /// `configured_attributes` of every instance of the block).
    var configuredAttributes: [String: Value] = [:]
    var calls: [String: Call] = [:]
    /// Output expressions by name.
    var outputs: [String: Value] = [:]

    init() {}

    /// Reads a `root_module` / `module` object of the plan's configuration.
    init(_ value: Value?, depth: Int = 0) {
        guard let value, depth < 64 else { return }
        for block in value["resources"]?.listValue ?? [] {
            guard let address = block["address"]?.stringValue else { continue }
            let expressions = block["expressions"]?.mapValue ?? [:]
            resources[address] = expressions
            configuredAttributes[address] = .list(expressions.keys.sorted().map { .string($0) })
        }
        for (name, call) in value["module_calls"]?.mapValue ?? [:] {
            calls[name] = Call(
                source: call["source"]?.stringValue, expressions: call["expressions"]?.mapValue ?? [:],
                module: ModuleConfiguration(call["module"], depth: depth + 1))
        }
        for (name, output) in value["outputs"]?.mapValue ?? [:] {
            outputs[name] = output["expression"] ?? .null
        }
    }

    /// The module at a configuration path below this one.
    func module(at path: [String]) -> ModuleConfiguration? {
        var node = self
        for name in path {
            guard let next = node.calls[name]?.module else { return nil }
            node = next
        }
        return node
    }

    /// Every `references` string inside an expression (nested blocks included), in order.
    static func references(in expression: Value) -> [String] {
        var out: [String] = []
        func walk(_ v: Value) {
            switch v {
            case .map(let members):
                if let refs = members["references"]?.listValue {
                    for r in refs { if let s = r.stringValue { out.append(s) } }
                }
                for key in members.keys.sorted() where key != "references" && key != "constant_value" {
                    if let child = members[key] { walk(child) }
                }
            case .list(let elements): elements.forEach(walk)
            default: break
            }
        }
        walk(expression)
        return out
    }
}
