import Dispatch
import Graph

/// Reads `terraform show -json` plan output into resources, edges and locations. The same
/// command's output for a state (`terraform show -json` without a plan file: `values` in place of
/// `planned_values`) is read the same way, as resources without changes.
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
        let tape: JSONTape
        do {
            tape = try JSONTape(text)
        } catch {
            throw ParseError(
                error.message + (text.isEmpty ? " (the file is empty)" : ""),
                at: TerraformPlanParser.location(of: error.offset, in: text, path: file.path))
        }
        let locator = PlanLocator(bytes: text, tape: tape, path: file.path)
        let result = text.withUnsafeBufferPointer { bytes in
            tape.nodes.withUnsafeBufferPointer { nodes in
                read(JSONView(bytes: bytes, nodes: nodes), locator: locator, path: file.path)
            }
        }
        return try result.get()
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
        /// The `index` and `provider_name` members' nodes.
        var index: Int?
        var provider: Int?
        /// The node of the values (`values` or `change.after`).
        var values: Int?
        /// The `sensitive_values` node.
        var sensitive: Int?
        /// The key node of the resource object's `address` (the resource's location).
        var addressKey: Int?
    }

    /// A `resource_changes` entry.
    private struct Change {
        var actions: [String]
        /// The `after_unknown` and `after_sensitive` nodes, read into values by `buildValues`
        /// (on its threads) only when the resource is built.
        var afterUnknown: Int?
        var afterSensitive: Int?
        var moduleAddress: String?
        var object: Int
    }

    private func read(_ json: JSONView, locator: PlanLocator, path: String) -> Result<ParsedFile, ParseError> {
        let start = SourceLocation(path: path, line: 1)
        let root = 0
        guard json.isObject(root) else {
            return .failure(ParseError("not a Terraform plan: the JSON is not an object", at: start))
        }
        let changesObject = json.member(root, "resource_changes")
        // `terraform show -json` of a state (no plan) holds the resources as they are, under
        // `values`, in the same shape as `planned_values`: judged as they stand, with no changes.
        let planned =
            json.member(root, "planned_values")
            ?? (changesObject == nil && json.member(json.member(root, "values"), "root_module") != nil ? json.member(root, "values") : nil)
        guard let version = json.string(json.member(root, "format_version")), planned != nil || changesObject != nil
        else {
            return .failure(
                ParseError(
                    "not a Terraform plan or state (no format_version with planned_values, resource_changes or values.root_module); "
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
        // The configuration, the changes and the planned resources are independent reads of the
        // tape: for a large plan, done at once on the cores.
        let shared = ReadBuffers(json: json)
        let configurationSlot = ConcurrentSlots<ModuleConfiguration>(count: 1)
        let changesSlot = ConcurrentSlots<([String: Change], [String])>(count: 1)
        let plannedSlot = ConcurrentSlots<([Item], Set<String>)>(count: 1)
        let readConfiguration: @Sendable () -> Void = {
            let json = shared.json
            configurationSlot.set(0, ModuleConfiguration(json.value(json.member(json.member(root, "configuration"), "root_module"))))
        }
        let readChanges: @Sendable () -> Void = {
            let json = shared.json
            var changes: [String: Change] = [:]
            var changeOrder: [String] = []
            for entry in json.elements(changesObject) {
                guard let address = json.string(json.member(entry, "address")), json.member(entry, "deposed") == nil,
                    changes[address] == nil
                else { continue }
                let change = json.member(entry, "change")
                let actions = json.elements(json.member(change, "actions")).compactMap { json.string($0) }
                changes[address] = Change(
                    actions: actions, afterUnknown: json.member(change, "after_unknown"),
                    afterSensitive: json.member(change, "after_sensitive"),
                    moduleAddress: json.string(json.member(entry, "module_address")), object: entry)
                changeOrder.append(address)
            }
            changesSlot.set(0, (changes, changeOrder))
        }
        let readPlanned: @Sendable () -> Void = {
            var items: [Item] = []
            var seen = Set<String>()
            TerraformPlanParser.collect(shared.json.member(planned, "root_module"), dataOnly: false, depth: 0, shared.json, &items, &seen)
            plannedSlot.set(0, (items, seen))
        }
        if json.nodes.count >= 1 << 16 {
            DispatchQueue.concurrentPerform(iterations: 3) { task in
                switch task {
                case 0: readChanges()
                case 1: readPlanned()
                default: readConfiguration()
                }
            }
        } else {
            readConfiguration()
            readChanges()
            readPlanned()
        }
        let configuration = configurationSlot.values[0]
        let (changes, changeOrder) = changesSlot.values[0]
        var (items, seen) = plannedSlot.values[0]
        func collect(_ module: Int?, dataOnly: Bool, depth: Int) {
            TerraformPlanParser.collect(module, dataOnly: dataOnly, depth: depth, json, &items, &seen)
        }
        for address in changeOrder where !seen.contains(address) {
            guard let change = changes[address], !TerraformPlanParser.isRemoval(change.actions),
                let after = json.member(json.member(change.object, "change"), "after"), json.isObject(after)
            else { continue }
            let entry = change.object
            seen.insert(address)
            items.append(
                Item(
                    address: address, mode: json.string(json.member(entry, "mode")) ?? "managed",
                    type: json.string(json.member(entry, "type")) ?? "",
                    name: json.string(json.member(entry, "name")) ?? "", index: json.member(entry, "index"),
                    provider: json.member(entry, "provider_name"), values: after, sensitive: nil,
                    addressKey: json.memberKey(entry, "address")))
        }
        collect(json.member(json.member(json.member(root, "prior_state"), "values"), "root_module"), dataOnly: true, depth: 0)

        // The resources kept (a planned removal leaves nothing behind) and their parsed addresses.
        var kept: [Int] = []
        kept.reserveCapacity(items.count)
        for (k, item) in items.enumerated() {
            if let change = changes[item.address], TerraformPlanParser.isRemoval(change.actions) { continue }
            kept.append(k)
        }
        let addressChunks = kept.count < 512 ? 1 : 4
        let parsedAddresses = ConcurrentSlots<[(String, ResourceAddress?)]>(count: addressChunks)
        DispatchQueue.concurrentPerform(iterations: addressChunks) { [kept, items] chunk in
            let range = (kept.count * chunk / addressChunks)..<(kept.count * (chunk + 1) / addressChunks)
            parsedAddresses.set(chunk, range.map { n in (items[kept[n]].address, ResourceAddress(items[kept[n]].address)) })
        }
        let addresses = Array(parsedAddresses.values.joined())
        // The reference edges depend only on the configuration and the addresses: for a large
        // plan they are resolved on another thread while this one builds the resources.
        let edgeSlot = ConcurrentSlots<[LocalEdge]>(count: 1)
        let edgeWork = DispatchGroup()
        let resolveEdges: @Sendable () -> Void = { [configuration, addresses] in
            edgeSlot.set(0, TerraformPlanParser.referenceEdges(configuration: configuration, addresses: addresses))
        }
        if addresses.count >= 512 { DispatchQueue.global().async(group: edgeWork, execute: resolveEdges) } else { resolveEdges() }

        var mapper = SourceMapper(
            sources: sources, directory: sourceDirectory, planPath: path, configuration: configuration)
        var resources: [Resource] = []
        resources.reserveCapacity(kept.count)
        var built = TerraformPlanParser.buildValues(items, changes: changes, json: json, locator: locator)
        // Each kept item becomes a resource (its values, the plan's metadata, parsed policy
        // documents) on every core; mapping it to its .tf source stays on this thread.
        var finished = [Resource?](repeating: nil, count: kept.count)
        var itemDiagnostics = [[Diagnostic]](repeating: [], count: kept.count)
        let chunks = kept.count < 512 ? 1 : 4
        built.withUnsafeMutableBufferPointer { builtBuffer in
            finished.withUnsafeMutableBufferPointer { finishedBuffer in
                itemDiagnostics.withUnsafeMutableBufferPointer { diagnosticBuffer in
                    let shared = FinishBuffers(json: json, built: builtBuffer, resources: finishedBuffer, diagnostics: diagnosticBuffer)
                    DispatchQueue.concurrentPerform(iterations: chunks) { [kept, items, changes, addresses] chunk in
                        for n in (kept.count * chunk / chunks)..<(kept.count * (chunk + 1) / chunks) {
                            let k = kept[n]
                            shared.resources[n] = TerraformPlanParser.resource(
                                items[k], change: changes[items[k].address], address: addresses[n].1, values: &shared.built[k],
                                json: shared.json, locator: locator, configuration: configuration, start: start,
                                diagnostics: &shared.diagnostics[n])
                        }
                    }
                }
            }
        }
        for n in kept.indices {
            diagnostics += itemDiagnostics[n]
            guard var resource = finished[n] else { continue }
            finished[n] = nil
            if let parsedAddress = addresses[n].1 { mapper.map(&resource, address: parsedAddress) }
            resources.append(resource)
        }
        edgeWork.wait()
        return .success(
            ParsedFile(
                path: path, resources: resources, edges: edgeSlot.values[0], diagnostics: diagnostics,
                dependencies: mapper.filesRead))
    }

    /// The resource objects of a module of `planned_values` or `prior_state` (only data
    /// sources when `dataOnly`) and of its child modules, appended to `items` unless their
    /// address is in `seen`.
    private static func collect(
        _ module: Int?, dataOnly: Bool, depth: Int, _ json: JSONView, _ items: inout [Item], _ seen: inout Set<String>
    ) {
        guard depth < 100 else { return }
        for r in json.elements(json.member(module, "resources")) {
            guard let address = json.string(json.member(r, "address")) else { continue }
            let mode = json.string(json.member(r, "mode")) ?? "managed"
            if dataOnly && mode != "data" { continue }
            guard seen.insert(address).inserted else { continue }
            items.append(
                Item(
                    address: address, mode: mode, type: json.string(json.member(r, "type")) ?? "",
                    name: json.string(json.member(r, "name")) ?? "", index: json.member(r, "index"),
                    provider: json.member(r, "provider_name"), values: json.member(r, "values"),
                    sensitive: json.member(r, "sensitive_values"), addressKey: json.memberKey(r, "address")))
        }
        for child in json.elements(json.member(module, "child_modules")) {
            collect(child, dataOnly: dataOnly, depth: depth + 1, json, &items, &seen)
        }
    }

    /// The read-only tape view, shared by the threads reading the plan's parts.
    private struct ReadBuffers: @unchecked Sendable {
        let json: JSONView
    }

    /// The resource of one kept item: its built values (taken, `built` is left empty), the
    /// plan's metadata about it, and its parsed policy documents (problems with those go to
    /// `diagnostics`).
    private static func resource(
        _ item: Item, change: Change?, address parsedAddress: ResourceAddress?, values built: inout BuiltValues, json: JSONView,
        locator: PlanLocator, configuration: ModuleConfiguration, start: SourceLocation, diagnostics: inout [Diagnostic]
    ) -> Resource {
        // Moved out of `built`, so that adding attributes does not copy the dictionaries.
        var attributes: [String: Value] = [:]
        if case .map(let members) = built.values { attributes = members }
        var locations = built.locations
        let sensitive = built.sensitive
        built = BuiltValues()
        var meta: [String: Value] = [
            "address": .string(item.address), "mode": .string(item.mode),
            "module_address": parsedAddress.map { .string($0.prefix) } ?? .string(change?.moduleAddress ?? ""),
        ]
        if let provider = item.provider { meta["provider_name"] = json.value(provider) }
        if let i = item.index { meta["index"] = json.value(i) }
        if let actions = change?.actions { meta["change_actions"] = .list(actions.map { .string($0) }) }
        var configured: [String: Value]?
        if let parsedAddress, let module = configuration.module(at: parsedAddress.modulePath),
            let block = module.resources[parsedAddress.base]
        {
            meta["configured_attributes"] = module.configuredAttributes[parsedAddress.base] ?? .list([])
            configured = block
        }
        // Room for the metadata and the policy documents at once, not in steps.
        attributes.reserveCapacity(attributes.count + meta.count + 3)
        for (key, value) in meta where attributes[key] == nil { attributes[key] = value }

        let location = item.addressKey.map { locator.location(json.offset($0)) } ?? start
        let kind = item.mode == "data" ? "terraform/data.\(item.type)" : "terraform/\(item.type)"
        PolicyDocumentAttributes.add(
            to: &attributes, locations: &locations, isPolicyDocumentSource: kind == "terraform/data.aws_iam_policy_document",
            configured: configured, resourceLocation: location, diagnostics: &diagnostics)
        return Resource(
            id: item.address, kind: kind, attributes: attributes, location: location, locations: locations,
            sensitivePaths: sensitive)
    }

    /// The tape view and the slots the resource-finishing threads share; each thread reads and
    /// writes only its own slots, and the buffers outlive `concurrentPerform`.
    private struct FinishBuffers: @unchecked Sendable {
        let json: JSONView
        let built: UnsafeMutableBufferPointer<BuiltValues>
        let resources: UnsafeMutableBufferPointer<Resource?>
        let diagnostics: UnsafeMutableBufferPointer<[Diagnostic]>
    }

    /// The `references` edges between the resources at `addresses`, in address order.
    private static func referenceEdges(
        configuration: ModuleConfiguration, addresses: [(String, ResourceAddress?)]
    ) -> [LocalEdge] {
        let resolver = ReferenceResolver(configuration: configuration, addresses: addresses)
        var edges: [LocalEdge] = []
        for (address, parsed) in addresses {
            for edge in resolver.edges(from: address, parsed) {
                edges.append(LocalEdge(from: address, to: edge.target, kind: .references, label: edge.label))
            }
        }
        return edges
    }

    /// The values (with `after_unknown` applied), attribute locations and sensitive paths of each
    /// item, built on two threads for large plans (the order of the result is the items' order).
    private static func buildValues(
        _ items: [Item], changes: [String: Change], json: JSONView, locator: PlanLocator
    ) -> [BuiltValues] {
        var out = [BuiltValues](repeating: BuiltValues(), count: items.count)
        let chunks = items.count < 512 ? 1 : 2
        out.withUnsafeMutableBufferPointer { buffer in
            let shared = SharedBuffers(json: json, out: buffer)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                var segments: [AttributePath.Segment] = []
                for k in (items.count * chunk / chunks)..<(items.count * (chunk + 1) / chunks) {
                    let item = items[k]
                    let change = changes[item.address]
                    if let change, TerraformPlanParser.isRemoval(change.actions) { continue }
                    var built = BuiltValues()
                    if let node = item.values {
                        segments.removeAll(keepingCapacity: true)
                        built.values = shared.json.value(
                            node, path: &segments, locations: &built.locations, locator: locator)
                    }
                    if let mask = change?.afterUnknown, let updated = ValueMask.applyUnknown(built.values, shared.json.value(mask)) {
                        built.values = updated
                    }
                    if let mask = item.sensitive { ValueMask.markedPaths(shared.json.value(mask), into: &built.sensitive) }
                    if let mask = change?.afterSensitive { ValueMask.markedPaths(shared.json.value(mask), into: &built.sensitive) }
                    shared.out[k] = built
                }
            }
        }
        return out
    }

    /// What `buildValues` makes of one item.
    private struct BuiltValues: Sendable {
        var values = Value.null
        var locations: [AttributePath: SourceLocation] = [:]
        var sensitive = Set<AttributePath>()
    }

    /// The read-only tape view and the result slots, shared by the `buildValues` threads; each
    /// thread writes only its own slots, and the buffers outlive `concurrentPerform`.
    private struct SharedBuffers: @unchecked Sendable {
        let json: JSONView
        let out: UnsafeMutableBufferPointer<BuiltValues>
    }

    /// True for changes that leave nothing behind: `["delete"]`, `["forget"]`.
    static func isRemoval(_ actions: [String]) -> Bool {
        !actions.isEmpty && actions.allSatisfy { $0 == "delete" || $0 == "forget" }
    }
}
