import Dispatch

/// All resources of one run and the typed connections between them.
///
/// Resources keep the order their files were given in, so output is stable across runs.
/// Linkers add edges and effective attributes after parsing; policies read the result.
public struct ResourceGraph: Sendable {
    /// Every resource, in input order.
    public private(set) var resources: [Resource]
    /// Every edge, in the order added.
    public private(set) var edges: [Edge]
    private var outgoing: [[Int]]
    private var incoming: [[Int]]
    /// Every edge, for the duplicate check (a server with many locations made it quadratic).
    private var edgeSet: Set<Edge> = []

    /// A graph of these resources and edges (indices into `resources`).
    public init(_ resources: [Resource] = [], edges: [Edge] = []) {
        self.resources = resources
        self.edges = []
        self.outgoing = Array(repeating: [], count: resources.count)
        self.incoming = Array(repeating: [], count: resources.count)
        for edge in edges { add(edge) }
    }

    /// A graph of parsed files, in the given order, with each file's local edges resolved.
    ///
    /// A local edge names resources by id within its own file; an id that is not there
    /// (or is ambiguous, with two resources of the same id) resolves to the first match.
    public init(files: [ParsedFile]) {
        self.init()
        for file in files { append(file) }
    }

    /// Adds a parsed file's resources and its local edges.
    public mutating func append(_ file: ParsedFile) { append([file]) }

    /// Adds parsed files' resources and their local edges, in the given order; each file's edges
    /// are resolved to indices on every core, then added in order.
    public mutating func append(_ files: [ParsedFile]) {
        let resolved = concurrentMap(files.count, chunks: files.count, serialBelow: 4) { ResourceGraph.localEdges(files[$0]) }
        let newResources = files.reduce(0) { $0 + $1.resources.count }
        let newEdges = resolved.reduce(0) { $0 + $1.count }
        // Room up front: thousands of resources and edges would otherwise regrow (and rehash)
        // the tables many times.
        // A lone file's resources are taken over whole (its array's storage is shared, not
        // copied resource by resource).
        let takeOver = resources.isEmpty && files.count == 1
        if !takeOver { resources.reserveCapacity(resources.count + newResources) }
        outgoing.reserveCapacity(outgoing.count + newResources)
        incoming.reserveCapacity(incoming.count + newResources)
        reserveEdges(newEdges)
        for (file, local) in zip(files, resolved) {
            let base = resources.count
            if takeOver {
                resources = file.resources
            } else {
                resources.append(contentsOf: file.resources)
            }
            outgoing.append(contentsOf: repeatElement([], count: file.resources.count))
            incoming.append(contentsOf: repeatElement([], count: file.resources.count))
            for edge in local { add(Edge(from: base + edge.from, to: base + edge.to, kind: edge.kind, label: edge.label)) }
        }
    }

    /// A file's local edges with offsets into its resources for ids; an id that is not there
    /// drops the edge, and one given to several resources names the first.
    private static func localEdges(_ file: ParsedFile) -> [Edge] {
        guard !file.edges.isEmpty else { return [] }
        var byID: [String: Int] = [:]
        byID.reserveCapacity(file.resources.count)
        for offset in file.resources.indices where byID[file.resources[offset].id] == nil {
            byID[file.resources[offset].id] = offset
        }
        return file.edges.compactMap { edge in
            guard let from = byID[edge.from], let to = byID[edge.to] else { return nil }
            return Edge(from: from, to: to, kind: edge.kind, label: edge.label)
        }
    }

    /// Adds a resource and returns its index.
    @discardableResult
    public mutating func append(_ resource: Resource) -> Int {
        resources.append(resource)
        outgoing.append([])
        incoming.append([])
        return resources.count - 1
    }

    /// Adds an edge unless the same edge is already there.
    public mutating func add(_ edge: Edge) {
        precondition(resources.indices.contains(edge.from) && resources.indices.contains(edge.to))
        guard edgeSet.insert(edge).inserted else { return }
        edges.append(edge)
        outgoing[edge.from].append(edges.count - 1)
        incoming[edge.to].append(edges.count - 1)
    }

    /// Replaces the resource at `index` (linkers use this to add effective attributes).
    public mutating func update(_ index: Int, _ body: (inout Resource) -> Void) {
        body(&resources[index])
    }

    /// Runs `body` on each resource at `indices`, in place, on every core; `body` gets the
    /// position in `indices` and the resource. An index may appear only once, so that each
    /// resource has one writer.
    ///
    /// Linkers compute their updates first (from the graph as it is) and apply them with this:
    /// the writes to thousands of attribute and location tables run in parallel.
    public mutating func updateConcurrently(_ indices: [Int], _ body: @Sendable (_ position: Int, _ resource: inout Resource) -> Void) {
        var seen = [Bool](repeating: false, count: resources.count)
        for index in indices {
            precondition(!seen[index], "updateConcurrently: resource \(index) appears twice")
            seen[index] = true
        }
        guard indices.count >= 16 else {
            for (position, index) in indices.enumerated() { body(position, &resources[index]) }
            return
        }
        let chunks = min(indices.count, 64)
        resources.withUnsafeMutableBufferPointer { buffer in
            let shared = SharedResources(buffer: buffer)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                for position in indices.count * chunk / chunks..<indices.count * (chunk + 1) / chunks {
                    body(position, &shared.buffer[indices[position]])
                }
            }
        }
    }

    /// The resources' storage, handed to the workers of `updateConcurrently`, which write
    /// disjoint elements.
    private struct SharedResources: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<Resource>
    }

    /// Adds edges (as `add(_:)` each) with room made for all of them first.
    public mutating func add(contentsOf newEdges: [Edge]) {
        reserveEdges(newEdges.count)
        for edge in newEdges { add(edge) }
    }

    /// Makes room for `count` more edges; the list at least doubles, so that many small
    /// batches still grow it geometrically.
    private mutating func reserveEdges(_ count: Int) {
        if edges.count + count > edges.capacity { edges.reserveCapacity(max(edges.count + count, 2 * edges.count)) }
        edgeSet.reserveCapacity(edgeSet.count + count)
    }

    /// The edges that start at resource `index`, optionally of one kind.
    public func edges(from index: Int, kind: Edge.Kind? = nil) -> [Edge] {
        outgoing[index].map { edges[$0] }.filter { kind == nil || $0.kind == kind }
    }

    /// The edges that end at resource `index`, optionally of one kind.
    public func edges(to index: Int, kind: Edge.Kind? = nil) -> [Edge] {
        incoming[index].map { edges[$0] }.filter { kind == nil || $0.kind == kind }
    }

    /// Indices of resources `index` points to, of resource kind `resourceKind` when given.
    public func targets(of index: Int, kind: Edge.Kind? = nil, resourceKind: String? = nil) -> [Int] {
        unique(edges(from: index, kind: kind).map(\.to).filter { resourceKind == nil || resources[$0].kind == resourceKind })
    }

    /// Indices of resources that point to `index`, of resource kind `resourceKind` when given.
    public func sources(of index: Int, kind: Edge.Kind? = nil, resourceKind: String? = nil) -> [Int] {
        unique(edges(to: index, kind: kind).map(\.from).filter { resourceKind == nil || resources[$0].kind == resourceKind })
    }

    /// Indices of all resources of a kind, in order.
    public func indices(ofKind kind: String) -> [Int] {
        resources.indices.filter { resources[$0].kind == kind }
    }

    private func unique(_ list: [Int]) -> [Int] {
        var seen = Set<Int>()
        return list.filter { seen.insert($0).inserted }
    }
}
