import Graph

@testable import TerraformPlan

/// The plan reader as it was before the single-pass JSON parser (json-c tree + a second pass for
/// positions), kept as the oracle the new one is compared with.
extension TerraformPlanParser {
    /// The plan's resources as the json-c reader made them.
    func legacyParse(_ file: SourceFile) throws(ParseError) -> ParsedFile {
        let text = try PlanText.utf8(file.bytes, path: file.path)
        let result = JSONC.withDocument(text) { root in legacyRead(root, text: text, path: file.path) }
        switch result {
        case .failure(let failure):
            throw ParseError(
                failure.message + (text.isEmpty ? " (the file is empty)" : ""),
                at: TerraformPlanParser.location(of: failure.offset, in: text, path: file.path))
        case .success(.failure(let error)): throw error
        case .success(.success(let parsed)): return parsed
        }
    }

    /// One resource object of the plan, before it becomes a `Resource`.
    fileprivate struct LegacyItem {
        var address: String
        var mode: String
        var type: String
        var name: String
        var index: Value?
        var provider: Value?
        var values: Value
        var sensitive: Value?
        var section: LegacyPlanPositionIndex.Section
    }

    /// A `resource_changes` entry.
    fileprivate struct LegacyChange {
        var actions: [String]
        var afterUnknown: Value?
        var afterSensitive: Value?
        var moduleAddress: String?
        var object: OpaquePointer?
    }

    fileprivate func legacyRead(_ root: OpaquePointer?, text: [UInt8], path: String) -> Result<ParsedFile, ParseError> {
        let start = SourceLocation(path: path, line: 1)
        guard JSONC.isObject(root) else {
            return .failure(ParseError("not a Terraform plan: the JSON is not an object", at: start))
        }
        let planned = JSONC.member(root, "planned_values")
        let changesObject = JSONC.member(root, "resource_changes")
        guard let version = JSONC.string(JSONC.member(root, "format_version")), planned != nil || changesObject != nil
        else {
            return .failure(
                ParseError(
                    "not a Terraform plan (no format_version with planned_values or resource_changes); "
                        + "run `terraform show -json plan.out > plan.json` and scan plan.json", at: start))
        }
        var diagnostics: [Diagnostic] = []
        let major = Int(version.prefix { $0 != "." }) ?? 0
        if major > 1 {
            diagnostics.append(
                Diagnostic(
                    .warning, "plan format_version \(version) is newer than the versions cipherlint knows (0.1–1.2)",
                    at: start))
        }
        let index = LegacyPlanPositionIndex(text, path: path)
        let configuration = ModuleConfiguration(JSONC.value(JSONC.member(JSONC.member(root, "configuration"), "root_module")))

        var changes: [String: LegacyChange] = [:]
        var changeOrder: [String] = []
        for entry in JSONC.elements(changesObject) {
            guard let address = JSONC.string(JSONC.member(entry, "address")), JSONC.member(entry, "deposed") == nil,
                changes[address] == nil
            else { continue }
            let change = JSONC.member(entry, "change")
            let actions = JSONC.elements(JSONC.member(change, "actions")).compactMap(JSONC.string)
            changes[address] = LegacyChange(
                actions: actions, afterUnknown: JSONC.member(change, "after_unknown").map { JSONC.value($0) },
                afterSensitive: JSONC.member(change, "after_sensitive").map { JSONC.value($0) },
                moduleAddress: JSONC.string(JSONC.member(entry, "module_address")), object: entry)
            changeOrder.append(address)
        }

        var items: [LegacyItem] = []
        var seen = Set<String>()
        func collect(_ module: OpaquePointer?, section: LegacyPlanPositionIndex.Section, dataOnly: Bool, depth: Int) {
            guard depth < 100 else { return }
            for r in JSONC.elements(JSONC.member(module, "resources")) {
                guard let address = JSONC.string(JSONC.member(r, "address")) else { continue }
                let mode = JSONC.string(JSONC.member(r, "mode")) ?? "managed"
                if dataOnly && mode != "data" { continue }
                guard seen.insert(address).inserted else { continue }
                items.append(
                    LegacyItem(
                        address: address, mode: mode, type: JSONC.string(JSONC.member(r, "type")) ?? "",
                        name: JSONC.string(JSONC.member(r, "name")) ?? "",
                        index: JSONC.member(r, "index").map { JSONC.value($0) },
                        provider: JSONC.member(r, "provider_name").map { JSONC.value($0) },
                        values: JSONC.value(JSONC.member(r, "values")),
                        sensitive: JSONC.member(r, "sensitive_values").map { JSONC.value($0) }, section: section))
            }
            for child in JSONC.elements(JSONC.member(module, "child_modules")) {
                collect(child, section: section, dataOnly: dataOnly, depth: depth + 1)
            }
        }
        collect(JSONC.member(planned, "root_module"), section: .planned, dataOnly: false, depth: 0)
        for address in changeOrder where !seen.contains(address) {
            guard let change = changes[address], let entry = change.object, !TerraformPlanParser.isRemoval(change.actions),
                let after = JSONC.member(JSONC.member(entry, "change"), "after"), JSONC.isObject(after)
            else { continue }
            seen.insert(address)
            items.append(
                LegacyItem(
                    address: address, mode: JSONC.string(JSONC.member(entry, "mode")) ?? "managed",
                    type: JSONC.string(JSONC.member(entry, "type")) ?? "",
                    name: JSONC.string(JSONC.member(entry, "name")) ?? "",
                    index: JSONC.member(entry, "index").map { JSONC.value($0) },
                    provider: JSONC.member(entry, "provider_name").map { JSONC.value($0) }, values: JSONC.value(after),
                    sensitive: nil, section: .changes))
        }
        collect(
            JSONC.member(JSONC.member(JSONC.member(root, "prior_state"), "values"), "root_module"), section: .prior,
            dataOnly: true, depth: 0)

        var mapper = SourceMapper(
            sources: sources, directory: sourceDirectory, planPath: path, configuration: configuration)
        var resources: [Resource] = []
        resources.reserveCapacity(items.count)
        var addresses: [(String, ResourceAddress?)] = []
        addresses.reserveCapacity(items.count)
        for item in items {
            let change = changes[item.address]
            if let change, TerraformPlanParser.isRemoval(change.actions) { continue }
            var values = item.values
            if let mask = change?.afterUnknown, let updated = ValueMask.applyUnknown(values, mask) { values = updated }
            var attributes = values.mapValue ?? [:]
            var sensitive = Set<AttributePath>()
            if let mask = item.sensitive { ValueMask.markedPaths(mask, into: &sensitive) }
            if let mask = change?.afterSensitive { ValueMask.markedPaths(mask, into: &sensitive) }

            let entry = index.entry(item.section, item.address)
            var locations = entry?.attributes ?? [:]
            let parsedAddress = ResourceAddress(item.address)
            var meta: [String: Value] = [
                "address": .string(item.address), "mode": .string(item.mode),
                "module_address": parsedAddress.map { .string($0.prefix) } ?? .string(change?.moduleAddress ?? ""),
            ]
            if let provider = item.provider { meta["provider_name"] = provider }
            if let i = item.index { meta["index"] = i }
            if let actions = change?.actions { meta["change_actions"] = .list(actions.map { .string($0) }) }
            var configured: [String: Value]?
            if let parsedAddress, let block = configuration.module(at: parsedAddress.modulePath)?.resources[parsedAddress.base] {
                meta["configured_attributes"] = .list(block.keys.sorted().map { .string($0) })
                configured = block
            }
            for (key, value) in meta where attributes[key] == nil { attributes[key] = value }

            let location = entry?.location ?? SourceLocation(path: path, line: 1)
            let kind = item.mode == "data" ? "terraform/data.\(item.type)" : "terraform/\(item.type)"
            PolicyDocumentAttributes.add(
                to: &attributes, locations: &locations, isPolicyDocumentSource: kind == "terraform/data.aws_iam_policy_document",
                configured: configured, resourceLocation: location, diagnostics: &diagnostics)
            var resource = Resource(
                id: item.address, kind: kind, attributes: attributes, location: location, locations: locations,
                sensitivePaths: sensitive)
            if let parsedAddress { mapper.map(&resource, address: parsedAddress) }
            resources.append(resource)
            addresses.append((item.address, parsedAddress))
        }

        let resolver = ReferenceResolver(configuration: configuration, addresses: addresses)
        var edges: [LocalEdge] = []
        for (address, parsed) in addresses {
            for edge in resolver.edges(from: address, parsed) {
                edges.append(LocalEdge(from: address, to: edge.target, kind: .references, label: edge.label))
            }
        }
        return .success(
            ParsedFile(
                path: path, resources: resources, edges: edges, diagnostics: diagnostics,
                dependencies: mapper.filesRead))
    }

}
