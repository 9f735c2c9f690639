import CJSONC
import Graph

/// Reads `terraform show -json` plan output into resources, edges and locations.
///
/// Every managed resource that exists after apply (from `planned_values`, with `after_unknown`
/// from `resource_changes` turned into `Value.unknown`) and every data source (from
/// `prior_state` and `planned_values`) becomes a `Resource` with id = its full address and kind
/// `terraform/<type>` (`terraform/data.<type>` for data sources). Resources only being deleted
/// are left out. Policy documents held as JSON strings are parsed into `*_document` attributes
/// (see `PolicyDocument`). Besides the values, each resource has `address`, `module_address`,
/// `mode`, `provider_name`, `index`, `change_actions` and `configured_attributes` (the
/// top-level arguments written in its configuration block) unless it has attributes of those
/// names already. Edges (`references`, labelled with the attribute) come from the plan's
/// `configuration`, module-aware. Locations point into the plan JSON; `source` and
/// `sourceLocations` into `.tf` files when the Terraform sources can be read.
public struct TerraformPlanParser: ResourceParser {
    /// Where `.tf` files are read from; nil means no `.tf` mapping.
    public var sources: (any SourceProvider)?
    /// The root module's directory; nil means the plan's own directory, if it holds `*.tf`.
    public var sourceDirectory: String?

    /// A parser that maps resources to `.tf` files when `sources` is given.
    public init(sources: (any SourceProvider)? = nil, sourceDirectory: String? = nil) {
        self.sources = sources
        self.sourceDirectory = sourceDirectory
    }

    /// True when `bytes` look like plan JSON: an object with `format_version` and
    /// `planned_values` or `resource_changes` near the start (UTF-8 or UTF-16, BOM or not).
    public static func looksLikePlan(_ bytes: [UInt8]) -> Bool { PlanText.looksLikePlan(bytes) }

    /// The resources of a plan; throws for a binary plan, invalid JSON or JSON that is not a plan.
    public func parse(_ file: SourceFile) throws(ParseError) -> ParsedFile {
        let text = try PlanText.utf8(file.bytes, path: file.path)
        let result = JSONC.withDocument(text) { root in read(root, text: text, path: file.path) }
        switch result {
        case .failure(let failure):
            throw ParseError(
                failure.message + (text.isEmpty ? " (the file is empty)" : ""),
                at: TerraformPlanParser.location(of: failure.offset, in: text, path: file.path))
        case .success(.failure(let error)): throw error
        case .success(.success(let parsed)): return parsed
        }
    }

    /// Line and column (in Unicode scalars) of a byte offset.
    static func location(of offset: Int, in bytes: [UInt8], path: String) -> SourceLocation {
        var line = 1
        var column = 1
        var i = 0
        let end = min(offset, bytes.count)
        while i < end {
            if bytes[i] == 0x0A {
                line += 1
                column = 1
            } else if bytes[i] & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return SourceLocation(path: path, line: line, column: column)
    }

    /// One resource object of the plan, before it becomes a `Resource`.
    private struct Item {
        var address: String
        var mode: String
        var type: String
        var name: String
        var index: Value?
        var provider: Value?
        var values: Value
        var sensitive: Value?
        var section: PlanPositionIndex.Section
    }

    /// A `resource_changes` entry.
    private struct Change {
        var actions: [String]
        var afterUnknown: Value?
        var afterSensitive: Value?
        var moduleAddress: String?
        var object: OpaquePointer?
    }

    private func read(_ root: OpaquePointer?, text: [UInt8], path: String) -> Result<ParsedFile, ParseError> {
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
        let index = PlanPositionIndex(text, path: path)
        let configuration = ModuleConfiguration(JSONC.value(JSONC.member(JSONC.member(root, "configuration"), "root_module")))

        var changes: [String: Change] = [:]
        var changeOrder: [String] = []
        for entry in JSONC.elements(changesObject) {
            guard let address = JSONC.string(JSONC.member(entry, "address")), JSONC.member(entry, "deposed") == nil,
                changes[address] == nil
            else { continue }
            let change = JSONC.member(entry, "change")
            let actions = JSONC.elements(JSONC.member(change, "actions")).compactMap(JSONC.string)
            changes[address] = Change(
                actions: actions, afterUnknown: JSONC.member(change, "after_unknown").map { JSONC.value($0) },
                afterSensitive: JSONC.member(change, "after_sensitive").map { JSONC.value($0) },
                moduleAddress: JSONC.string(JSONC.member(entry, "module_address")), object: entry)
            changeOrder.append(address)
        }

        var items: [Item] = []
        var seen = Set<String>()
        func collect(_ module: OpaquePointer?, section: PlanPositionIndex.Section, dataOnly: Bool, depth: Int) {
            guard depth < 100 else { return }
            for r in JSONC.elements(JSONC.member(module, "resources")) {
                guard let address = JSONC.string(JSONC.member(r, "address")) else { continue }
                let mode = JSONC.string(JSONC.member(r, "mode")) ?? "managed"
                if dataOnly && mode != "data" { continue }
                guard seen.insert(address).inserted else { continue }
                items.append(
                    Item(
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
                Item(
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
            var configured: Set<String>?
            if let parsedAddress, let block = configuration.module(at: parsedAddress.modulePath)?.resources[parsedAddress.base] {
                meta["configured_attributes"] = .list(block.keys.sorted().map { .string($0) })
                configured = Set(block.keys)
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

    /// True for changes that leave nothing behind: `["delete"]`, `["forget"]`.
    static func isRemoval(_ actions: [String]) -> Bool {
        !actions.isEmpty && actions.allSatisfy { $0 == "delete" || $0 == "forget" }
    }
}
