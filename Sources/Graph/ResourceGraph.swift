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
    public mutating func append(_ file: ParsedFile) {
        let base = resources.count
        var byID: [String: Int] = [:]
        // Room up front: a file of thousands of resources and edges would otherwise regrow
        // (and rehash) the tables many times. At least doubling, so that many small files
        // still grow the edge list geometrically.
        byID.reserveCapacity(file.resources.count)
        if edges.count + file.edges.count > edges.capacity {
            edges.reserveCapacity(max(edges.count + file.edges.count, 2 * edges.count))
        }
        edgeSet.reserveCapacity(edgeSet.count + file.edges.count)
        for offset in file.resources.indices where byID[file.resources[offset].id] == nil {
            byID[file.resources[offset].id] = base + offset
        }
        if resources.isEmpty {
            // The first file's resources are taken over whole (its array's storage is shared,
            // not copied resource by resource).
            resources = file.resources
            outgoing = Array(repeating: [], count: resources.count)
            incoming = Array(repeating: [], count: resources.count)
        } else {
            for resource in file.resources { append(resource) }
        }
        for edge in file.edges {
            guard let from = byID[edge.from], let to = byID[edge.to] else { continue }
            add(Edge(from: from, to: to, kind: edge.kind, label: edge.label))
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
