import Graph

/// Turns configuration expression references into edges between resource instances.
///
/// References are module-local (`aws_kms_key.main.arn` inside `module.app`); this resolves them
/// in the referring instance's module instance, follows `var.x` to the module call's argument in
/// the caller and `module.x.out` to the output's expression in the callee, and expands a
/// reference without an instance key to every instance of the target (or, when the referring
/// resource has an instance key the target also has, to that instance: the for_each pairing).
struct ReferenceResolver {
    private let root: ModuleConfiguration
    /// Full base address (module instance prefix + `type.name`) → instance addresses.
    private var instances: [String: [String]] = [:]
    /// Parent instance prefix + `module.NAME` → the instance prefixes of that call.
    private var moduleInstances: [String: [String]] = [:]
    private var known: Set<String> = []

    init(configuration root: ModuleConfiguration, addresses: [(String, ResourceAddress?)]) {
        self.root = root
        var seenInstances = Set<String>()
        for (address, parsed) in addresses {
            guard let parsed, known.insert(address).inserted else { continue }
            instances[parsed.baseAddress, default: []].append(address)
            var prefix = ""
            for step in parsed.moduleInstances {
                let (name, _) = ResourceAddress.nameAndIndex(String(step.dropFirst("module.".count)))
                let call = ResourceAddress.join(prefix, "module." + name)
                let instance = ResourceAddress.join(prefix, step)
                if seenInstances.insert(instance).inserted { moduleInstances[call, default: []].append(instance) }
                prefix = instance
            }
        }
    }

    /// Edges from the resource at `address`: (attribute name, target address), deduplicated.
    func edges(from address: String, _ parsed: ResourceAddress?) -> [(label: String, target: String)] {
        guard let parsed, let module = root.module(at: parsed.modulePath),
            let expressions = module.resources[parsed.base]
        else { return [] }
        var out: [(String, String)] = []
        var seen = Set<String>()
        for key in expressions.keys.sorted() {
            guard let expression = expressions[key] else { continue }
            for reference in ModuleConfiguration.references(in: expression) {
                let targets = resolve(
                    reference, instances: parsed.moduleInstances, path: parsed.modulePath, index: parsed.index, depth: 0)
                for target in targets where target != address && seen.insert(key + "\u{0}" + target).inserted {
                    out.append((key, target))
                }
            }
        }
        return out
    }

    private func resolve(_ reference: String, instances steps: [String], path: [String], index: String, depth: Int)
        -> [String]
    {
        guard depth < 16 else { return [] }
        let tokens = ResourceAddress.split(reference)
        guard let head = tokens.first, tokens.count >= 2 else { return [] }
        let prefix = steps.joined(separator: ".")
        switch head {
        case "var":
            guard let callName = path.last, let parent = root.module(at: Array(path.dropLast())),
                let call = parent.calls[callName], let argument = call.expressions[tokens[1]]
            else { return [] }
            return ModuleConfiguration.references(in: argument).flatMap {
                resolve($0, instances: Array(steps.dropLast()), path: Array(path.dropLast()), index: index, depth: depth + 1)
            }
        case "module":
            guard tokens.count >= 3 else { return [] }
            let (name, key) = ResourceAddress.nameAndIndex(tokens[1])
            guard let callee = root.module(at: path + [name]), let output = callee.outputs[tokens[2]] else { return [] }
            let children: [String]
            if !key.isEmpty {
                children = [ResourceAddress.join(prefix, "module." + name + key)]
            } else {
                children = moduleInstances[ResourceAddress.join(prefix, "module." + name)] ?? []
            }
            return children.flatMap { child in
                let childSteps = steps + [String(child.dropFirst(prefix.isEmpty ? 0 : prefix.count + 1))]
                return ModuleConfiguration.references(in: output).flatMap {
                    resolve($0, instances: childSteps, path: path + [name], index: "", depth: depth + 1)
                }
            }
        case "data":
            guard tokens.count >= 3 else { return [] }
            let (name, key) = ResourceAddress.nameAndIndex(tokens[2])
            return targets(ResourceAddress.join(prefix, "data.\(tokens[1]).\(name)"), key: key, sourceIndex: index)
        case "local", "each", "count", "path", "terraform", "self":
            return []
        default:
            guard head.contains("_") else { return [] }
            let (name, key) = ResourceAddress.nameAndIndex(tokens[1])
            return targets(ResourceAddress.join(prefix, "\(head).\(name)"), key: key, sourceIndex: index)
        }
    }

    private func targets(_ base: String, key: String, sourceIndex: String) -> [String] {
        if !key.isEmpty, known.contains(base + key) { return [base + key] }
        guard let all = instances[base] else { return [] }
        if key.isEmpty, !sourceIndex.isEmpty, all.count > 1, known.contains(base + sourceIndex) {
            return [base + sourceIndex]
        }
        return all
    }
}
